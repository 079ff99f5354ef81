import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An upload session Teams opened in the user's OneDrive when they chose "Allow". */
export interface UploadSession {
  id: string;
  name: string;
  /** The bytes once uploaded; null before. */
  bytes: Buffer | null;
  contentRange?: string;
}

/**
 * The upload URL of a file consent, as OneDrive's upload session answers it ("Upload large files
 * with an upload session"): PUT with Content-Length and Content-Range `bytes a-b/total`; the
 * whole file in one go is 201 Created with the drive item; a range that does not fit is 416, a
 * second upload to a finished session 404.
 */
export class FakeOneDrive {
  readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly baseUrl: () => string) {}

  /** What Teams sends in `uploadInfo` of a `fileConsent/invoke` with `action: accept`. */
  open(name: string) {
    const id = randomUUID();
    this.sessions.set(id, { id, name, bytes: null });
    return {
      contentUrl: `https://contoso-my.sharepoint.com/personal/u/Documents/Applications/Stappenplan/${name}`,
      name,
      uploadUrl: `${this.baseUrl()}/onedrive/upload/${id}`,
      uniqueId: id,
      fileType: name.split('.').pop() ?? '',
    };
  }

  receive(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const session = this.sessions.get((req.url ?? '').split('/').pop() ?? '');
    if (req.method !== 'PUT' || !session || session.bytes) return void res.writeHead(404).end();
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    const length = Number(req.headers['content-length']);
    const [from, to, total] = range ? range.slice(1).map(Number) : [];
    if (!range || from !== 0 || to !== body.length - 1 || total !== body.length || length !== body.length) {
      return void res.writeHead(416, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 'invalidRange', message: 'The Content-Range header is missing or wrong.' },
        }),
      );
    }
    session.bytes = body;
    session.contentRange = String(req.headers['content-range']);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: session.id, name: session.name, size: body.length }));
  }
}
