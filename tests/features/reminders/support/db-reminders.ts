import type { DatabaseHandle } from '../../../../src/db/connect.js';
import { reminderRepository } from '../../../../src/features/reminders/reminder.repository.js';
import { ReminderService } from '../../../../src/features/reminders/reminder.service.js';
import { DEFAULT_REMINDER_RULES } from '../../../../src/features/reminders/reminder.types.js';
import type { DbFixture } from '../../../support/db-fixture.js';

/** The lead and a mentor of the incidents in the database reminder tests. */
export const LEAD = { userId: 'U-LEAD', displayName: 'Ilse' };
export const MENTOR = { userId: 'U-MENTOR', displayName: 'Mo' };

/** The reminder store on the database and the service that plans from the fixture's incidents. */
export function remindersOn(handle: DatabaseHandle, fx: DbFixture) {
  const reminders = reminderRepository(handle.db);
  const service = new ReminderService({
    store: fx.store,
    reminders,
    playbooks: fx.playbooks,
    clock: fx.clock,
    rules: DEFAULT_REMINDER_RULES,
  });
  return { reminders, service };
}
