import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { decodeActionValue } from '../../../src/platforms/slack/block-kit/action-value.js';
import { stepText } from './support/card-steps.js';
import { SIGNING_SECRET } from './support/fake-slack.js';
import type { FakeChannel, FakeMessage } from './support/fake-slack.state.js';
import { postSigned } from './support/signed-request.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, CEM, openIncident, TEAM_ID, XANDER } from './support/slack-harness.js';

const h = slackHarness();
let channel: FakeChannel;
let card: (key: string) => FakeMessage;
let other: (key: string) => FakeMessage;

beforeAll(async () => {
  ({ channel, card } = await openIncident(h, ANNA, { title: 'Foto 4A', invited: [BAS] }));
  ({ card: other } = await openIncident(h, CEM, { title: 'Ander incident', invited: [ANNA] }));
});

function fileMessage(channelId: string, userId: string, fileId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    subtype: 'file_share',
    channel: channelId,
    channel_type: 'group',
    user: userId,
    text: '',
    ts: `${Date.now() / 1000}`,
    files: [
      {
        id: fileId,
        name: 'foto.jpg',
        mimetype: 'image/jpeg',
        url_private: `${h.fake.baseUrl}/files/${fileId}/foto.jpg`,
      },
    ],
    ...extra,
  };
}

/** The `file_shared` event Slack sends beside the message of a share. */
function fileShared(channelId: string, userId: string, fileId: string) {
  return {
    type: 'file_shared',
    channel_id: channelId,
    user_id: userId,
    file_id: fileId,
    file: { id: fileId },
  };
}

const warnings = (channelId: string) =>
  h.fake.state.messages.filter(
    (message) => message.channel === channelId && message.text.includes('verwijder het bestand'),
  );

async function audit() {
  const workspace = await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  const incident = await h.app.context.store.incidents.findBySpace(workspace.id, channel.id);
  return h.app.context.store.audit.list(incident!.id);
}

async function answerTo(userId: string, send: () => Promise<unknown>): Promise<string> {
  const before = { ephemerals: h.fake.state.ephemerals.length, messages: h.fake.state.messages.length };
  await send();
  const found = await h.fake.waitFor(
    () =>
      h.fake.state.ephemerals.slice(before.ephemerals).find((e) => e.user === userId)?.text ??
      h.fake.state.messages.slice(before.messages).find((m) => m.channel.startsWith('D'))?.text,
    5000,
    'answer',
  );
  return found;
}

