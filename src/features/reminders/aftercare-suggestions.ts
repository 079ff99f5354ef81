import type { FormDefaults } from '../../core/interactions/command.service.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Store } from '../../core/ports/store.js';
import { isoDateIn } from '../../core/time/zoned.js';
import type { ReminderRules } from './reminder.types.js';
import { addDaysIso, addMonthsIso, schoolDateOnOrAfter, schoolTimeFor } from './school-time.rules.js';

/**
 * The aftercare form's suggestion when nothing is planned yet: 1 week, 6 weeks and 3 months
 * from today (moved to a school day), about the victim, reminding the step's owner — or whoever
 * opens the form when nobody holds the step. Every row can be changed or removed.
 */
export function aftercareSuggestions(store: Store, clock: Clock, rules: ReminderRules): FormDefaults {
  return async ({ view, stepKey, kind, actor }) => {
    if (kind !== 'aftercare_moments') return null;
    const workspace = await store.workspaces.get(view.incident.workspaceId);
    if (!workspace) return null;
    const owner = view.steps.find((step) => step.key === stepKey)?.ownerId;
    const remind = owner && view.members.some((member) => member.userId === owner) ? owner : actor.userId;
    const school = schoolTimeFor(workspace, rules.school);
    const today = isoDateIn(clock.now(), school.timeZone);
    const dates = [addDaysIso(today, 7), addDaysIso(today, 42), addMonthsIso(today, 3)];
    return {
      moments: dates.map((date) => ({ date: schoolDateOnOrAfter(date, school), about: 'victim', remind })),
    };
  };
}
