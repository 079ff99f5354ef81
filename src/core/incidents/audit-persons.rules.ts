import { SYSTEM_ACTOR } from './incident.access.js';
import type { AuditAction, AuditEvent, UserId } from './incident.types.js';

/**
 * The `details` fields of each audit action that hold a staff member's id. The store keeps the
 * people of an incident's audit trail as per-incident pseudonyms, and forgets who they were when
 * the incident is purged; it needs to know which values are people. A `Record` over every
 * action, so a new action does not compile until it says which of its fields name someone.
 * (`from` names a person for a lead transfer, but is a step status for `step.reopened`.)
 */
export const AUDIT_PERSON_FIELDS: Readonly<Record<AuditAction, readonly string[]>> = {
  'incident.opened': [],
  'incident.space_attached': [],
  'incident.ready': [],
  'incident.closed': [],
  'incident.finished': [],
  'incident.reopened': [],
  'incident.lead_transferred': ['from', 'to'],
  'incident.facts_changed': [],
  'incident.file_shared': [],
  'incident.purged': [],
  'member.added': ['user'],
  'member.removed': ['user'],
  'step.claimed': [],
  'step.released': ['previousOwner'],
  'step.assigned': ['assignee', 'previousOwner'],
  'step.done': [],
  'step.not_applicable': [],
  'step.reopened': [],
  'step.due_set': [],
  'note.added': [],
  'form.saved': [],
  'form.task_set': ['owner'],
  'reminder.done': [],
  'reminder.snoozed': [],
  'reminder.stopped': [],
  'dossier.generated': ['requestedBy'],
};

/** Read as a string: an entry written by another version may carry an action this one does not know. */
function personFields(action: string): readonly string[] {
  return Object.hasOwn(AUDIT_PERSON_FIELDS, action) ? AUDIT_PERSON_FIELDS[action as AuditAction] : [];
}

/** The bot acting by itself is nobody: it keeps its own id. */
function isPerson(value: unknown): value is UserId {
  return typeof value === 'string' && value !== SYSTEM_ACTOR;
}

/** Every person an entry names: its actor and its person fields. */
export function peopleIn(event: Pick<AuditEvent, 'actorId' | 'action' | 'details'>): UserId[] {
  const people = [event.actorId, ...personFields(event.action).map((field) => event.details[field])];
  return [...new Set(people.filter(isPerson))];
}

/**
 * The entry with each person replaced by `swap(id)` (a pseudonym on the way in, the id again on
 * the way out); anything `swap` leaves undefined stays as it is.
 */
export function swapPeople<E extends Pick<AuditEvent, 'actorId' | 'action' | 'details'>>(
  event: E,
  swap: (value: string) => string | undefined,
): E {
  const replaced = (value: unknown) => (isPerson(value) ? swap(value) : undefined);
  const details = { ...event.details };
  for (const field of personFields(event.action)) {
    const value = replaced(details[field]);
    if (value !== undefined) details[field] = value;
  }
  return { ...event, actorId: replaced(event.actorId) ?? event.actorId, details };
}
