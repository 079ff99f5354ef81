import { beforeAll, describe, expect, it } from 'vitest';
import { dialogFor, offered, submitFor, waitForUpdate } from './support/card-steps.js';
import type { FakeChannel, FakeMessage, Json } from './support/fake-slack.state.js';
import { scheduledSlackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, openIncident, XANDER } from './support/slack-harness.js';

/** "Taak maken" on the action list, the Slack way, and the nudge when a task is overdue. */
const { clock, scheduler, h, text, directs } = scheduledSlackHarness();
let channel: FakeChannel;
let card: (key: string) => FakeMessage;
const optionsOf = (view: Json, blockId: string) => {
  const block = ((view.blocks as Json[]) ?? []).find((candidate) => candidate.block_id === blockId);
  return (((block?.element as Json)?.options as Json[]) ?? []).map((option) => ({
    value: option.value as string,
    label: (option.text as Json).text as string,
  }));
};

beforeAll(async () => {
  ({ channel, card } = await openIncident(h, ANNA, { title: 'Foto 3C', invited: [BAS] }));
});

describe('tasks on the action list (Slack)', () => {
  let rowId = '';

  it('a saved action list offers "Taak maken", which asks for the action, who and by when', async () => {
    const direct = card('phase:direct');
    expect(offered(h, direct, 'action-list')).not.toContain('task');
    const form = await dialogFor(h, ANNA, direct, { kind: 'form', step: 'action-list' });
    await submitFor(h, ANNA, form, { 'l:0:who': 'Mentor', 'l:0:what': 'Ouders bellen' });
    await waitForUpdate(h, direct, (shown) => shown.includes('Wat: Ouders bellen'));
    expect(offered(h, direct, 'action-list')).toContain('task');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'task', step: 'action-list' });
    expect(dialog.view.title).toMatchObject({ text: 'Taak maken' });
    const rows = optionsOf(dialog.view, 'taskRow');
    expect(rows.map((row) => row.label)).toEqual(['Ouders bellen']);
    rowId = rows[0]?.value ?? '';
    expect(optionsOf(dialog.view, 'taskOwner').map((owner) => owner.value)).toEqual(
      expect.arrayContaining([ANNA, BAS]),
    );
    expect(optionsOf(dialog.view, 'taskOwner').map((owner) => owner.value)).not.toContain(XANDER);
  });

  it('a date in the past is refused next to its field; a good one is saved and shown on the card', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'task', step: 'action-list' });
    const bad = await submitFor(h, ANNA, dialog, { taskRow: rowId, taskOwner: BAS, taskDue: '2026-11-24' });
    expect(bad.errors).toEqual({ taskDue: 'Klaar vóór: deze datum ligt vóór 25 nov 2026.' });
    const good = await submitFor(h, ANNA, dialog, { taskRow: rowId, taskOwner: BAS, taskDue: '2026-11-27' });
    expect(good.answer).toMatch(/^De taak is opgeslagen: Ouders bellen — .+, vóór 27 nov 2026\.$/);
    await waitForUpdate(h, direct, (shown) => shown.includes('Taak: Ouders bellen'));
    expect(text(card('phase:direct'))).toMatch(/Taak: Ouders bellen — .+, vóór 27 nov 2026/);
    const timeline = h.fake.state.thread(channel.id, card('overview').ts).map((message) => message.text);
    expect(timeline.some((line) => /heeft een taak gemaakt: Ouders bellen/.test(line))).toBe(true);
  });

  it('the morning after its last day the scheduler nudges Bas once, in a direct message', async () => {
    const taskNudges = () => directs().filter((message) => message.text.startsWith('Taak bij incident'));
    clock.set('2026-11-27T15:00:00Z'); // Friday, its last day: not yet (other reminders may go out)
    await scheduler.tick();
    expect(taskNudges()).toEqual([]);
    clock.set('2026-11-30T07:05:00Z'); // Monday 08:05 in Amsterdam, the next school morning
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    const sent = taskNudges();
    expect(sent.map((message) => message.text)).toEqual(['Taak bij incident 2026-0001 is over tijd']);
    expect(sent[0]?.channel).toBe(h.fake.state.directMessages.get(BAS));
    expect(JSON.stringify(sent[0]?.blocks)).toContain('Ouders bellen');
    expect(JSON.stringify(sent[0]?.blocks)).toContain(`<#${channel.id}>`);
    clock.set('2026-12-01T07:05:00Z');
    await scheduler.tick();
    expect(taskNudges()).toHaveLength(1);
  });

  it('never had a message refused by Slack', () => {
    expect(h.fake.calls.filter((call) => !call.ok)).toEqual([]);
  });
});
