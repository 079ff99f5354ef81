import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

type FetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
};

const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

/**
 * The Web API client's transport on node:http(s) with kept-alive connections. Node's built-in
 * fetch costs about twice the processor time per call, which adds up when twenty people click
 * at once and each gets an answer. Only what the client sends is supported: string bodies
 * (form-encoded calls); anything else goes through the built-in fetch.
 */
export async function httpFetch(input: string | URL, init: FetchInit = {}): Promise<Response> {
  const url = new URL(String(input));
  const body = init.body;
  if ((body !== undefined && body !== null && typeof body !== 'string') || !/^https?:$/.test(url.protocol)) {
    return fetch(input, init as RequestInit);
  }
  const secure = url.protocol === 'https:';
  const payload = body === undefined || body === null ? undefined : Buffer.from(body);
  const headers: Record<string, string> = { ...init.headers };
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason);
    const send = secure ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http },
      (res) => collect(res).then(resolve, reject),
    );
    const abort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', abort));
    req.on('error', reject);
    req.end(payload);
  });
}

function collect(res: IncomingMessage): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      const status = res.statusCode ?? 0;
      const nullBody = status === 204 || status === 205 || status === 304;
      resolve(
        new Response(nullBody ? null : Buffer.concat(chunks), {
          status,
          statusText: res.statusMessage ?? '',
          headers,
        }),
      );
    });
  });
}
