import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { clickFor, waitForUpdate } from './support/card-steps.js';
import { FakeSlack } from './support/fake-slack.js';
import { slackHarness, withSlackHarness } from './support/slack-harness.hooks.js';
import {
  ANNA,
  BAS,
  cards,
  type Harness,
  incidentChannels,
  MANIFEST,
  openIncident,
  startFakeSlack,
  startHarness,
  YEAR,
} from './support/slack-harness.js';
import { manifestScopes } from './support/slack-scopes.js';

const year = YEAR;

describe('Slack API trouble', () => {
  const h = slackHarness();
  let opened: Awaited<ReturnType<typeof openIncident>>;

  it('posts every card once when chat.postMessage fails with 5xx, and takes another name when one is taken', async () => {
    const stranger = h.fake.state.addChannel(`incident-${year}-0001`, { isPrivate: true, members: [BAS] });
    h.fake.fail('chat.postMessage', { status: 503 }, 2);
    opened = await openIncident(h, ANNA, { title: 'Storing', invited: [BAS] });
    const { channel } = opened;
    expect(channel.name).toBe(`incident-${year}-0001-2`);
    expect(channel.id).not.toBe(stranger.id);
    expect(h.fake.named('chat.postMessage').filter((call) => call.error === 'http_503')).toHaveLength(2);
    expect(h.fake.state.topLevel(channel.id)).toHaveLength(10);
    expect(cards(h.fake, channel.id).size).toBe(10);
  });

  it('waits out a 429 with Retry-After and a `ratelimited` answer, then updates the card and answers', async () => {
    const direct = opened.card('phase:direct');
    h.fake.fail('chat.update', { status: 429, retryAfter: 1 });
    h.fake.fail('chat.postEphemeral', { error: 'ratelimited' });
    // The click's response_url is used up (Slack takes five posts on one), so the answer falls
    // back to chat.postEphemeral, which is rate limited once.
    h.fake.responseUrlsUsedUp = true;
    const started = performance.now();
    try {
      expect(await clickFor(h, BAS, direct, { kind: 'claim', step: 'attention-victim' })).toBe(
        'Je hebt deze stap opgepakt: Aandacht voor het slachtoffer.',
      );
    } finally {
      h.fake.responseUrlsUsedUp = false;
    }
    await waitForUpdate(h, direct, (text) => text.includes('Opgepakt door Bas'));
    expect(performance.now() - started).toBeGreaterThan(900);
    expect(h.fake.named('chat.update').some((call) => call.error === 'http_429')).toBe(true);
    expect(h.fake.named('chat.postEphemeral').map((call) => call.error ?? 'ok')).toEqual([
      'ratelimited',
      'ok',
    ]);
  });

  it('answers the clicker through the response_url of their click, not the Web API', async () => {
    const direct = opened.card('phase:direct');
    const ephemeralCalls = h.fake.named('chat.postEphemeral').length;
    const responses = h.fake.responses.length;
    expect(await clickFor(h, BAS, direct, { kind: 'claim', step: 'check-protocols' })).toBe(
      t('nl', 'feedback.claim', { step: 'Check bestaande protocollen' }),
    );
    expect(h.fake.responses.length).toBe(responses + 1);
    expect(h.fake.named('chat.postEphemeral')).toHaveLength(ephemeralCalls);
  });
});

describe('a missing scope', () => {
  it('tells the person opening which permission the app lacks, and keeps the incident', async () => {
    const fake = await FakeSlack.start(manifestScopes(MANIFEST).filter((scope) => scope !== 'groups:write'));
    fake.state.addUser({ id: ANNA, name: 'anna', displayName: 'Anna' });
    await withSlackHarness(
      async (h) => {
        await h.people.command(ANNA, 'nieuw');
        const view = await fake.waitFor(() => fake.state.views[0]);
        expect(
          (await h.people.submit(ANNA, view, { title: 'Zonder recht', kind: 'nude_photo' })).status,
        ).toBe(200);
        // The confirmation that said "wordt geopend…" now says what is missing, never "geopend".
        const told = await fake.waitFor(() =>
          fake.state.messages.find(
            (m) => m.channel.startsWith('D') && JSON.stringify(m.blocks ?? []).includes('groups:write'),
          ),
        );
        const text = JSON.stringify(told.blocks);
        expect(text).toContain(`Incident ${year}-0001 kon nog niet worden geopend.`);
        expect(text).toContain('De app mist de toestemming “groups:write”');
        expect(text).toContain('Probeer opnieuw');
        expect(text).not.toContain('is geopend');
        expect(await h.app.context.store.incidents.listByStatus('opening', 5)).toHaveLength(1);
      },
      { fake },
    );
  });
});

