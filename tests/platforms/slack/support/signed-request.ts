import { createHmac } from 'node:crypto';
import { request } from 'node:http';

export interface SignedPost {
  status: number;
  text: string;
  /** performance.now() when the response (Bolt's ack) arrived. */
  receivedAt: number;
}

/**
 * Sends a request the way Slack does: `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}` with the
 * app's signing secret, in X-Slack-Signature, next to X-Slack-Request-Timestamp.
 */
export async function postSigned(
  url: string,
  body: string,
  options: {
    secret: string;
    contentType: string;
    timestamp?: number;
    headers?: Record<string, string>;
  },
): Promise<SignedPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const headers = {
    'content-type': options.contentType,
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
    ...options.headers,
  };
  // node:http rather than fetch: in the benchmark this side shares the machine with the app.
  return new Promise<SignedPost>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          receivedAt: performance.now(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
