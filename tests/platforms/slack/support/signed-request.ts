import { createHmac } from 'node:crypto';

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
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, receivedAt: performance.now() };
}
