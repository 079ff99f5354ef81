import { type DestinationStream, type LogFn, type Logger, pino } from 'pino';
import type { LogLevel } from '../config/config.js';
import { scrubErrorText, serializeError } from './error-serializer.js';

export type { Logger };

/**
 * Fields that may hold secrets or personal data. Logs never show titles, notes, names or
 * tokens; ids and codes are enough to follow what happened.
 */
const SENSITIVE = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'title',
  'text',
  'note',
  'reason',
  'displayName',
  'display_name',
  'name',
  'email',
  'databaseUrl',
  'migrationDatabaseUrl',
  'data',
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((field) => `*.${field}`),
  ...SENSITIVE.map((field) => `*.*.${field}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'err.detail',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'stappenplan' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      hooks: { logMethod: scrubErrorAsMessage },
    },
    destination,
  );
}

/**
 * Without a message of its own, pino writes the error's message as the line's `msg`, past the
 * serializer (pino docs/api.md, "errorKey" and "logger.error(err)"); give it the scrubbed one.
 */
function scrubErrorAsMessage(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first] = args;
  if (args.length === 1 && first !== null && typeof first === 'object' && !('msg' in first)) {
    const error: unknown = first instanceof Error ? first : (first as { err?: unknown }).err;
    const message = (error as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') {
      method.apply(this, [first, scrubErrorText(message)]);
      return;
    }
  }
  method.apply(this, args);
}
