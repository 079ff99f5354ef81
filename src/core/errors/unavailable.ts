/**
 * Whether an error means the database cannot be reached right now (connection refused, reset or
 * cut, server shutting down or not accepting connections), as opposed to a bug or a refusal.
 * Read from the error's shape only, so the core needs no database driver: node's socket codes
 * and PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P (operator intervention),
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || /^(08...|57P0[123])$/.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  return isUnavailable(cause, depth + 1);
}

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** What `pg` says when a connection drops or cannot be made in time. */
const CONNECTION_MESSAGES = [
  /^Connection terminated unexpectedly/,
  /^Connection terminated due to connection timeout/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
];
