import type { Store } from '../core/ports/store.js';
import { type HttpServer, sendJson } from './http-server.js';

/** `/healthz`: the process is up. `/readyz`: the database answers, so requests can be served. */
export function registerHealthRoutes(server: HttpServer, store: Store, database: string): void {
  server.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  server.route('GET', '/readyz', async (_req, res) => {
    const ready = await store.ping();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', database });
  });
}
