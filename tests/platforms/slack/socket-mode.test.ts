import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { type App, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { selectModules } from '../../../src/modules.js';
import { APP_TOKEN, BOT_TOKEN, type FakeSlack } from './support/fake-slack.js';
import { BAS, startFakeSlack, TEAM_ID } from './support/slack-harness.js';

type Json = Record<string, unknown>;

/**
 * Socket Mode: the bot asks apps.connections.open for a WebSocket URL and listens there; no
 * public address. A local WebSocket server stands in for Slack's.
 */
describe('Socket Mode', () => {
  let fake: FakeSlack;
  let wss: WebSocketServer;
  let app: App;
  const sockets: WebSocket[] = [];
  const received: Json[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => received.push(JSON.parse(String(data)) as Json));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }),
      );
    });
    fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link?ticket=test`;
    const env = {
      PORT: '0',
      DATA_DIR: 'memory://',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
    };
    app = await startApp(loadConfig(env), {
      logger: createLogger('silent'),
      modules: selectModules(env, loadConfig(env)),
    });
  });
  afterAll(async () => {
    await app?.close();
    for (const socket of sockets) socket.terminate();
    await new Promise((resolve) => wss?.close(resolve));
    await fake?.close();
  });

  it('connects with the app token and waits for hello', () => {
    expect(fake.named('apps.connections.open')).toHaveLength(1);
    expect(sockets).toHaveLength(1);
  });

  it('acks a slash command over the socket and answers through the response URL', async () => {
    const responseUrl = fake.newResponseUrl();
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/incident',
          text: 'help',
          team_id: TEAM_ID,
          user_id: BAS,
          channel_id: 'CGENERAL',
          response_url: responseUrl,
          trigger_id: fake.state.issueTrigger(BAS),
        },
      }),
    );
    await fake.waitFor(() => received.find((message) => message.envelope_id === 'env-1'));
    const reply = await fake.waitFor(() =>
      fake.responses.find((response) => responseUrl.endsWith(`/${response.id}`)),
    );
    expect(String(reply.body.text)).toContain('/incident nieuw [korte titel]');
  });

  it('opens the new-incident modal within the trigger window', async () => {
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-2',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/incident',
          text: 'nieuw',
          team_id: TEAM_ID,
          user_id: BAS,
          channel_id: 'CGENERAL',
          response_url: fake.newResponseUrl(),
          trigger_id: fake.state.issueTrigger(BAS),
        },
      }),
    );
    await fake.waitFor(() => fake.state.views.find((view) => view.userId === BAS));
    expect(fake.named('views.open').map((call) => call.ok)).toEqual([true]);
  });
});

describe('start-up problems', () => {
  it('stops with a clear line when Slack refuses the bot token', async () => {
    const fake = await startFakeSlack();
    try {
      const env = {
        PORT: '0',
        DATA_DIR: 'memory://',
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: fake.apiUrl,
      };
      await expect(
        startApp(loadConfig(env), {
          logger: createLogger('silent'),
          modules: selectModules(env, loadConfig(env)),
        }),
      ).rejects.toThrow(
        'Slack refused SLACK_BOT_TOKEN (invalid_auth); check the token of the installed app.',
      );
    } finally {
      await fake.close();
    }
  });
});
