import { afterEach } from 'vitest';
import type { Incident } from '../../../src/core/incidents/incident.types.js';
import type { WantedReminder } from '../../../src/features/reminders/reminder.types.js';
import { at, newWorkspace, storedIncident } from './contract-rows.js';
import type { ContractStores } from './contract-targets.js';

export const NOW = at('2026-03-10T09:00:00Z');
export const MINUTE = 60_000;
export const later = (ms: number) => new Date(NOW.getTime() + ms);

export function want(key: string, dueAt: string, fields: Partial<WantedReminder> = {}): WantedReminder {
  return {
    kind: 'aftercare',
    key,
    stepKey: null,
    ref: null,
    targetId: 'U-BOB',
    about: 'victim',
    dueAt: at(dueAt),
    ...fields,
  };
}

export type ReminderCases = ReturnType<typeof reminderCaseTools>;

/**
 * Incidents and schedules for the reminder cases. The claim reads every incident's reminders, so
 * after each case what it left due or in flight is settled.
 */
export function reminderCaseTools(stores: () => ContractStores) {
  const made: string[] = [];
  const newIncident = async (fields: Partial<Incident> = {}) => {
    const { store } = stores();
    const incident = await storedIncident(store, (await newWorkspace(store)).id, fields);
    made.push(incident.id);
    return incident;
  };
  /** An incident whose schedule holds these reminders, ids in the order given. */
  const scheduled = async (...wanted: WantedReminder[]) => {
    const { reminders } = stores();
    const incident = await newIncident();
    await reminders.sync(incident.id, () => wanted, NOW);
    const rows = await reminders.listForIncident(incident.id);
    return { incident, ids: wanted.map((w) => rows.find((row) => row.key === w.key)?.id as string) };
  };
  const claim = (owner: string, limit = 10, now = NOW, leaseUntil = later(5 * MINUTE)) =>
    stores().reminders.claimDue({ now, owner, leaseUntil, limit });

  afterEach(async () => {
    const { reminders } = stores();
    for (const incidentId of made.splice(0)) {
      for (const row of await reminders.listForIncident(incidentId)) {
        if (row.status === 'sending') await reminders.markSent(row.id, row.leaseOwner as string, NOW);
        if (row.status === 'pending') await reminders.stop(row.id, NOW);
      }
    }
  });
  return { stores, newIncident, scheduled, claim };
}
