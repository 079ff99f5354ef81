import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/core/text/format.js';
import { isoDateIn } from '../../src/core/time/zoned.js';
import {
  ANNA,
  BOB,
  CARLA,
  createReminderHarness,
  type ReminderHarness,
} from '../support/reminder-harness.js';

const moment = (date: string, about: string, remind: string, id?: string) => ({
  date,
  about,
  remind,
  ...(id ? { id } : {}),
});

async function planAftercare(h: ReminderHarness, incidentId: string, moments: ReturnType<typeof moment>[]) {
  const result = await h.click(BOB, { i: incidentId, a: 'form', s: 'plan-aftercare' }, { form: { moments } });
  expect(result.ok, result.message).toBe(true);
  return (await h.store.forms.get(incidentId, 'plan-aftercare'))?.data.moments as { id: string }[];
}

const pendingOf = async (h: ReminderHarness, incidentId: string, kind: string) =>
  (await h.reminders.listForIncident(incidentId)).filter((r) => r.kind === kind && r.status === 'pending');

describe('aftercare moments', () => {
  it('suggests 1 week, 6 weeks and 3 months on school days, reminding the step owner', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' }); // Monday
    const { incidentId } = await h.open();
    const asCarla = await h.commands.formRequest(incidentId, 'plan-aftercare', CARLA, 'nl');
    expect(asCarla.values).toEqual({
      moments: [
        moment('2026-03-09', 'victim', 'U-CARLA'),
        moment('2026-04-13', 'victim', 'U-CARLA'),
        moment('2026-06-02', 'victim', 'U-CARLA'),
      ],
    });
    await h.click(BOB, { i: incidentId, a: 'claim', s: 'plan-aftercare' });
    h.clock.set('2026-03-05T08:30:00Z'); // Thursday: +7 days is Thursday, +6 weeks Thursday 16 April
    const owned = await h.commands.formRequest(incidentId, 'plan-aftercare', CARLA, 'nl');
    expect(owned.values).toEqual({
      moments: [
        moment('2026-03-12', 'victim', 'U-BOB'),
        moment('2026-04-16', 'victim', 'U-BOB'),
        moment('2026-06-05', 'victim', 'U-BOB'),
      ],
    });
    // Other forms get no suggestion.
    expect((await h.commands.formRequest(incidentId, 'rest-period', CARLA, 'nl')).values).toBeNull();
  });

  it('reminds each person on their date at the start of school, with the poster questions', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId, spaceId } = await h.open();
    await planAftercare(h, incidentId, [
      moment('2026-03-09', 'victim', 'U-BOB'),
      moment('2026-03-14', 'class', 'U-CARLA'), // a Saturday: moves to Monday
    ]);
    const pending = await pendingOf(h, incidentId, 'aftercare');
    expect(pending.map((r) => [r.targetId, r.about, r.dueAt.toISOString()])).toEqual([
      ['U-BOB', 'victim', '2026-03-09T07:00:00.000Z'],
      ['U-CARLA', 'class', '2026-03-16T07:00:00.000Z'],
    ]);
    const overview = h.gateway
      .named('updateCard')
      .filter((call) => call.card?.key === 'overview')
      .at(-1);
    const next = formatInstant(new Date('2026-03-09T07:00:00Z'), 'nl', 'Europe/Amsterdam');
    expect(JSON.stringify(overview?.card)).toContain(next);

    await h.runUntil('2026-03-09T06:45:00Z', 60);
    expect(h.gateway.directs()).toEqual([]);
    await h.runUntil('2026-03-09T07:00:00Z');
    const [first] = h.gateway.directs();
    expect(first).toMatchObject({ target: 'U-BOB', at: new Date('2026-03-09T07:00:00Z') });
    const card = first?.card;
    expect(card?.blocks).toEqual(
      expect.arrayContaining([
        { type: 'header', text: 'Nazorg bij incident 2026-0001' },
        { type: 'text', text: 'Vandaag staat een nazorgmoment gepland voor het slachtoffer.' },
        { type: 'text', text: 'Hoe gaat het nu? Hebben ze nog wat nodig?', strong: true },
      ]),
    );
    expect(JSON.stringify(card)).not.toContain('Foto klas 2B');
    const actions = card?.blocks.find((block) => block.type === 'actions');
    expect(actions).toEqual({
      type: 'actions',
      actions: [
        {
          label: 'Gedaan',
          style: 'primary',
          input: 'note',
          payload: { v: 1, i: incidentId, a: 'reminderDone', r: first?.reminderId },
        },
        {
          label: 'Een week later',
          payload: { v: 1, i: incidentId, a: 'reminderSnooze', r: first?.reminderId },
        },
        {
          label: 'Niet meer nodig',
          payload: { v: 1, i: incidentId, a: 'reminderStop', r: first?.reminderId },
        },
      ],
    });
    expect(h.gateway.delivered.filter((d) => d.method === 'postText' && !d.mention)).toMatchObject([
      { target: spaceId, text: 'Herinnering verstuurd aan Bob: nazorg voor het slachtoffer.' },
    ]);

    await h.runUntil('2026-03-20T12:00:00Z', 60);
    expect(h.gateway.directs().map((d) => [d.target, d.at.toISOString()])).toEqual([
      ['U-BOB', '2026-03-09T07:00:00.000Z'],
      ['U-CARLA', '2026-03-16T07:00:00.000Z'],
    ]);
  });

  it('cancels a removed moment, moves a changed one and follows a new person', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    const saved = await planAftercare(h, incidentId, [
      moment('2026-03-09', 'victim', 'U-BOB'),
      moment('2026-03-10', 'class', 'U-CARLA'),
      moment('2026-03-11', 'teachers', 'U-CARLA'),
    ]);
    const [a, b, c] = saved.map((row) => row.id);
    await planAftercare(h, incidentId, [
      moment('2026-03-12', 'victim', 'U-BOB', a), // moved
      moment('2026-03-11', 'teachers', 'U-BOB', c), // other person; b removed
    ]);
    const all = await h.reminders.listForIncident(incidentId);
    expect(all.filter((r) => r.kind === 'aftercare' && r.status === 'cancelled').map((r) => r.ref)).toEqual([
      a,
      b,
      c,
    ]);
    expect(
      all
        .filter((r) => r.kind === 'aftercare' && r.status === 'pending')
        .map((r) => [r.ref, r.targetId, isoDateIn(r.dueAt, 'UTC')]),
    ).toEqual([
      [c, 'U-BOB', '2026-03-11'],
      [a, 'U-BOB', '2026-03-12'],
    ]);
    // Saving the same answer again changes nothing.
    await planAftercare(h, incidentId, [
      moment('2026-03-12', 'victim', 'U-BOB', a),
      moment('2026-03-11', 'teachers', 'U-BOB', c),
    ]);
    expect(
      (await h.reminders.listForIncident(incidentId)).filter((r) => r.kind === 'aftercare'),
    ).toHaveLength(5);

    await h.runUntil('2026-03-13T12:00:00Z', 30);
    expect(h.gateway.directs().map((d) => [d.target, d.at.toISOString()])).toEqual([
      ['U-BOB', '2026-03-11T07:00:00.000Z'],
      ['U-BOB', '2026-03-12T07:00:00.000Z'],
    ]);
  });

  it('reminds the step owner instead of a colleague who left the incident (found by the periodic sync)', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.click(BOB, { i: incidentId, a: 'claim', s: 'plan-aftercare' });
    await planAftercare(h, incidentId, [moment('2026-03-09', 'victim', 'U-CARLA')]);
    await h.fx.incidents.removeMember({ incidentId, actor: ANNA }, 'U-CARLA');
    await h.service.syncAll();
    expect((await pendingOf(h, incidentId, 'aftercare')).map((r) => r.targetId)).toEqual(['U-BOB']);
  });
});

