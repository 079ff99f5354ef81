import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import {
  PLAYGROUND_TEAM_ID,
  PLAYGROUND_TENANT,
} from '../../../src/platforms/playground/playground.people.js';
import { startPlaygroundApp } from './support/playground-app.js';

interface Sent {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A raw request, so the Host and Origin headers are exactly what a browser or an attacker sends. */
function send(port: number, sent: Sent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: sent.path, method: sent.method ?? 'GET', headers: sent.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(sent.body);
  });
}

/** An invoke-free message in the general channel that makes the bot answer ("incident help"). */
function helpMessage(serviceUrl: string) {
  return JSON.stringify({
    type: 'message',
    id: `m-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:demo-mentor', name: 'Mila', aadObjectId: 'demo-mentor' },
    recipient: { id: 'stappenplan', name: 'Stappenplan' },
    conversation: { id: PLAYGROUND_TEAM_ID, conversationType: 'channel', tenantId: PLAYGROUND_TENANT },
    channelData: {
      team: { id: PLAYGROUND_TEAM_ID },
      channel: { id: PLAYGROUND_TEAM_ID },
      tenant: { id: PLAYGROUND_TENANT },
    },
    text: '<at>Stappenplan</at> incident help',
    entities: [
      {
        type: 'mention',
        mentioned: { id: 'stappenplan', name: 'Stappenplan' },
        text: '<at>Stappenplan</at>',
      },
    ],
  });
}

describe('the playground answers only this machine’s own page', () => {
  let app: App;
  let port: number;
  let listener: Server;
  const heard: string[] = [];
  let elsewhere = '';

  beforeAll(async () => {
    ({ app } = await startPlaygroundApp());
    port = Number(new URL(app.url).port);
    listener = createServer((req, res) => {
      heard.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"x"}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/playground/connector/`;
  });
  afterAll(async () => {
    await app?.close();
    listener?.closeAllConnections();
    await new Promise<void>((resolve) => listener?.close(() => resolve()));
  });

  const own = () => `http://127.0.0.1:${port}/playground/connector/`;
  const json = { 'content-type': 'application/json' };

  it('answers a loopback Host with this port: 127.0.0.1, localhost and [::1]', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send(port, { path: '/playground/team', headers: { host } })).status).toBe(200);
    }
    const origin = `http://localhost:${port}`;
    const fromPage = await send(port, {
      path: '/api/messages',
      method: 'POST',
      headers: { ...json, host: `localhost:${port}`, origin },
      body: helpMessage(`http://localhost:${port}/playground/connector/`),
    });
    expect(fromPage.status).toBe(200);
  });

  it('refuses any other Host (DNS rebinding), on the page, its data and /api/messages', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `localhost.:${port}`,
    ]) {
      for (const path of ['/', '/playground/team', '/playground/conversations?user=demo-mentor']) {
        const answer = await send(port, { path, headers: { host } });
        expect(answer.status).toBe(403);
        expect(answer.text).not.toContain('Stappenplan');
      }
      const posted = await send(port, {
        path: '/api/messages',
        method: 'POST',
        headers: { ...json, host },
        body: helpMessage(own()),
      });
      expect(posted.status).toBe(403);
    }
  });

  it('refuses a body that is not JSON, as a web page’s form or text/plain post would send', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const answer = await send(port, {
        path: '/api/messages',
        method: 'POST',
        headers: { 'content-type': type },
        body: helpMessage(own()),
      });
      expect(answer.status).toBe(415);
      expect(answer.text.length).toBeLessThan(60);
    }
    const none = await send(port, { path: '/playground/record', method: 'POST', body: '{}' });
    expect(none.status).toBe(415);
  });

  it('refuses a request from another site’s page (its Origin)', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      const answer = await send(port, {
        path: '/api/messages',
        method: 'POST',
        headers: { ...json, origin },
        body: helpMessage(own()),
      });
      expect(answer.status).toBe(403);
    }
  });

  it('sends its replies only to its own connector, never to the address a request names', async () => {
    const refused = await send(port, {
      path: '/api/messages',
      method: 'POST',
      headers: json,
      body: helpMessage(elsewhere),
    });
    expect(refused.status).toBe(403);
    const answered = await send(port, {
      path: '/api/messages',
      method: 'POST',
      headers: json,
      body: helpMessage(own()),
    });
    expect(answered.status).toBe(200);
    expect(heard).toEqual([]);
  });
});
