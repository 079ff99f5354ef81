/**
 * Whether botbuilder refused the request's token. botbuilder's own refusals carry status 401
 * (AuthenticationError). For a token whose signature does not verify (a key the issuer does not
 * list under that key id, or HS256 signed with the public key), botbuilder 4.23 rethrows
 * jsonwebtoken's error as it is (JwtTokenExtractor.validateToken), without a status. Both are the
 * caller's token at fault; the Bot Connector's authentication page asks the bot to refuse every
 * token that fails a check
 * (https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
 */
export function isRejectedToken(error: unknown): boolean {
  const { statusCode, name } = (error ?? {}) as { statusCode?: unknown; name?: unknown };
  if (statusCode === 401) return true;
  return name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError';
}

/** A refusal reason fit for the log: the error's name and message, never anything shaped like a token. */
export function rejectionReason(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return `${String(name ?? 'Error')}: ${String(message ?? '')}`
    .replace(/[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g, '[token]')
    .slice(0, 300);
}