describe('a file shared in an incident channel', () => {
  it('is answered in the channel, mentioning the sender, recorded, and never opened', async () => {
    const started = performance.now();
    const answer = await h.people.event(fileMessage(channel.id, BAS, 'F001'), { eventId: 'Ev001' });
    expect(answer.status).toBe(200);
    const [warning] = await h.fake.waitFor(() =>
      warnings(channel.id).length > 0 ? warnings(channel.id) : null,
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(warning!.text).toMatch(/^<@U0BAS> /);
    expect(warning!.text).toContain('Bas, verwijder het bestand alsjeblieft meteen');
    expect(warning!.threadTs).toBeUndefined();
    expect((await audit()).filter((event) => event.action === 'incident.file_shared')).toEqual([
      expect.objectContaining({ actorId: BAS, details: {} }),
    ]);
    await h.fake.waitFor(() => h.fake.state.thread(channel.id, card('overview').ts).length > 0);
    expect(h.fake.named('files.info')).toEqual([]);
    expect(h.fake.requestedPaths.filter((path) => path.startsWith('/files/'))).toEqual([]);
  });

  it('warns once per file: a retried delivery or the file_shared event for it changes nothing', async () => {
    await h.people.event(fileMessage(channel.id, BAS, 'F001'), { eventId: 'Ev001', retryNum: 1 });
    await h.people.event(fileShared(channel.id, BAS, 'F001'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warnings(channel.id)).toHaveLength(1);
    await h.people.event(fileShared(channel.id, ANNA, 'F002'));
    await h.fake.waitFor(() => warnings(channel.id).length === 2);
    expect(warnings(channel.id)[1]?.text).toContain('<@U0ANNA>');
  });

  it('is left alone outside incident channels, and edits are not new shares', async () => {
    const general = [...h.fake.state.channels.values()].find((c) => c.name === 'algemeen')!;
    general.members.add(h.fake.state.botUserId);
    await h.people.event(fileMessage(general.id, BAS, 'F003'));
    await h.people.event(fileMessage(channel.id, BAS, 'F004', { subtype: 'message_changed' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warnings(general.id)).toEqual([]);
    expect(warnings(channel.id)).toHaveLength(2);
  });
});

describe('refusals', () => {
  it('refuses a stranger and changes nothing', async () => {
    const direct = card('phase:direct');
    const value = `|${JSON.stringify(payloadFrom(direct, 'claim', 'scope-impact'))}`;
    expect(await answerTo(XANDER, () => h.people.clickRaw(XANDER, direct, value))).toBe(
      t('nl', 'error.NotAMember'),
    );
    expect(stepText(h, direct, 'scope-impact')).not.toContain('Opgepakt');
  });

  it('refuses garbage and altered payloads', async () => {
    const direct = card('phase:direct');
    expect(await answerTo(BAS, () => h.people.clickRaw(BAS, direct, 'claim-everything'))).toBe(
      'Deze knop werkt niet (meer). Gebruik de kaart in het incidentkanaal.',
    );
    const altered = { ...payloadFrom(direct, 'claim', 'scope-impact'), s: 'delete-all' };
    expect(await answerTo(BAS, () => h.people.clickRaw(BAS, direct, `|${JSON.stringify(altered)}`))).toBe(
      'Deze stap bestaat niet in het stappenplan van dit incident.',
    );
  });

  it('refuses a payload of another incident replayed in this channel', async () => {
    const direct = card('phase:direct');
    const foreign = payloadFrom(other('phase:direct'), 'claim', 'scope-impact');
    expect(await answerTo(ANNA, () => h.people.clickRaw(ANNA, direct, `|${JSON.stringify(foreign)}`))).toBe(
      'Deze knop hoort bij een ander incident. Er is niets gewijzigd.',
    );
    expect(stepText(h, other('phase:direct'), 'scope-impact')).not.toContain('Opgepakt');
  });

  it('refuses wrongly signed and stale requests before anything runs', async () => {
    const url = `${h.app.url}/slack/events`;
    const body = new URLSearchParams({
      command: '/incident',
      text: 'nieuw',
      team_id: TEAM_ID,
      user_id: BAS,
      trigger_id: h.fake.state.issueTrigger(BAS),
    }).toString();
    const contentType = 'application/x-www-form-urlencoded';
    const viewsBefore = h.fake.named('views.open').length;
    expect((await postSigned(url, body, { secret: 'wrong-secret', contentType })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect(
      (await postSigned(url, body, { secret: SIGNING_SECRET, contentType, timestamp: stale })).status,
    ).toBe(401);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(unsigned.status).toBe(401);
    expect(h.fake.named('views.open').length).toBe(viewsBefore);
  });

  it('answers an oversized body with 413 and a sentence that says so, before anything runs', async () => {
    const url = `${h.app.url}/slack/events`;
    const body = new URLSearchParams({
      command: '/incident',
      text: `nieuw ${'x'.repeat(5 * 1024 * 1024)}`,
      team_id: TEAM_ID,
      user_id: BAS,
    }).toString();
    const viewsBefore = h.fake.named('views.open').length;
    const answer = await postSigned(url, body, {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      error: 'payload_too_large',
      message: 'The request body is larger than the 4 MB this endpoint accepts.',
    });
    expect(h.fake.named('views.open').length).toBe(viewsBefore);
  });

  it('answers help in Dutch by default', async () => {
    const before = h.fake.responses.length;
    await h.people.command(BAS, 'help');
    const reply = await h.fake.waitFor(() => h.fake.responses[before]);
    expect(String(reply.body.text)).toContain('/incident nieuw [korte titel]');
  });
});

/** The button's action in the JSON wire form older cards carry (`v`, `i`, `a`, `s`). */
function payloadFrom(message: FakeMessage, kind: string, step: string): Record<string, unknown> {
  for (const value of JSON.stringify(message.blocks).match(/"value":"([^"\\]|\\.)*"/g) ?? []) {
    const raw = JSON.parse(`{${value}}`).value as string;
    const { payload } = decodeActionValue(raw);
    if (payload.kind === kind && payload.stepKey === step)
      return { v: 1, i: payload.incidentId, a: payload.kind, s: payload.stepKey };
  }
  throw new Error(`no ${kind} for ${step}`);
}
