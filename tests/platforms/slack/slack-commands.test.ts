import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { offered, submitFor } from './support/card-steps.js';
import type { FakeChannel, FakeMessage } from './support/fake-slack.state.js';
import { textsOf } from './support/fake-slack.state.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, CEM, openIncident, TEAM_ID, YEAR } from './support/slack-harness.js';

/** This file runs in a workspace set to English: every answer follows that setting. */
const h = slackHarness({ coordinators: [CEM] });
let channel: FakeChannel;
let card: (key: string) => FakeMessage;

beforeAll(async () => {
  await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
    locale: 'en',
    timezone: 'Europe/Amsterdam',
  });
  ({ channel, card } = await openIncident(h, ANNA, { title: 'Photo 2B', invited: [BAS] }));
});

async function reply(userId: string, text: string, channelId?: string) {
  const before = h.fake.responses.length;
  const answer = await h.people.command(userId, text, channelId);
  expect(answer.status).toBe(200);
  return (await h.fake.waitFor(() => h.fake.responses[before], 5000, `reply to ${text}`)).body;
}

describe('/incident in an English workspace', () => {
  it('`new` opens the English modal and the cards are in English', async () => {
    expect(JSON.stringify(h.fake.state.views[0]?.view)).toContain('New incident');
    expect(textsOf(card('overview').blocks).join('\n')).toContain('Possessing it is a criminal offence');
    expect(textsOf(card('phase:direct').blocks).join('\n')).toContain('Pick up');
  });

  it('status in the incident channel shows the overview to the caller only', async () => {
    const body = await reply(BAS, 'status', channel.id);
    expect(body.response_type).toBe('ephemeral');
    expect(textsOf(body.blocks as Record<string, unknown>[]).join('\n')).toContain(
      `Incident ${YEAR}-0001: Photo 2B`,
    );
  });

  it('`overview` lists the school’s incidents for a coordinator: numbers and progress, no title', async () => {
    const overview = JSON.stringify((await reply(CEM, 'overview')).blocks);
    expect(overview).toContain(t('en', 'overview.school.title'));
    expect(overview).toContain(`${YEAR}-0001 · `);
    expect(overview).not.toContain('Photo 2B');
    expect((await reply(BAS, 'overzicht')).text).toBe(t('en', 'error.NotCoordinator'));
  });

  it('status elsewhere lists the caller’s open incidents', async () => {
    const status = await reply(BAS, 'status');
    expect(JSON.stringify(status.blocks)).toContain(t('en', 'command.yourIncidents'));
    expect(JSON.stringify(status.blocks)).toContain(`${YEAR}-0001 · `);
    expect(JSON.stringify(status.blocks)).toContain('Photo 2B');
    expect((await reply('U0XANDER', 'status')).text).toBe('You have no open incidents.');
  });

  it('help and unknown words explain the commands', async () => {
    expect(String((await reply(BAS, 'help')).text)).toContain('/incident new [short title]');
    const unknown = String((await reply(BAS, 'hallo')).text);
    // A short help with the commands, not a refusal.
    expect(unknown.startsWith('Hi! I am Stappenplan')).toBe(true);
    expect(unknown).toContain('/incident new: open a new incident');
    expect(unknown).not.toContain('I do not know');
  });

  it('close is for the lead only', async () => {
    expect((await reply(BAS, 'close', channel.id)).text).toBe(
      'Only the lead of this incident can do this: Anna.',
    );
    expect((await reply(ANNA, 'close')).text).toBe('Use this command in the incident channel.');
  });

  it('the lead confirms closing; the channel is archived and the cards lose their buttons', async () => {
    // Evaluation and aftercare are done already, so closing finishes the incident and the
    // dialog offers to archive the channel.
    await settleAftercare();
    const before = h.fake.state.views.length;
    await h.people.command(ANNA, 'close', channel.id);
    const dialog = await h.fake.waitFor(() =>
      h.fake.state.views.slice(before).find((v) => v.userId === ANNA),
    );
    expect(JSON.stringify(dialog.view)).toContain(
      `Do you want to close the acute phase of incident ${YEAR}-0001?`,
    );
    expect(JSON.stringify(dialog.view)).toContain('Also archive the channel');
    const closed = await submitFor(h, ANNA, dialog, { archive: ['yes'] });
    expect(closed.answer).toBe(
      `Incident ${YEAR}-0001 is closed and finished: evaluation and aftercare were already done.`,
    );
    await h.fake.waitFor(() => channel.isArchived, 5000, 'archived');
    expect(offered(h, card('phase:direct'), 'scope-impact')).toEqual([]);
    expect(offered(h, card('phase:evaluation-aftercare'), 'update-protocol')).toEqual([]);
    expect(textsOf(card('overview').blocks).join('\n')).toContain('*Status*\nFinished');
  });

  it('a button used after closing changes nothing and says why', async () => {
    const stale = card('phase:direct');
    // The channel is archived, so the answer goes to the person directly.
    const before = h.fake.state.messages.length;
    await h.people.clickRaw(
      BAS,
      stale,
      `|${JSON.stringify({ v: 1, i: (await incidentId())!, a: 'claim', s: 'scope-impact' })}`,
    );
    const direct = await h.fake.waitFor(() =>
      h.fake.state.messages.slice(before).find((m) => m.channel.startsWith('D')),
    );
    expect(direct.text).toBe(`Incident ${YEAR}-0001 is finished. Nothing can be changed any more.`);
  });
});

/** Marks every evaluation and aftercare step done, as the lead, straight through the core. */
async function settleAftercare(): Promise<void> {
  const id = (await incidentId()) as string;
  const steps = await h.app.context.store.steps.list(id);
  for (const step of steps.filter((s) => s.phaseKey === 'evaluation-aftercare')) {
    await h.app.context.steps.act(
      { incidentId: id, stepKey: step.key, actor: { userId: ANNA } },
      { kind: 'done' },
    );
  }
}

async function incidentId(): Promise<string | undefined> {
  const workspace = await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
    locale: 'en',
    timezone: 'Europe/Amsterdam',
  });
  return (await h.app.context.store.incidents.findBySpace(workspace.id, channel.id))?.id;
}

describe('dialogs for people who may not act', () => {
  it('a stranger never gets a dialog for an incident, and is told why', async () => {
    const { card: other } = await openIncident(h, BAS, { title: 'Second', invited: [] });
    const before = { views: h.fake.state.views.length, messages: h.fake.state.messages.length };
    const clicked = await h.people.click(ANNA, other('phase:direct'), {
      kind: 'assign',
      step: 'check-protocols',
    });
    expect(clicked.status).toBe(200);
    const direct = await h.fake.waitFor(() =>
      h.fake.state.messages.slice(before.messages).find((m) => m.channel.startsWith('D')),
    );
    expect(direct.text).toBe(t('en', 'error.NotAMember'));
    expect(h.fake.state.views.length).toBe(before.views);
  });
});