describe('the end of the rest period', () => {
  it('reminds the owner of the step on the last day, and not for an end date already past', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.click(CARLA, { i: incidentId, a: 'claim', s: 'rest-period' });
    const past = await h.click(
      CARLA,
      { i: incidentId, a: 'form', s: 'rest-period' },
      { form: { startDate: '2026-02-16', endDate: '2026-02-20' } },
    );
    expect(past.ok).toBe(true);
    expect(await pendingOf(h, incidentId, 'rest_end')).toEqual([]);
    await h.click(
      CARLA,
      { i: incidentId, a: 'form', s: 'rest-period' },
      {
        form: {
          startDate: '2026-03-02',
          endDate: '2026-03-13',
          arrangements: 'Thuis, schoolwerk via de mentor',
        },
      },
    );
    await h.runUntil('2026-03-16T12:00:00Z', 30);
    expect(h.gateway.directs()).toHaveLength(1);
    expect(h.gateway.directs()[0]).toMatchObject({ target: 'U-CARLA', at: new Date('2026-03-13T07:00:00Z') });
    expect(JSON.stringify(h.gateway.directs()[0]?.card)).toContain(
      'De rustperiode van het slachtoffer loopt tot en met vandaag',
    );
  });
});

describe('the nudge about unclaimed Direct steps', () => {
  it('comes after 2 school hours, over the weekend, listing only what nobody holds, mentioning the lead', async () => {
    const h = await createReminderHarness({ start: '2026-03-06T15:00:00Z' }); // Friday 16:00
    const { incidentId, spaceId } = await h.open();
    await h.click(BOB, { i: incidentId, a: 'claim', s: 'attention-victim' });
    await h.click(BOB, { i: incidentId, a: 'done', s: 'scope-impact' });
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
      await h.click(BOB, { i: incidentId, a: 'claim', s: step });
    }
    await h.click(ANNA, { i: incidentId, a: 'notApplicable', s: 'police-advice' }, { reason: 'Al overlegd' });
    await h.click(CARLA, { i: incidentId, a: 'claim', s: 'action-list' });
    expect(await pendingOf(h, incidentId, 'nudge')).toEqual([]);
    await h.runUntil('2026-03-05T12:00:00Z', 30);
    expect(h.gateway.delivered.filter((d) => d.mention)).toEqual([]);
  });
});

