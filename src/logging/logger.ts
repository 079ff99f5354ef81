import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config/config.js';

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
    },
    destination,
  );
}
