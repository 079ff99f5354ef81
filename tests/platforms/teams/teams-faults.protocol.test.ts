import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { clicker } from './support/card-click.support.js';
import { actionData, cardText } from './support/card-reading.support.js';
import { FakeMicrosoft, GROUP_ID } from './support/fake-microsoft.js';
import { eventually, type Harness, quiet, startHarness, teamsHarness } from './support/teams-harness.js';
import {
  addAppToChannel,
  FOTO_2B_WITH_BAS,
  openIncident,
  requestOpeningForm,
  submitOpeningForm,
} from './support/teams-open.support.js';
import { ANNA, BAS, CARLA, DIRK, GENERAL } from './support/teams-people.support.js';

const OPEN = FOTO_2B_WITH_BAS;

describe('Teams: Microsoft having a bad moment', () => {
  const h = teamsHarness();

  it('Graph throttling (429 with Retry-After) and server errors are retried until the channel exists', async () => {
    h.microsoft.fail('POST', new RegExp(`/graph/teams/${GROUP_ID}/channels$`), 429, 2, {
      'retry-after': '0',
    });
    h.microsoft.fail('GET', /\/graph\/teams\/.*\/channels\?/, 503, 1);
    const opened = await openIncident(h, ANNA, OPEN);
    expect(h.microsoft.named('POST', new RegExp(`/graph/teams/${GROUP_ID}/channels$`))).toHaveLength(3);
    expect(h.microsoft.channels).toHaveLength(1);
    expect(opened.cards).toHaveLength(9);
  });

  it('a Connector error while posting a card is retried; no card is lost or doubled', async () => {
    const posts = /\/connector\/v3\/conversations\/19:channel-[^/]+\/activities$/;
    h.microsoft.fail('POST', posts, 503, 2, { 'retry-after': '0' });
    h.microsoft.fail('POST', posts, 429, 1, { 'retry-after': '0' });
    const opened = await openIncident(h, BAS, { ...OPEN, 'o:invited': 'aad-anna' });
    const posted = [opened.now, ...opened.cards];
    expect(posted).toHaveLength(10);
    expect(h.microsoft.named('POST', posts).length).toBeGreaterThanOrEqual(posted.length + 3);
    const rows = await h.app.database.db
      .selectFrom('card_message')
      .innerJoin('incident', 'incident.id', 'card_message.incident_id')
      .select(['card_message.card_key', 'card_message.message_id'])
      .where('incident.space_id', '=', opened.spaceId)
      .execute();
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((row) => row.message_id))).toEqual(new Set(posted.map((card) => card.id)));
  });

  it('a card update that keeps failing leaves the state saved and the clicker answered', async () => {
    const opened = await openIncident(h, ANNA, { ...OPEN, 'o:title': 'Foto 3C' });
    const phase = opened.cards[1]!;
    h.microsoft.fail('PUT', /activities/, 503, 20, { 'retry-after': '0' });
    const inSpace = { channel: opened.spaceId, replyToId: phase.id };
    const response = await clicker(h)(ANNA, VERBS.action, actionData(phase.card, 'Oppakken'), inSpace);
    expect(response.text).toContain('Je hebt deze stap opgepakt');
    await eventually(() => h.logs.some((line) => line.includes('follow-up after an action failed')));
    const steps = await h.app.database.db
      .selectFrom('step')
      .select(['status', 'owner_id'])
      .where('owner_id', '=', 'aad-anna')
      .execute();
    expect(steps).toEqual([{ status: 'claimed', owner_id: 'aad-anna' }]);
    // Logs carry status codes, never card content, titles or tokens.
    const logs = h.logs.join('\n');
    expect(logs).not.toContain('token-for');
    expect(logs).not.toContain('Foto 3C');
    expect(logs).not.toContain('TextRun');
  });

  it('a channel made by an earlier attempt that died before saving it is used, not made again', async () => {
    h.microsoft.channels.push({
      id: '19:left-over@thread.tacv2',
      displayName: 'incident-2026-0004',
      membershipType: 'private',
      members: [],
      webUrl: 'https://teams.microsoft.com/l/channel/left-over',
    });
    const creates = h.microsoft.named('POST', new RegExp(`/graph/teams/${GROUP_ID}/channels$`)).length;
    const opened = await openIncident(
      h,
      ANNA,
      { ...OPEN, 'o:title': 'Foto 4D' },
      10,
      '19:left-over@thread.tacv2',
    );
    expect(opened.spaceId).toBe('19:left-over@thread.tacv2');
    expect(h.microsoft.named('POST', new RegExp(`/graph/teams/${GROUP_ID}/channels$`))).toHaveLength(creates);
  });

  it('sends a reminder-style card to a person privately, making the chat when needed', async () => {
    const workspace = (await h.app.database.db
      .selectFrom('workspace')
      .selectAll()
      .executeTakeFirstOrThrow()) as {
      id: string;
    };
    const ws = await h.app.context.store.workspaces.get(workspace.id);
    const gateway = h.app.context.spaces.gatewayOf(ws!);
    const sent = await gateway.sendDirect('aad-carla', {
      key: 'reminder',
      incidentId: 'incident-1',
      fallback: 'Herinnering',
      blocks: [{ type: 'text', text: 'Nazorg **morgen**' }],
    });
    expect(sent.messageId).toMatch(/^a:personal-aad-carla\|/);
    const create = h.microsoft.named('POST', /^\/connector\/v3\/conversations$/).at(-1);
    expect(create?.body).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-carla' }],
      tenantId: 'tenant-1',
    });
    expect(cardText(h.microsoft.cards('a:personal-aad-carla').at(-1)?.card)).toBe('Nazorg **morgen**');
  });
});

