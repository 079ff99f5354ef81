import type { IncomingMessage } from 'node:http';
import type { RequestRefusal } from '../../http/http-server.js';
import { CONNECTOR_PREFIX } from './connector.stand-in.js';
import { TOKEN_PREFIX } from './graph.stand-in.js';

/** The names this machine answers to; `new URL` writes IPv6 hosts in brackets. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The playground accepts requests without sign-in, so it serves only its own page on this
 * machine. A web page elsewhere could otherwise drive it: through DNS rebinding (a name of theirs
 * that points at 127.0.0.1, caught by the Host check), or by posting a form or text/plain body
 * from its own origin (caught by the Origin and JSON checks; browsers send no preflight for
 * those). The answers name no reason.
 */
export function playgroundRequestRefusal(req: IncomingMessage, port: number): RequestRefusal | null {
  const host = req.headers.host ?? '';
  if (!isOwnAddress(`http://${host}`, port)) return FORBIDDEN;
  const origin = req.headers.origin;
  // Browsers send Origin on every cross-site request and on same-origin POSTs.
  if (origin !== undefined && origin !== `http://${host}`) return FORBIDDEN;
  if ((req.method ?? 'GET').toUpperCase() === 'POST' && mediaType(req) !== expectedType(req))
    return UNSUPPORTED;
  return null;
}

/** A serviceUrl the bot may reply to: the playground's own connector on this machine and port. */
export function isOwnConnector(serviceUrl: unknown, port: number): boolean {
  if (typeof serviceUrl !== 'string') return false;
  return isOwnAddress(serviceUrl, port) && new URL(serviceUrl).pathname === CONNECTOR_PREFIX.slice(0, -3);
}

function isOwnAddress(address: string, port: number): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    !url.username &&
    !url.password &&
    LOOPBACK_NAMES.has(url.hostname) &&
    (url.port || '80') === String(port)
  );
}

/** JSON everywhere, but the token stand-in takes a form, as Microsoft's token endpoint does. */
function expectedType(req: IncomingMessage): string {
  return (req.url ?? '').startsWith(TOKEN_PREFIX) ? 'application/x-www-form-urlencoded' : 'application/json';
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const FORBIDDEN: RequestRefusal = { status: 403, error: 'forbidden' };
const UNSUPPORTED: RequestRefusal = { status: 415, error: 'unsupported_media_type' };
