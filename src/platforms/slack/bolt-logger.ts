import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logging/logger.js';

/**
 * Bolt's and the Web API client's log lines, as our JSON log lines. Their debug output holds
 * request bodies (titles, names), so it is dropped; the rest is passed as text, which names
 * methods and error codes only.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ module: 'slack' });
  const line = (parts: unknown[]) =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : safe(part)))
      .join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** Objects are reduced to their error code, if any: never their content. */
function safe(value: unknown): string {
  const code =
    (value as { code?: unknown; error?: unknown } | null)?.code ??
    (value as { error?: unknown } | null)?.error;
  return typeof code === 'string' ? code : '[object]';
}
