import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../../../src/platforms/slack/api/http-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (req.url === '/api/busy') return void res.writeHead(429, { 'retry-after': '3' }).end();
      if (req.url === '/api/empty') return void res.writeHead(204).end();
      if (req.url === '/api/hang') return; // never answers
      if (req.url === '/api/half') return void res.writeHead(200).write('{"ok":'); // stops halfway
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(JSON.stringify({ ok: true, echo: 'héllo' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpFetch (the Web API client transport)', () => {
  it('sends the method, headers and form body, and gives back status, headers and text', async () => {
    const body = 'channel=C1&text=%C3%A9%C3%A9n';
    const response = await httpFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({
      'content-type': 'application/json',
    });
    expect(await response.json()).toEqual({ ok: true, echo: 'héllo' });
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', body });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Bearer xoxb-1',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('passes a rate limit on with its Retry-After, and an empty answer without a body', async () => {
    const busy = await httpFetch(`${base}/api/busy`, { method: 'POST', body: 'a=1' });
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('3');
    const empty = await httpFetch(`${base}/api/empty`, { method: 'POST', body: '' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('gives up when the signal fires (the client time limit), and refuses an aborted signal at once', async () => {
    const started = Date.now();
    await expect(
      httpFetch(`${base}/api/hang`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    await expect(
      httpFetch(`${base}/api/half`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    const aborted = AbortSignal.abort(new Error('stopped'));
    await expect(
      httpFetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: aborted }),
    ).rejects.toThrow('stopped');
  });

  it('keeps the connection for the next call', async () => {
    const ports = new Set<number>();
    server.on('connection', (socket) => ports.add(socket.remotePort ?? 0));
    for (let i = 0; i < 3; i += 1)
      await (await httpFetch(`${base}/api/ok`, { method: 'POST', body: 'a' })).text();
    expect(ports.size).toBeLessThanOrEqual(1);
  });

  it('leaves bodies it does not handle (file uploads) to the built-in fetch', async () => {
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.txt');
    const response = await httpFetch(`${base}/api/files.upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(seen.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('speaks TLS to https addresses and checks the certificate (a self-signed one is refused)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stappenplan-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = createTlsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{"ok":true}'),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const { port } = tls.address() as AddressInfo;
      try {
        await expect(
          httpFetch(`https://127.0.0.1:${port}/api/auth.test`, { method: 'POST', body: 'a=1' }),
        ).rejects.toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|CERT/) });
      } finally {
        tls.closeAllConnections();
        await new Promise((resolve) => tls.close(resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
