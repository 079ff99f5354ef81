import { beforeAll, expect, it } from 'vitest';
import type { ReminderStore } from '../../../src/features/reminders/reminder.port.js';
import type { ReminderService } from '../../../src/features/reminders/reminder.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { blockFixture } from '../../support/db-fixture.js';
import { LEAD, MENTOR, remindersOn } from './support/db-reminders.js';

describeEachDatabase('reminders over an incident’s life', (target) => {
  const db = blockFixture(target);
  let reminders: ReminderStore;
  let service: ReminderService;

  beforeAll(async () => {
    // The fixture's clock reads Wednesday 25 November 2026, 10:00 in Amsterdam.
    ({ reminders, service } = remindersOn(db.handle, db.fx));
  });

  it('keeps the aftercare moments after closing, also in the periodic sync, and cancels them when finished', async () => {
    const incident = await db.fx.open(LEAD, { title: 'Foto 3C', invited: [MENTOR] });
    const scope = { incidentId: incident.id, actor: LEAD };
    await db.fx.steps.saveForm(
      { ...scope, stepKey: 'plan-aftercare' },
      {
        moments: [
          { date: '2026-12-02', about: 'victim', remind: 'U-MENTOR' },
          { date: '2027-01-06', about: 'class', remind: 'U-LEAD' },
        ],
      },
    );
    await service.sync(incident.id);
    await db.fx.incidents.close(scope);
    await service.sync(incident.id);
    const pending = async () =>
      (await reminders.listForIncident(incident.id))
        .filter((r) => r.status === 'pending')
        .map((r) => [r.kind, r.dueAt.toISOString()]);
    expect(await pending()).toEqual([
      ['aftercare', '2026-12-02T07:00:00.000Z'],
      ['evaluation', '2026-12-23T07:00:00.000Z'],
      ['aftercare', '2027-01-06T07:00:00.000Z'],
    ]);
    // Months after closing, a closed incident's aftercare is still looked after.
    const monthsLater = new Date('2027-06-01T00:00:00Z');
    expect(await reminders.listIncidentsToSync(monthsLater, null, 10)).toContain(incident.id);

    db.fx.clock.set(new Date('2026-12-10T09:00:00Z'));
    await db.fx.incidents.finish(scope, 'Nazorg loopt via de jeugdarts');
    expect((await service.sync(incident.id)).cancelled).toBe(3);
    expect(await pending()).toEqual([]);
    expect(await reminders.listIncidentsToSync(new Date('2026-12-01T00:00:00Z'), null, 10)).toContain(
      incident.id,
    );
    expect(await reminders.listIncidentsToSync(monthsLater, null, 10)).not.toContain(incident.id);
  });
});
