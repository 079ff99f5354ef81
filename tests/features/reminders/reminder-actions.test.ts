import { beforeEach, describe, expect, it } from 'vitest';
import { ANNA, BOB, CARLA, STRANGER } from '../../support/core-fixture.js';
import { createReminderHarness, type ReminderHarness } from './support/reminder-harness.js';

/** Bob plans one aftercare moment for Monday 9 March and receives it. */
async function delivered(): Promise<{ h: ReminderHarness; incidentId: string; reminderId: string }> {
  const h = await createReminderHarness({ start: '2026-03-02T08:30:00Z' });
  const { incidentId } = await h.open();
  await h.step(BOB, incidentId, 'claim', 'plan-aftercare');
  await h.step(BOB, incidentId, 'form', 'plan-aftercare', {
    form: { moments: [{ date: '2026-03-09', about: 'victim', remind: 'U-BOB' }] },
  });
  await h.runUntil('2026-03-09T07:00:00Z', 30);
  const reminderId = h.gateway.directs()[0]?.reminderId as string;
  expect(reminderId).toBeTruthy();
  return { h, incidentId, reminderId };
}

describe('the buttons on a reminder', () => {
  let h: ReminderHarness;
  let incidentId: string;
  let reminderId: string;

  beforeEach(async () => {
    ({ h, incidentId, reminderId } = await delivered());
    h.gateway.calls.length = 0;
  });

  it('Gedaan asks for a note, stores it once on the step and tells the team', async () => {
    const empty = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: '  ' });
    expect(empty).toMatchObject({ ok: false, message: 'Notitie: vul dit in.' });
    const done = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, {
      note: 'Gaat beter, heeft een buddy in de klas.',
    });
    expect(done).toMatchObject({
      ok: true,
      changed: true,
      message: 'Dank je wel. Je notitie staat bij het incident.',
    });
    const again = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: 'Nog een keer' });
    expect(again).toMatchObject({ ok: true, changed: false });
    const notes = await h.store.notes.list(incidentId, 10);
    expect(notes.map((note) => [note.stepKey, note.authorId, note.text])).toEqual([
      ['plan-aftercare', 'U-BOB', 'Gaat beter, heeft een buddy in de klas.'],
    ]);
    expect(h.gateway.named('postTimeline').map((call) => call.text)).toEqual([
      'Bob heeft de herinnering “nazorg voor het slachtoffer” afgerond: “Gaat beter, heeft een buddy in de klas.”',
    ]);
    const audit = (await h.store.audit.list(incidentId)).slice(-2);
    expect(audit.map((event) => [event.action, event.details])).toEqual([
      ['note.added', { step: 'plan-aftercare' }],
      ['reminder.done', { reminder: reminderId, kind: 'aftercare' }],
    ]);
    expect((await h.reminders.get(reminderId))?.outcome).toBe('done');
    // The phase card that shows the latest note is redrawn.
    expect(h.gateway.named('updateCard').map((call) => call.card?.key)).toContain(
      'phase:evaluation-aftercare',
    );
  });

  it('Een week later brings it back a week later at the start of school, and it can be answered again', async () => {
    const snoozed = await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    expect(snoozed).toMatchObject({
      ok: true,
      changed: true,
      message: 'Goed. Je krijgt deze herinnering opnieuw op 16 mrt 2026.',
    });
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'pending',
      outcome: 'snoozed',
      attempts: 0,
      dueAt: new Date('2026-03-16T07:00:00Z'),
    });
    const twice = await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    expect(twice).toMatchObject({ changed: false, message: snoozed.message });
    await h.service.syncAll();
    expect((await h.reminders.get(reminderId))?.status).toBe('pending');
    await h.runUntil('2026-03-17T12:00:00Z', 30);
    expect(h.gateway.directs().map((d) => [d.reminderId, d.at.toISOString()])).toEqual([
      [reminderId, '2026-03-09T07:00:00.000Z'],
      [reminderId, '2026-03-16T07:00:00.000Z'],
    ]);
    const done = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: 'Gesprek gehad.' });
    expect(done.changed).toBe(true);
  });

  it('Niet meer nodig stops it for good, also after the schedule is recomputed', async () => {
    await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    const stopped = await h.reminder(BOB, incidentId, 'reminderStop', reminderId);
    expect(stopped).toMatchObject({
      ok: true,
      changed: true,
      message: 'Goed. Je krijgt deze herinnering niet meer.',
    });
    expect(await h.reminders.get(reminderId)).toMatchObject({ status: 'cancelled', outcome: 'stopped' });
    await h.service.syncAll();
    const snooze = await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    expect(snooze).toMatchObject({ changed: false, message: 'Goed. Je krijgt deze herinnering niet meer.' });
    await h.runUntil('2026-03-20T12:00:00Z', 60);
    expect(h.gateway.directs()).toHaveLength(1);
    expect((await h.store.audit.list(incidentId)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['reminder.snoozed', 'reminder.stopped']),
    );
  });

  it('refuses strangers, other incidents and made-up reminders', async () => {
    const stranger = await h.reminder(STRANGER, incidentId, 'reminderSnooze', reminderId);
    expect(stranger).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    const { incidentId: other } = await h.open();
    const elsewhere = await h.reminder(BOB, other, 'reminderStop', reminderId);
    expect(elsewhere).toMatchObject({ ok: false, errorCode: 'InvalidAction' });
    const unknown = await h.reminder(BOB, incidentId, 'reminderStop', 'no-such-reminder');
    expect(unknown).toMatchObject({ ok: false, errorCode: 'InvalidAction' });
    const missing = await h.click(BOB, { incidentId: incidentId, kind: 'reminderStop' });
    expect(missing).toMatchObject({ ok: false, errorCode: 'InvalidAction' });
    expect((await h.reminders.get(reminderId))?.outcome).toBeNull();
  });

  it('lets the person reminded put off their own reminder after leaving, but not write into the incident', async () => {
    await h.fx.incidents.removeMember({ incidentId, actor: ANNA }, 'U-BOB');
    const note = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: 'Gesproken' });
    expect(note).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    const stop = await h.reminder(BOB, incidentId, 'reminderStop', reminderId);
    expect(stop.ok).toBe(true);
    const carla = await h.reminder(CARLA, incidentId, 'reminderDone', reminderId, { note: 'Overgenomen' });
    expect(carla.ok).toBe(true);
  });

  it('lets aftercare of a closed incident be postponed and done; after finishing, refuses both', async () => {
    await h.click(ANNA, { incidentId: incidentId, kind: 'close' });
    const snooze = await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    expect(snooze.ok, snooze.message).toBe(true);
    const done = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: 'Laatste gesprek.' });
    expect(done.ok).toBe(true);
    const finished = await h.click(
      ANNA,
      { incidentId: incidentId, kind: 'finish' },
      { reason: 'Nazorg loopt verder via de mentor' },
    );
    expect(finished.ok, finished.message).toBe(true);
    const later = await h.reminder(BOB, incidentId, 'reminderSnooze', reminderId);
    expect(later).toMatchObject({ ok: false, errorCode: 'IncidentFinished' });
    const note = await h.reminder(BOB, incidentId, 'reminderDone', reminderId, { note: 'Nog een gesprek.' });
    expect(note).toMatchObject({ ok: false, errorCode: 'IncidentFinished' });
  });

  it('answers in the clicker’s language', async () => {
    const result = await h.interactions.handle({
      workspace: h.workspace,
      actor: BOB,
      payload: { incidentId: incidentId, kind: 'reminderSnooze', ref: reminderId },
      spaceId: null,
      locale: 'en',
    });
    expect(result.message).toBe('All right. You will get this reminder again on 16 Mar 2026.');
  });
});
