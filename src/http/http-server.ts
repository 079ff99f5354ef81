import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => unknown | Promise<unknown>;

/** Why a request is refused before its route runs: the status and a short, generic error. */
export interface RequestRefusal {
  status: number;
  error: string;
}
export type RequestGuard = (req: IncomingMessage) => RequestRefusal | null;

/**
 * The one HTTP server of the process. Platforms register their endpoints on it
 * (`/slack/events`, `/api/messages`); the server answers health checks itself.
 */
export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly prefixes: Array<[string, string, RouteHandler]> = [];
  private guard: RequestGuard | null = null;
  private readonly server: Server;

  constructor(private readonly logger: Logger) {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** A check every request passes before its route (the playground's: this machine only). */
  guardRequests(guard: RequestGuard): void {
    this.guard = guard;
  }

  /** A handler for every path under `prefix` (e.g. a stand-in API). */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void {
    this.prefixes.push([method.toUpperCase(), prefix, handler]);
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The underlying server, for libraries that attach to it. */
  get raw(): Server {
    return this.server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const refusal = this.guard?.(req);
    if (refusal) {
      sendJson(res, refusal.status, { error: refusal.error });
      return;
    }
    const handler =
      this.routes.get(`${method} ${path}`) ??
      this.prefixes.find(([m, prefix]) => m === method && path.startsWith(prefix))?.[2];
    if (!handler) {
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) sendTooLarge(res, error.limit);
        return;
      }
      this.logger.error({ err: error, method, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(payload);
}

/** The largest request body read by default (Teams activities, the playground's own calls). */
export const BODY_LIMIT = 1_000_000;

/** A body over the limit: answered 413, never 400 or 500. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super('Request body too large');
  }
}

/** Reads a request body up to `limit` bytes; larger bodies are refused, by Content-Length first. */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<string> {
  return (await readRawBody(req, limit)).toString('utf8');
}

export async function readRawBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** 413 with one sentence that says what the limit is. */
export function sendTooLarge(res: ServerResponse, limit: number): void {
  const size = limit >= 1_000_000 ? `${Math.floor(limit / 1_000_000)} MB` : `${limit} bytes`;
  sendJson(res, 413, {
    error: 'payload_too_large',
    message: `The request body is larger than the ${size} this endpoint accepts.`,
  });
}
