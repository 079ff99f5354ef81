import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';
import { PLAYGROUND_TEAM_ID } from '../../../src/platforms/playground/playground.people.js';
import { pressOpen, sayInTeamChannel, startPlaygroundApp } from './support/playground-app.js';

/** The playground without a browser: what its page does, over HTTP. */
describe('the playground over HTTP', () => {
  let app: App;
  let playground: PlaygroundModule;
  const get = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    return { status: response.status, body: response.status === 200 ? await response.json() : null };
  };
  const visible = async (user: string) =>
    ((await get(`/playground/conversations?user=${user}`)).body as Array<{ name: string }>).map(
      (c) => c.name,
    );
  beforeAll(async () => {
    ({ app, playground } = await startPlaygroundApp());
  });
  afterAll(async () => app?.close());

  it('serves the page, its script and Microsoft’s card renderer from this machine', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/playground/adaptivecards.js"></script>');
    const renderer = await fetch(`${app.url}/playground/adaptivecards.js`);
    expect(renderer.status).toBe(200);
    expect((await renderer.text()).length).toBeGreaterThan(100_000);
  });

  it('opens an incident through the real Teams path; the channel is only for the invited', async () => {
    const mentor = 'demo-mentor';
    const general = PLAYGROUND_TEAM_ID;
    // What the page does for "@Stappenplan incident nieuw": keep the message, then tell the bot.
    const pending = await sayInTeamChannel(
      { app, playground },
      { id: mentor, name: 'Mila' },
      'incident nieuw',
      'm-1',
    );
    expect(pending).toBeDefined();
    const opened = await pressOpen(app, { id: mentor, name: 'Mila' }, pending!.id, 'Foto 2B', 'demo-zorg');
    // Not "geopend" before it is: the answer says it is being opened...
    expect(opened.text).toContain('Incident 2026-0001 wordt geopend');
    await expect.poll(() => visible(mentor), { timeout: 10_000 }).toContain('Incident 2026-0001');
    expect(await visible('demo-zorg')).toContain('Incident 2026-0001');
    expect(await visible('demo-directie')).not.toContain('Incident 2026-0001');

    // ...and the same card in the channel says it is open once the group chat has its cards.
    const channel = [...playground.state.conversations.values()].find(
      (c) => c.name === 'Incident 2026-0001',
    )!;
    expect(channel.kind).toBe('chat');
    await expect
      .poll(
        () => JSON.stringify(playground.state.list(general).find((m) => m.id === pending!.id)?.activity),
        {
          timeout: 10_000,
        },
      )
      .toContain('Incident 2026-0001 is geopend');
    await expect.poll(() => playground.state.list(channel.id).length, { timeout: 10_000 }).toBe(10);
    expect(
      (await get(`/playground/messages?user=demo-directie&conversation=${encodeURIComponent(channel.id)}`))
        .status,
    ).toBe(403);
    expect(
      (await get(`/playground/messages?user=demo-zorg&conversation=${encodeURIComponent(channel.id)}`))
        .status,
    ).toBe(200);
    const recorded = await fetch(`${app.url}/playground/record`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: 'demo-directie',
        conversation: channel.id,
        activity: { type: 'message', text: 'hoi' },
      }),
    });
    expect(recorded.status).toBe(403);
  });
});
