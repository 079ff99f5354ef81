import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FileHandover, HandoverResult, OutgoingFile } from '../../core/ports/chat-gateway.js';
import type { Clock } from '../../core/ports/clock.js';
import type { HttpServer } from '../../http/http-server.js';

export const DOWNLOAD_PREFIX = '/playground/download/';
/** A link works for this long, and once. */
export const LINK_TTL_MS = 5 * 60_000;

/**
 * The playground's way to hand over a file: a download link on this machine (the playground
 * serves only loopback, see playground.guard.ts) that works once, within 5 minutes. The bytes
 * stay in memory until then and are forgotten when fetched or expired.
 */
export class DownloadLinks {
  private readonly links = new Map<string, { file: OutgoingFile; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly base: () => string,
    private readonly ttlMs = LINK_TTL_MS,
  ) {}

  async handOver(handover: FileHandover): Promise<HandoverResult> {
    const urls = handover.files.map((file) => {
      const token = randomBytes(24).toString('base64url');
      this.links.set(token, { file, until: this.clock.now().getTime() + this.ttlMs });
      setTimeout(() => this.links.delete(token), this.ttlMs).unref();
      return `${this.base()}${DOWNLOAD_PREFIX}${token}/${encodeURIComponent(file.name)}`;
    });
    return { kind: 'link', urls };
  }

  register(server: HttpServer, gone: () => string): void {
    server.routePrefix('GET', DOWNLOAD_PREFIX, (req, res) => {
      const token = (req.url ?? '').slice(DOWNLOAD_PREFIX.length).split(/[/?]/)[0] ?? '';
      const link = this.links.get(token);
      this.links.delete(token);
      if (!link || link.until <= this.clock.now().getTime()) return sendGone(res, gone());
      res.writeHead(200, {
        'content-type': link.file.mimeType,
        'content-length': String(link.file.bytes.length),
        'content-disposition': `attachment; filename="${link.file.name.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'no-store',
      });
      res.end(Buffer.from(link.file.bytes));
    });
  }
}

function sendGone(res: ServerResponse, text: string): void {
  res.writeHead(410, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
