import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { GRAPH_PREFIX } from '../../../src/platforms/playground/graph.stand-in.js';
import { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';

const owner = (aad: string) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles: ['owner'],
  'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${aad}')`,
});

/** The playground's Graph holds to the same rules as the tests' (one stand-in, graph.rules.ts). */
describe('the playground’s Microsoft Graph', () => {
  let app: App;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}${GRAPH_PREFIX}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    const logs = new Writable({ write: (_chunk, _encoding, done) => done() });
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), {
      logger: createLogger('info', logs),
      modules: [new PlaygroundModule()],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a group chat whose members are not all owners, as Graph does for an app', async () => {
    const member = { ...owner('demo-mentor'), roles: [] };
    const answer = await call('POST', 'chats', {
      chatType: 'group',
      topic: 'Incident 2026-0009',
      members: [member],
    });
    expect(answer.status).toBe(400);
  });

  it('makes a chat, adds a member, and refuses an app that is not in the catalogue or a chat it does not know', async () => {
    const made = await call('POST', 'chats', {
      chatType: 'group',
      topic: 'Incident 2026-0009',
      members: [owner('demo-mentor'), owner('demo-zorg')],
    });
    expect(made.status).toBe(201);
    const chat = (await made.json()) as { id: string };
    expect(
      (await call('POST', `chats/${encodeURIComponent(chat.id)}/members`, owner('demo-teamleider'))).status,
    ).toBe(201);
    const members = (await (await call('GET', `chats/${encodeURIComponent(chat.id)}/members`)).json()) as {
      value: Array<{ userId: string }>;
    };
    expect(members.value.map((m) => m.userId).sort()).toEqual([
      'demo-mentor',
      'demo-teamleider',
      'demo-zorg',
    ]);
    const install = {
      'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/other-app',
    };
    expect((await call('POST', `chats/${encodeURIComponent(chat.id)}/installedApps`, install)).status).toBe(
      404,
    );
    expect((await call('PATCH', 'chats/19%3Anone%40thread.v2', { topic: 'x' })).status).toBe(404);
  });
});
