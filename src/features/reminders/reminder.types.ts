import type {
  FormAnswer,
  Incident,
  Member,
  Step,
  UserId,
  Workspace,
} from '../../core/incidents/incident.types.js';
import { DEFAULT_SCHOOL_TIME, type SchoolTimeDefaults } from './school-time.rules.js';

/**
 * - `aftercare`: a planned aftercare (nazorg) moment from the aftercare form.
 * - `rest_end`: the last day of the victim's rest period.
 * - `overdue`: a step past its deadline; at most one a school day per step.
 * - `nudge`: Direct steps nobody claimed after the first school hours, once per incident.
 * - `evaluation`: the ZAT evaluation still not done some weeks after closing, once.
 * - `task`: a task on the action list past its last day, once, to its owner.
 */
export const REMINDER_KINDS = ['aftercare', 'rest_end', 'overdue', 'nudge', 'evaluation', 'task'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * `pending` waits for its due time; `sending` is claimed by one instance under a lease;
 * `sent`, `failed` (gave up) and `cancelled` (no longer wanted, or stopped) are final, except
 * that "Een week later" puts a sent reminder back to pending.
 */
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** What the person did with the reminder's buttons. */
export type ReminderOutcome = 'done' | 'snoozed' | 'stopped';

/** A reminder the incident's current state asks for. */
export interface WantedReminder {
  kind: ReminderKind;
  /** Identity within the incident: a key is scheduled at most once, whatever happens later. */
  key: string;
  /** The step it belongs to (for notes and cancelling), if any. */
  stepKey: string | null;
  /** Another reference, e.g. the aftercare moment's id. */
  ref: string | null;
  targetId: UserId;
  /** Aftercare subject code (`victim`, `class`, …); never a name. */
  about: string | null;
  dueAt: Date;
}

/** A stored reminder: what was wanted, and how its delivery went. */
export interface Reminder extends WantedReminder {
  id: string;
  workspaceId: string;
  incidentId: string;
  status: ReminderStatus;
  /** Delivery attempts so far (counted when claimed). */
  attempts: number;
  /** Code of the last failure (`user_gone`, `timeout`, …); never a message text. */
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  outcome: ReminderOutcome | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Everything the schedule is derived from, read together. */
export interface ReminderState {
  incident: Incident;
  workspace: Workspace;
  members: Member[];
  steps: Step[];
  forms: FormAnswer[];
  reminders: Reminder[];
}

/** The schedule rules' settings (environment defaults; school time per workspace on top). */
export interface ReminderRules {
  school: SchoolTimeDefaults;
  /** Unclaimed Direct steps are listed after this many school hours; 0 turns the nudge off. */
  nudgeAfterSchoolHours: number;
  /** Days after closing before the ZAT evaluation reminder; 0 turns it off. */
  evaluationAfterDays: number;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  school: DEFAULT_SCHOOL_TIME,
  nudgeAfterSchoolHours: 2,
  evaluationAfterDays: 28,
};

export interface SyncOutcome {
  inserted: number;
  cancelled: number;
  /** The kinds among what was inserted or cancelled, e.g. to tell whether the overview changed. */
  kinds: ReminderKind[];
}