describe('Teams: finishing an opening after a crash', () => {
  let dir: string;
  const microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK]);
  let h: Harness | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stappenplan-teams-'));
    await microsoft.start();
  });
  afterEach(async () => {
    await h?.close();
    h = null;
  });
  afterAll(async () => {
    await microsoft.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('an opening cut short (no card could be posted) is finished by the next start, without a second channel', async () => {
    h = await startHarness({ dataDir: join(dir, 'data'), microsoft });
    // The channel gets made, but every later call to post a card fails: the process "dies" halfway.
    microsoft.fail('POST', /\/connector\/v3\/conversations\/19:channel-[^/]+\/activities$/, 503, 1000, {
      'retry-after': '0',
    });
    await submitOpeningForm(h, ANNA, await requestOpeningForm(h, ANNA), OPEN);
    // A member adds the app to the new private channel; posting the cards then fails.
    const made = await eventually(() => microsoft.channels[0]);
    await eventually(() => h!.logs.some((line) => line.includes('follow-up after an action failed')));
    await addAppToChannel(h, made.id);
    // The attempt the app's arrival started has given up before the process "dies".
    await eventually(
      () => h!.logs.some((line) => line.includes('opening after the app was added failed')),
      20_000,
    );
    expect(microsoft.channels).toHaveLength(1);
    const stored = await h.app.database.db
      .selectFrom('incident')
      .select(['id', 'status', 'space_id'])
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('opening');
    const incidentId = stored.id;
    // A process that dies sends nothing more: let this one's last retries run out before it stops,
    // or a late post of the overview lands after the restart below.
    await quiet(microsoft);
    await h.close();

    // The overview did reach the channel before the process died, but its id was never stored.
    const channelId0 = microsoft.channels[0]!.id;
    const earlier = new Map([
      [
        'earlier-overview',
        { attachments: [{ content: { body: [{ id: `stappenplan:${incidentId}:overview` }] } }] },
      ],
    ]);
    microsoft.activities.set(channelId0, earlier);

    // Restarted, with Microsoft answering again.
    microsoft.clearFaults();
    h = await startHarness({ dataDir: join(dir, 'data'), microsoft });
    const channelId = microsoft.channels[0]!.id;
    await eventually(
      async () =>
        (await h!.app.database.db.selectFrom('incident').select(['status']).executeTakeFirstOrThrow())
          .status === 'open',
    );
    // Eight cards posted now, the overview found instead of posted twice.
    expect(microsoft.postedCards(channelId)).toHaveLength(10);
    const overview = await h.app.database.db
      .selectFrom('card_message')
      .select('message_id')
      .where('card_key', '=', 'overview')
      .executeTakeFirstOrThrow();
    expect(overview.message_id).toBe('earlier-overview');
    expect(microsoft.channels).toHaveLength(1);
  });
});

describe('Teams: a bot with an app id', () => {
  const h = teamsHarness({ appId: '00000000-0000-4000-8000-000000000001' });

  it('refuses an activity without a valid token, and bad bodies', async () => {
    const response = await h.say(ANNA, 'incident nieuw', { channel: GENERAL });
    expect(response.status).toBe(401);
    expect(h.microsoft.calls).toEqual([]);
    const bad = await fetch(`${h.app.url}/api/messages`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toMatch(/at .*\.ts/);
  });
});
