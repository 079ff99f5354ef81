import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { clicker } from './support/card-click.support.js';
import { actionData, cardText } from './support/card-reading.support.js';
import { ALL_ROLES } from './support/fake-graph.js';
import { FakeMicrosoft } from './support/fake-microsoft.js';
import { eventually, type Harness, startHarness } from './support/teams-harness.js';
import { FOTO_2B_WITH_BAS, requestOpeningForm, submitOpeningForm } from './support/teams-open.support.js';
import { ANNA, BAS, CARLA, DIRK, GENERAL } from './support/teams-people.support.js';

const OPEN = FOTO_2B_WITH_BAS;

/** `incident nieuw` in the team's channel and the form sent; returns the pending card's id. */
async function submitForm(h: Harness): Promise<string> {
  const opening = await requestOpeningForm(h, ANNA);
  const answer = await submitOpeningForm(h, ANNA, opening, OPEN);
  expect(answer.text).toMatch(/wordt geopend/);
  return opening.pendingId;
}

/** The requester's confirmation in the team's channel as it reads now. */
function notice(h: Harness, pendingId: string) {
  return h.microsoft.cards(GENERAL).find((card) => card.id === pendingId)?.card ?? {};
}

describe('Teams group chats: an opening that cannot finish says why, and a retry finishes it', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
    await h?.microsoft.stop();
  });

  it('without Chat.Create: no chat, the confirmation names the permission; granted, Probeer opnieuw opens one chat', async () => {
    const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK], {
      roles: ALL_ROLES.filter((role) => role !== 'Chat.Create'),
    });
    h = await startHarness({ space: 'chat', microsoft });
    const pendingId = await submitForm(h);
    const failed = await eventually(() => {
      const card = notice(h, pendingId);
      return cardText(card).includes('kon nog niet worden geopend') ? card : null;
    });
    expect(cardText(failed)).toContain('De app mist de toestemming “Chat.Create”');
    expect(cardText(failed)).not.toMatch(/is geopend/);
    expect(microsoft.chats).toEqual([]);
    // A refused call is not retried: Graph answered 403 once.
    expect(microsoft.named('POST', /^\/graph\/chats$/)).toHaveLength(1);

    microsoft.roles.add('Chat.Create');
    const onPending = { channel: GENERAL, replyToId: pendingId };
    const retry = await h.click(ANNA, VERBS.action, actionData(failed, 'Probeer opnieuw'), onPending);
    expect(retry.status).toBe(200);
    await eventually(() => cardText(notice(h, pendingId)).includes('Incident 2026-0001 is geopend'));
    expect(microsoft.chats).toHaveLength(1);
    expect(microsoft.postedCards(microsoft.chats[0]!.id)).toHaveLength(10);
  });

  it('the app not in the catalogue: the confirmation says what is missing, and no chat is made', async () => {
    const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK], { catalogued: null });
    h = await startHarness({ space: 'chat', microsoft });
    const pendingId = await submitForm(h);
    await eventually(() => cardText(notice(h, pendingId)).includes('kon nog niet worden geopend'));
    expect(cardText(notice(h, pendingId))).toContain('staat nog niet in de apps van de school');
    expect(JSON.stringify(notice(h, pendingId))).toContain('Probeer opnieuw');
    expect(microsoft.chats).toEqual([]);
  });

  it('a form sent naming another message (a forged replyToId) opens the incident but changes no one else’s card', async () => {
    const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK]);
    h = await startHarness({ space: 'chat', microsoft });
    // Bas's pending card in the channel: the message Anna's forged submit will name.
    await h.say(BAS, 'incident nieuw', { channel: GENERAL });
    const other = microsoft.cards(GENERAL).at(-1)!;
    const before = JSON.stringify(microsoft.activities.get(GENERAL)?.get(other.id));
    await h.say(ANNA, 'incident nieuw', { channel: GENERAL });
    const mine = microsoft.cards(GENERAL).at(-1)!;
    const data = (mine.card.refresh as { action: { data: object } }).action.data;
    const click = clicker(h);
    const { card: form } = await click(
      ANNA,
      VERBS.openForm,
      { ...data },
      { channel: GENERAL, replyToId: mine.id },
    );
    const submit = { ...actionData(form, 'Openen'), ...OPEN };
    const answer = await click(ANNA, VERBS.openSubmit, submit, { channel: GENERAL, replyToId: other.id });
    expect(answer.text).toContain('wordt geopend');
    await eventually(() => microsoft.postedCards(microsoft.chats[0]?.id ?? '-').length === 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(JSON.stringify(microsoft.activities.get(GENERAL)?.get(other.id))).toBe(before);
  });

  it('the Connector answers 404 (the bot is not in the chat): the confirmation says so', async () => {
    const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK]);
    h = await startHarness({ space: 'chat', microsoft });
    microsoft.fail('POST', /\/connector\/v3\/conversations\/19:chat-[^/]+\/activities$/, 404, 1);
    const pendingId = await submitForm(h);
    await eventually(() =>
      cardText(notice(h, pendingId)).includes('De bot is niet toegevoegd aan de nieuwe ruimte'),
    );
    expect(cardText(notice(h, pendingId))).not.toMatch(/is geopend/);
  });
});

describe('Teams group chats: a crash at each step of opening is finished by the next start, without a second chat', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stappenplan-chat-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [step, fault] of [
    ['after the chat was made, before the app was installed', /\/graph\/chats\/[^/]+\/installedApps$/],
    [
      'after the app was installed, before any card was posted',
      /\/connector\/v3\/conversations\/19:chat-[^/]+\/activities$/,
    ],
  ] as const) {
    it(step, async () => {
      const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK]);
      await microsoft.start();
      const dataDir = join(dir, step.replace(/\W+/g, '-'));
      let h = await startHarness({ space: 'chat', microsoft, dataDir });
      try {
        // Every call at this step fails: the process "dies" here.
        microsoft.fail('POST', fault, 503, 1000, { 'retry-after': '0' });
        await submitForm(h);
        await eventually(() => microsoft.named('POST', fault).length > 0);
        await eventually(() => h.logs.some((line) => line.includes('follow-up after an action failed')));
        await h.close();
        expect(microsoft.chats).toHaveLength(1);

        microsoft.clearFaults();
        h = await startHarness({ space: 'chat', microsoft, dataDir });
        await eventually(async () => {
          const row = await h.app.database.db
            .selectFrom('incident')
            .select('status')
            .executeTakeFirstOrThrow();
          return row.status === 'open';
        });
        expect(microsoft.chats).toHaveLength(1);
        expect(microsoft.named('POST', /^\/graph\/chats$/)).toHaveLength(1);
        expect(microsoft.chats[0]!.installedApps).toHaveLength(1);
        expect(microsoft.postedCards(microsoft.chats[0]!.id)).toHaveLength(10);
      } finally {
        await h.close();
        await microsoft.stop();
      }
    });
  }
});
