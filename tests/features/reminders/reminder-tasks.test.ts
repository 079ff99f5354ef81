import { describe, expect, it } from 'vitest';
import { ANNA, BOB } from '../../support/core-fixture.js';
import { createReminderHarness, pendingOf, type ReminderHarness } from './support/reminder-harness.js';

const STEP = 'action-list';

/** Anna lists two actions and makes the first a task for Bob, to be done by `due`. */
async function withTask(h: ReminderHarness, due: string) {
  const { incidentId } = await h.open();
  await h.step(ANNA, incidentId, 'form', STEP, {
    form: {
      items: [
        { who: 'mentor', what: 'Ouders bellen' },
        { who: 'zorg', what: 'Klas spreken' },
      ],
    },
  });
  const rows = (await h.store.forms.get(incidentId, STEP))?.data.items as Array<{ id: string }>;
  const rowId = String(rows[0]?.id);
  const made = await h.step(ANNA, incidentId, 'task', STEP, {
    task: { rowId, ownerId: BOB.userId, due, done: false },
  });
  expect(made.ok, made.message).toBe(true);
  return { incidentId, rowId };
}

const taskDirects = (h: ReminderHarness) =>
  h.gateway.directs().filter((delivery) => JSON.stringify(delivery.card).includes('Taak bij incident'));

describe('overdue tasks on the action list', () => {
  it('nudge the owner once, the school morning after the last day, with a link into the space', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' }); // Monday
    const { incidentId, rowId } = await withTask(h, '2026-03-04'); // Wednesday
    const pending = await pendingOf(h, incidentId, 'task');
    expect(pending.map((r) => [r.targetId, r.ref, r.stepKey, r.dueAt.toISOString()])).toEqual([
      ['U-BOB', rowId, STEP, '2026-03-05T07:00:00.000Z'],
    ]);
    await h.runUntil('2026-03-05T06:45:00Z', 60);
    expect(taskDirects(h)).toEqual([]);
    await h.runUntil('2026-03-05T07:00:00Z');
    const [sent] = taskDirects(h);
    expect(sent).toMatchObject({ target: 'U-BOB', at: new Date('2026-03-05T07:00:00Z') });
    expect(sent?.card?.blocks).toEqual(
      expect.arrayContaining([
        { type: 'header', text: 'Taak bij incident 2026-0001 is over tijd' },
        {
          type: 'text',
          text: 'Taak bij incident 2026-0001 is over tijd: Ouders bellen. Afgesproken was: vóór 4 mrt 2026. Is de taak klaar? Zet hem dan op klaar met “Taak maken” bij de actielijst.',
        },
        expect.objectContaining({ type: 'spaceLink' }),
      ]),
    );
    expect(JSON.stringify(sent?.card)).not.toContain('Foto klas 2B');
    // Once: the following school days bring nothing more.
    await h.runUntil('2026-03-10T12:00:00Z', 60);
    expect(taskDirects(h)).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it('follow a new date or owner, and stop when the task is done', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId, rowId } = await withTask(h, '2026-03-04');
    await h.step(BOB, incidentId, 'task', STEP, {
      task: { rowId, ownerId: ANNA.userId, due: '2026-03-06', done: false },
    });
    const moved = await pendingOf(h, incidentId, 'task');
    expect(moved.map((r) => [r.targetId, r.dueAt.toISOString()])).toEqual([
      ['U-ANNA', '2026-03-09T07:00:00.000Z'],
    ]);
    await h.step(ANNA, incidentId, 'task', STEP, {
      task: { rowId, ownerId: ANNA.userId, due: '2026-03-06', done: true },
    });
    expect(await pendingOf(h, incidentId, 'task')).toEqual([]);
    await h.runUntil('2026-03-10T12:00:00Z', 60);
    expect(taskDirects(h)).toEqual([]);
  });

  it('stop when the action-list step is done, and when the acute phase is closed', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const first = await withTask(h, '2026-03-04');
    await h.step(BOB, first.incidentId, 'done', STEP);
    expect(await pendingOf(h, first.incidentId, 'task')).toEqual([]);

    const second = await withTask(h, '2026-03-04');
    expect(await pendingOf(h, second.incidentId, 'task')).toHaveLength(1);
    await h.click(ANNA, { incidentId: second.incidentId, kind: 'close' });
    expect(await pendingOf(h, second.incidentId, 'task')).toEqual([]);
    const all = await h.reminders.listForIncident(second.incidentId);
    expect(all.filter((r) => r.kind === 'task').map((r) => r.status)).toEqual(['cancelled']);
  });
});
