import type { Reminder, ReminderState, SyncOutcome, WantedReminder } from './reminder.types.js';

/** A claim on due reminders by one scheduler instance. */
export interface ClaimRequest {
  now: Date;
  /** Identifies the instance; only the lease owner may settle what it claimed. */
  owner: string;
  /** Until when the claim holds; after that another instance may take the reminder over. */
  leaseUntil: Date;
  limit: number;
}

/**
 * Durable reminder schedule. Each reminder is a row; several bot instances share it. Methods
 * that settle a claimed reminder check the lease owner and return false when the reminder is no
 * longer theirs (lease expired and taken over, or cancelled meanwhile).
 */
export interface ReminderStore {
  /**
   * Reads the incident's state and applies `plan` to it in one step that is serialised per
   * incident: wanted keys that do not exist yet are inserted, pending reminders whose key is no
   * longer wanted are cancelled. A key that exists in any status is never inserted again.
   */
  sync(incidentId: string, plan: (state: ReminderState) => WantedReminder[], now: Date): Promise<SyncOutcome>;
  /** The same state `sync` plans from, without a lock (for checks just before sending). */
  loadState(incidentId: string): Promise<ReminderState | undefined>;
  get(id: string): Promise<Reminder | undefined>;
  listForIncident(incidentId: string): Promise<Reminder[]>;
  /**
   * Incidents whose schedule may still change: not finished (a closed incident's aftercare goes
   * on), or finished since `finishedSince`, and not purged. Ordered by id, starting after `afterId`.
   */
  listIncidentsToSync(finishedSince: Date, afterId: string | null, limit: number): Promise<string[]>;

  /**
   * Claims due reminders — pending ones due by `now`, and ones whose sender's lease ran out —
   * skipping those another instance holds. Claimed reminders are `sending`, attempts + 1.
   */
  claimDue(request: ClaimRequest): Promise<Reminder[]>;
  markSent(id: string, owner: string, now: Date): Promise<boolean>;
  /** Back to pending at `dueAt`; `refund` undoes the attempt (it was not really tried). */
  release(id: string, owner: string, dueAt: Date, refund: boolean, now: Date): Promise<boolean>;
  /** A failed attempt that will be tried again at `dueAt`. */
  retryLater(id: string, owner: string, dueAt: Date, code: string, now: Date): Promise<boolean>;
  markFailed(id: string, owner: string, code: string, now: Date): Promise<boolean>;
  /** Cancels a claimed reminder that turned out to be no longer wanted. */
  cancelClaimed(id: string, owner: string, now: Date): Promise<boolean>;

  /** "Gedaan": records the outcome; a pending (snoozed) reminder is cancelled. */
  markDone(id: string, now: Date): Promise<boolean>;
  /**
   * "Een week later": pending again at `dueAt`, attempts reset. False when stopped, being sent
   * right now, or already pending for that moment.
   */
  snooze(id: string, dueAt: Date, now: Date): Promise<boolean>;
  /** "Niet meer nodig": cancelled if still to come; never sent again. False when already stopped. */
  stop(id: string, now: Date): Promise<boolean>;
}