describe('steps past their deadline', () => {
  it('remind their owner once a school day, never at the weekend, until the step is done', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.click(BOB, { i: incidentId, a: 'claim', s: 'check-protocols' });
    await h.click(BOB, { i: incidentId, a: 'setDue', s: 'check-protocols' }, { dueDate: '2026-03-04' });
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
    await h.click(BOB, { i: incidentId, a: 'done', s: 'check-protocols' });
    expect(await pendingOf(h, incidentId, 'overdue')).toEqual([]);
    await h.runUntil('2026-03-13T12:00:00Z', 30);
    expect(h.gateway.directs().filter((d) => d.card?.fallback.startsWith('Deadline'))).toHaveLength(5);
  });

  it('go to the lead when nobody holds the step, and never twice on one day after a new deadline', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.click(ANNA, { i: incidentId, a: 'setDue', s: 'police-advice' }, { dueDate: '2026-03-02' });
    await h.runUntil('2026-03-03T10:00:00Z', 15);
    await h.click(ANNA, { i: incidentId, a: 'setDue', s: 'police-advice' }, { dueDate: '2026-03-03' });
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
  it('cancels what is pending and reminds the lead once, 28 days later, of the ZAT evaluation', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await planAftercare(h, incidentId, [moment('2026-03-20', 'victim', 'U-BOB')]);
    await h.click(BOB, { i: incidentId, a: 'claim', s: 'check-protocols' });
    await h.click(BOB, { i: incidentId, a: 'setDue', s: 'check-protocols' }, { dueDate: '2026-03-10' });
    h.clock.set('2026-03-05T10:00:00Z');
    await h.click(ANNA, { i: incidentId, a: 'close' });
    const rows = await h.reminders.listForIncident(incidentId);
    expect(
      rows.filter((r) => r.status === 'pending').map((r) => [r.kind, r.targetId, r.dueAt.toISOString()]),
    ).toEqual([
      ['evaluation', 'U-ANNA', '2026-04-02T06:00:00.000Z'], // Thursday 2 April, 08:00 summer time
    ]);
    expect(rows.filter((r) => r.kind !== 'evaluation').every((r) => r.status === 'cancelled')).toBe(true);
    await h.runUntil('2026-04-20T12:00:00Z', 120, 12);
    expect(h.gateway.directs().map((d) => [d.target, d.card?.fallback, d.at.toISOString()])).toEqual([
      ['U-ANNA', 'Evaluatie van incident 2026-0001', '2026-04-02T06:00:00.000Z'],
    ]);
  });

  it('does not remind about an evaluation that was done before closing', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.click(ANNA, { i: incidentId, a: 'done', s: 'evaluate-zat' });
    await h.click(ANNA, { i: incidentId, a: 'close' });
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
