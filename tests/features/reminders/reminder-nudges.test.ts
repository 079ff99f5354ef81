import { describe, expect, it, vi } from 'vitest';
import { ANNA, BOB, CARLA } from '../../support/core-fixture.js';
import { createReminderHarness, moment, pendingOf, planAftercare } from './support/reminder-harness.js';

describe('the nudge about unclaimed Direct steps', () => {
  it('comes after 2 school hours, over the weekend, listing only what nobody holds, mentioning the lead', async () => {
    const h = await createReminderHarness({ start: '2026-03-06T15:00:00Z' }); // Friday 16:00
    const { incidentId, spaceId } = await h.open();
    await h.step(BOB, incidentId, 'claim', 'attention-victim');
    await h.step(BOB, incidentId, 'done', 'scope-impact');
    await h.runUntil('2026-03-09T07:45:00Z', 15); // Monday 08:45
    const nudges = () => h.gateway.delivered.filter((d) => d.method === 'postText' && d.mention);
    expect(nudges()).toEqual([]);
    await h.runUntil('2026-03-10T12:00:00Z', 15);
    expect(nudges()).toHaveLength(1);
    expect(nudges()[0]).toMatchObject({
      target: spaceId,
      mention: ['U-ANNA'],
      at: new Date('2026-03-09T08:00:00Z'),
    });
    expect(nudges()[0]?.text).toBe(
      'Deze stappen uit de fase Direct heeft na 2 schooluren nog niemand opgepakt:\n' +
        '• Check bestaande protocollen\n• Betrek zorgcoördinator en/of vertrouwenspersoon\n' +
        '• Betrek politie voor advies\n• Zet acties op een rijtje\nWie pakt ze op?',
    );
  });

  it('is cancelled once every Direct step is picked up', async () => {
    const h = await createReminderHarness({ start: '2026-03-04T09:00:00Z' });
    const { incidentId } = await h.open();
    await h.service.sync(incidentId); // the periodic sync finds the new incident
    expect(await pendingOf(h, incidentId, 'nudge')).toHaveLength(1);
    for (const step of ['attention-victim', 'scope-impact', 'check-protocols', 'involve-care-coordinator']) {
      await h.step(BOB, incidentId, 'claim', step);
    }
    await h.step(ANNA, incidentId, 'notApplicable', 'police-advice', { reason: 'Al overlegd' });
    await h.step(CARLA, incidentId, 'claim', 'action-list');
    expect(await pendingOf(h, incidentId, 'nudge')).toEqual([]);
    await h.runUntil('2026-03-05T12:00:00Z', 30);
    expect(h.gateway.delivered.filter((d) => d.mention)).toEqual([]);
  });

  it('six clicks at once: the schedule is brought in line by at most two syncs, and ends up right', async () => {
    const h = await createReminderHarness({ start: '2026-03-04T09:00:00Z' });
    const { incidentId } = await h.open();
    await h.service.sync(incidentId);
    expect(await pendingOf(h, incidentId, 'nudge')).toHaveLength(1);
    const syncs = vi.spyOn(h.reminders, 'sync');
    const direct = ['attention-victim', 'scope-impact', 'check-protocols', 'involve-care-coordinator'];
    await Promise.all([
      ...direct.map((step) => h.step(BOB, incidentId, 'claim', step)),
      h.step(ANNA, incidentId, 'notApplicable', 'police-advice', { reason: 'Al overlegd' }),
      h.step(CARLA, incidentId, 'claim', 'action-list'),
    ]);
    expect(syncs.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(syncs.mock.calls.length).toBeLessThanOrEqual(2);
    expect(await pendingOf(h, incidentId, 'nudge')).toEqual([]);
  });
});

describe('steps past their deadline', () => {
  it('remind their owner once a school day, never at the weekend, until the step is done', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.step(BOB, incidentId, 'claim', 'check-protocols');
    await h.step(BOB, incidentId, 'setDue', 'check-protocols', { dueDate: '2026-03-04' });
    await h.runUntil('2026-03-10T12:00:00Z', 15);
    const overdue = h.gateway.directs().filter((d) => d.card?.fallback.startsWith('Deadline verstreken'));
    expect(overdue.map((d) => d.at.toISOString())).toEqual([
      '2026-03-04T16:00:00.000Z', // Wednesday 17:00, the deadline itself
      '2026-03-05T07:00:00.000Z',
      '2026-03-06T07:00:00.000Z',
      '2026-03-09T07:00:00.000Z', // Monday: nothing on Saturday or Sunday
      '2026-03-10T07:00:00.000Z',
    ]);
    expect(overdue.every((d) => d.target === 'U-BOB')).toBe(true);
    expect(JSON.stringify(overdue[0]?.card)).toContain(
      'De stap “Check bestaande protocollen” had klaar moeten zijn op 4 mrt 2026.',
    );
    await h.step(BOB, incidentId, 'done', 'check-protocols');
    expect(await pendingOf(h, incidentId, 'overdue')).toEqual([]);
    await h.runUntil('2026-03-13T12:00:00Z', 30);
    expect(h.gateway.directs().filter((d) => d.card?.fallback.startsWith('Deadline'))).toHaveLength(5);
  });

  it('go to the lead when nobody holds the step, and never twice on one day after a new deadline', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.step(ANNA, incidentId, 'setDue', 'police-advice', { dueDate: '2026-03-02' });
    await h.runUntil('2026-03-03T10:00:00Z', 15);
    await h.step(ANNA, incidentId, 'setDue', 'police-advice', { dueDate: '2026-03-03' });
    await h.runUntil('2026-03-04T12:00:00Z', 15);
    const overdue = h.gateway.directs().filter((d) => d.card?.fallback.startsWith('Deadline'));
    expect(overdue.map((d) => [d.target, d.at.toISOString()])).toEqual([
      ['U-ANNA', '2026-03-02T16:00:00.000Z'],
      ['U-ANNA', '2026-03-03T07:00:00.000Z'],
      ['U-ANNA', '2026-03-04T07:00:00.000Z'],
    ]);
  });
});

