import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';
import { PLAYGROUND_TENANT } from '../../../src/platforms/playground/playground.people.js';
import { FakeClock } from '../../support/core-fixture.js';
import {
  from,
  mentioning,
  pressOpen,
  sayInTeamChannel,
  startPlaygroundApp,
  toBot,
} from './support/playground-app.js';

/** Polls until `check` gives something truthy (the bot works after its answers). */
async function until<T>(check: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the playground');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The dossier in the playground: download links on this machine, each valid once for 5 minutes. */
describe('the playground hands over the dossier as one-time download links', () => {
  let app: App;
  let playground: PlaygroundModule;
  let chatId: string;
  const clock = new FakeClock(new Date());

  /** `@Stappenplan incident dossier` in the incident's group chat; the bot's text answer. */
  const askDossier = async (user: string, name: string) => {
    const before = playground.state.list(chatId).length;
    await toBot(app, {
      ...from(app, user, name),
      id: `d-${Math.random()}`,
      ...mentioning('incident dossier'),
      conversation: { id: chatId, conversationType: 'groupChat', isGroup: true, tenantId: PLAYGROUND_TENANT },
      channelData: { tenant: { id: PLAYGROUND_TENANT } },
    });
    await expect.poll(() => playground.state.list(chatId).length, { timeout: 10_000 }).toBe(before + 1);
    return String(playground.state.list(chatId).at(-1)?.activity.text ?? '');
  };
  const linksIn = (text: string) => [...text.matchAll(/http:\/\/\S+/g)].map((m) => m[0].replace(/\\/g, ''));

  beforeAll(async () => {
    ({ app, playground } = await startPlaygroundApp({ clock, dossier: true }));
    const mentor = { id: 'demo-mentor', name: 'Mila' };
    const pending = await sayInTeamChannel({ app, playground }, mentor, 'incident nieuw', 'm-1');
    await pressOpen(app, mentor, pending!.id, 'Foto 2B', 'demo-zorg');
    chatId = await until(
      () => [...playground.state.conversations.values()].find((c) => c.name.startsWith('Incident '))?.id,
    );
    await until(() => playground.state.list(chatId).length === 10);
  });
  afterAll(async () => app?.close());

  it('a member gets a PDF link and a Markdown link on 127.0.0.1; each works once', async () => {
    const answer = await askDossier('demo-zorg', 'Zorg');
    expect(answer).toContain('Download het binnen 5 minuten');
    const [pdf, markdown] = linksIn(answer);
    expect(new URL(pdf!).hostname).toBe('127.0.0.1');
    const first = await fetch(pdf!);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(
      Buffer.from(await first.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const again = await fetch(pdf!);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('verlopen of al gebruikt');
    const md = await fetch(markdown!);
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('Dossier incident');
  });

  it('a link not fetched within 5 minutes no longer works', async () => {
    const [pdf] = linksIn(await askDossier('demo-zorg', 'Zorg'));
    clock.advance(5 * 60_000 + 1);
    const late = await fetch(pdf!);
    expect(late.status).toBe(410);
  });

  it('someone who is not a member gets no link', async () => {
    const answer = await askDossier('demo-directie', 'Directie');
    expect(answer).toContain('Je bent geen lid van dit incident');
    expect(linksIn(answer)).toEqual([]);
  });
});
