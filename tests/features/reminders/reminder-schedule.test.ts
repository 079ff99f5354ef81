import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../../src/core/text/format.js';
import { isoDateIn } from '../../../src/core/time/zoned.js';
import { ANNA, BOB, CARLA } from '../../support/core-fixture.js';
import { createReminderHarness, moment, pendingOf, planAftercare } from './support/reminder-harness.js';

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
    await h.step(BOB, incidentId, 'claim', 'plan-aftercare');
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
          payload: { incidentId: incidentId, kind: 'reminderDone', ref: first?.reminderId },
        },
        {
          label: 'Een week later',
          payload: { incidentId: incidentId, kind: 'reminderSnooze', ref: first?.reminderId },
        },
        {
          label: 'Niet meer nodig',
          payload: { incidentId: incidentId, kind: 'reminderStop', ref: first?.reminderId },
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
    await h.step(BOB, incidentId, 'claim', 'plan-aftercare');
    await planAftercare(h, incidentId, [moment('2026-03-09', 'victim', 'U-CARLA')]);
    await h.fx.incidents.removeMember({ incidentId, actor: ANNA }, 'U-CARLA');
    await h.service.syncAll();
    expect((await pendingOf(h, incidentId, 'aftercare')).map((r) => r.targetId)).toEqual(['U-BOB']);
  });
  it('keeps a moment that has passed when the form is saved again, but refuses a new one in the past', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    const [done, later] = await planAftercare(h, incidentId, [
      moment('2026-03-03', 'victim', 'U-BOB'),
      moment('2026-04-14', 'class', 'U-BOB'),
    ]);
    await h.runUntil('2026-03-04T09:00:00Z', 60);
    expect(h.gateway.directs()).toHaveLength(1);
    const moved = await h.step(BOB, incidentId, 'form', 'plan-aftercare', {
      form: {
        moments: [
          moment('2026-03-03', 'victim', 'U-BOB', done?.id),
          moment('2026-04-21', 'class', 'U-BOB', later?.id),
        ],
      },
    });
    expect(moved.ok, moved.message).toBe(true);
    expect((await pendingOf(h, incidentId, 'aftercare')).map((r) => r.dueAt.toISOString())).toEqual([
      '2026-04-21T06:00:00.000Z',
    ]);
    const backdated = await h.step(BOB, incidentId, 'form', 'plan-aftercare', {
      form: {
        moments: [moment('2026-03-03', 'victim', 'U-BOB', done?.id), moment('2026-03-02', 'class', 'U-BOB')],
      },
    });
    expect(backdated).toMatchObject({
      ok: false,
      message: 'Datum (rij 2): deze datum ligt vóór 4 mrt 2026.',
    });
    expect(h.gateway.directs()).toHaveLength(1);
  });
});

describe('the end of the rest period', () => {
  it('reminds the owner of the step on the last day, and not for an end date already past', async () => {
    const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
    const { incidentId } = await h.open();
    await h.step(CARLA, incidentId, 'claim', 'rest-period');
    const past = await h.step(CARLA, incidentId, 'form', 'rest-period', {
      form: { startDate: '2026-02-16', endDate: '2026-02-20' },
    });
    expect(past.ok).toBe(true);
    expect(await pendingOf(h, incidentId, 'rest_end')).toEqual([]);
    await h.step(CARLA, incidentId, 'form', 'rest-period', {
      form: {
        startDate: '2026-03-02',
        endDate: '2026-03-13',
        arrangements: 'Thuis, schoolwerk via de mentor',
      },
    });
    await h.runUntil('2026-03-16T12:00:00Z', 30);
    expect(h.gateway.directs()).toHaveLength(1);
    expect(h.gateway.directs()[0]).toMatchObject({ target: 'U-CARLA', at: new Date('2026-03-13T07:00:00Z') });
    expect(JSON.stringify(h.gateway.directs()[0]?.card)).toContain(
      'De rustperiode van het slachtoffer loopt tot en met vandaag',
    );
  });
});