describe('closing and the evaluation', () => {
  it('keeps the aftercare moments after closing, cancels the acute reminders and reminds the lead of the ZAT evaluation 28 days later', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await planAftercare(h, incidentId, [moment('2026-03-20', 'victim', 'U-BOB')]);
    await h.step(BOB, incidentId, 'claim', 'check-protocols');
    await h.step(BOB, incidentId, 'setDue', 'check-protocols', { dueDate: '2026-03-10' });
    h.clock.set('2026-03-05T10:00:00Z');
    await h.click(ANNA, { incidentId: incidentId, kind: 'close' });
    const rows = await h.reminders.listForIncident(incidentId);
    expect(
      rows.filter((r) => r.status === 'pending').map((r) => [r.kind, r.targetId, r.dueAt.toISOString()]),
    ).toEqual([
      ['aftercare', 'U-BOB', '2026-03-20T07:00:00.000Z'], // Friday 20 March, 08:00 winter time
      ['evaluation', 'U-ANNA', '2026-04-02T06:00:00.000Z'], // Thursday 2 April, 08:00 summer time
    ]);
    expect(
      rows.filter((r) => r.kind === 'overdue' || r.kind === 'nudge').every((r) => r.status === 'cancelled'),
    ).toBe(true);
    await h.runUntil('2026-04-20T12:00:00Z', 120, 12);
    expect(h.gateway.directs().map((d) => [d.target, d.card?.fallback, d.at.toISOString()])).toEqual([
      ['U-BOB', 'Nazorg bij incident 2026-0001', expect.stringMatching(/^2026-03-20T/)],
      ['U-ANNA', 'Evaluatie van incident 2026-0001', '2026-04-02T06:00:00.000Z'],
    ]);
  });

  it('sends nothing more once the incident is finished', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await planAftercare(h, incidentId, [moment('2026-03-20', 'victim', 'U-BOB')]);
    await h.click(ANNA, { incidentId: incidentId, kind: 'close' });
    const finished = await h.click(
      ANNA,
      { incidentId: incidentId, kind: 'finish' },
      { reason: 'Nazorg loopt via de jeugdarts' },
    );
    expect(finished.ok, finished.message).toBe(true);
    expect((await h.reminders.listForIncident(incidentId)).filter((r) => r.status === 'pending')).toEqual([]);
    await h.runUntil('2026-04-20T12:00:00Z', 120, 12);
    expect(h.gateway.directs()).toEqual([]);
  });

  it('does not remind about an evaluation that was done before closing', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.step(ANNA, incidentId, 'done', 'evaluate-zat');
    await h.click(ANNA, { incidentId: incidentId, kind: 'close' });
    expect((await h.reminders.listForIncident(incidentId)).filter((r) => r.status === 'pending')).toEqual([]);
  });
});

describe('daylight saving time', () => {
  it.each([
    ['spring', '2026-03-25T09:00:00Z', '2026-03-30', '2026-03-30T06:00:00.000Z'],
    ['autumn', '2026-10-21T09:00:00Z', '2026-10-26', '2026-10-26T07:00:00.000Z'],
  ])(
    'sends the Monday moment after the %s change once, at 08:00 local',
    async (_season, start, date, expected) => {
      const h = await createReminderHarness({ start });
      const { incidentId } = await h.open();
      await planAftercare(h, incidentId, [moment(date, 'victim', 'U-BOB')]);
      await h.runUntil(new Date(new Date(expected).getTime() + 86_400_000), 10, 6);
      expect(h.gateway.directs().map((d) => d.at.toISOString())).toEqual([expected]);
    },
  );

  it.each([
    ['spring', '2026-03-27T09:00:00Z', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['autumn', '2026-10-23T09:00:00Z', '2026-10-25', '2026-10-24T22:00:00.000Z'],
  ])(
    'sends a moment on the night of the %s change once where school never closes',
    async (_s, start, date, expected) => {
      const h = await createReminderHarness({
        start,
        workspaceSettings: { schoolDays: '1-7', schoolHours: '00:00-23:59' },
      });
      const { incidentId } = await h.open();
      await planAftercare(h, incidentId, [moment(date, 'victim', 'U-BOB')]);
      await h.runUntil(`${date}T12:00:00Z`, 10, 6);
      expect(h.gateway.directs().map((d) => d.at.toISOString())).toEqual([expected]);
    },
  );
});