describe('an honest confirmation', () => {
  it('a conversations.create failure turns "wordt geopend…" into the problem and a retry, never a success', async () => {
    await withSlackHarness(async (h) => {
      h.fake.fail('conversations.create', { status: 500 }, 50);
      await h.people.command(ANNA, 'nieuw');
      const view = await h.fake.waitFor(() => h.fake.state.views.at(-1));
      await h.people.submit(ANNA, view, { title: 'Storing bij Slack', kind: 'nude_photo' });
      const notice = await h.fake.waitFor(() =>
        h.fake.state.messages.find(
          (m) => m.channel.startsWith('D') && JSON.stringify(m.blocks ?? []).includes('Probeer opnieuw'),
        ),
      );
      const text = JSON.stringify(notice.blocks);
      expect(text).toContain(`Incident ${year}-0001 kon nog niet worden geopend.`);
      expect(text).not.toContain('is geopend');
      expect(incidentChannels(h.fake)).toHaveLength(0);
      const everything = JSON.stringify([...h.fake.state.messages, ...h.fake.responses.map((r) => r.body)]);
      expect(everything).not.toContain(`${year}-0001 is geopend`);

      // Slack works again: the same incident opens from the retry button, in the same message.
      h.fake.clearFaults();
      await h.people.click(ANNA, notice, { kind: 'retryOpening' });
      const opened = await h.fake.waitFor(() => {
        const current = h.fake.state.message(notice.channel, notice.ts);
        return JSON.stringify(current.blocks ?? []).includes('is geopend') ? current : null;
      });
      const [channel] = incidentChannels(h.fake);
      expect(channel?.name).toBe(`incident-${year}-0001`);
      expect(JSON.stringify(opened.blocks)).toContain(`<#${channel?.id}>`);
      expect(await h.app.context.store.incidents.listByStatus('opening', 5)).toHaveLength(0);
    });
  });
});

describe('the process dies while opening an incident', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stappenplan-slack-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  /** Opens an incident until `hung` says the hanging call was made, then stops and starts again. */
  async function crashThenRestart(fake: FakeSlack, dataDir: string, hung: () => boolean): Promise<Harness> {
    const first = await startHarness(fake, { dataDir, requestTimeoutMs: 60_000 });
    await first.people.command(ANNA, 'nieuw');
    const view = await fake.waitFor(() => fake.state.views.at(-1));
    await first.people.submit(ANNA, view, { title: 'Crash', kind: 'nude_photo', invited: [BAS] });
    await fake.waitFor(hung, 5000, 'the hanging call');
    await first.close();
    return startHarness(fake, { dataDir });
  }

  it('after conversations.create: the next start finishes in the same channel', async () => {
    const fake = await startFakeSlack();
    fake.fail('conversations.create', { hang: true });
    const second = await crashThenRestart(
      fake,
      join(dir, 'a'),
      () => fake.named('conversations.create').length === 1,
    );
    try {
      const [channel, ...others] = incidentChannels(fake);
      expect(others).toEqual([]);
      await fake.waitFor(() => cards(fake, channel!.id).size === 10, 10_000, 'cards');
      expect(fake.state.topLevel(channel!.id)).toHaveLength(10);
      expect([...channel!.members]).toEqual(expect.arrayContaining([ANNA, BAS]));
      expect(fake.named('conversations.create').map((call) => call.error ?? 'ok')).toEqual([
        'ok',
        'name_taken',
      ]);
      expect(
        (await second.app.context.store.incidents.listByStatus('open', 5)).map((i) => i.spaceId),
      ).toEqual([channel!.id]);
    } finally {
      await second.close();
      await fake.close();
    }
  });

  it('after some cards were posted: the next start posts the rest, nothing twice', async () => {
    const fake = await startFakeSlack();
    // The overview and the first phase card are stored; the second is posted but its answer is lost.
    fake.fail('chat.postMessage', { hang: true }, 1, 2);
    const second = await crashThenRestart(
      fake,
      join(dir, 'b'),
      () => fake.named('chat.postMessage').length === 3,
    );
    try {
      const [channel, ...others] = incidentChannels(fake);
      expect(others).toEqual([]);
      await fake.waitFor(() => cards(fake, channel!.id).size === 10, 10_000, 'cards');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.state.topLevel(channel!.id)).toHaveLength(10);
      expect(fake.named('conversations.history').length).toBeGreaterThan(0);
      expect(fake.named('conversations.create')).toHaveLength(1);
      expect(fake.state.pins.size).toBe(2);
    } finally {
      await second.close();
      await fake.close();
    }
  });
});

describe('the database is gone', () => {
  it('keeps the modal open with a calm message, and answers commands without a stack trace', async () => {
    await withSlackHarness(async (h) => {
      await h.people.command(ANNA, 'nieuw');
      const view = await h.fake.waitFor(() => h.fake.state.views[0]);
      await h.app.database.close();
      const submitted = await h.people.submit(ANNA, view, { title: 'Onbereikbaar', kind: 'nude_photo' });
      const calm = t('nl', 'error.unexpected');
      expect(submitted.errors).toEqual({ title: calm });
      await h.people.command(ANNA, 'status');
      const reply = await h.fake.waitFor(() => h.fake.responses.find((r) => r.body.text === calm));
      expect(JSON.stringify(reply.body)).not.toMatch(/at |Error|stack/);
    });
  });
});
