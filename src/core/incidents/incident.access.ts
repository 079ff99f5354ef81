import { DomainError, NotAMemberError, NotLeadError } from '../errors/domain-error.js';
import type { Repositories, RowLock } from '../ports/store.js';
import type { AuditAction, AuditEvent, Incident, Member, UserId } from './incident.types.js';
import { assertWorkable, type Stage } from './lifecycle.rules.js';

/** The person acting, as the platform knows them. */
export interface Actor {
  userId: UserId;
  displayName?: string | null;
}

/** The id used in the audit trail for what the bot does by itself. */
export const SYSTEM_ACTOR = 'system';

export interface ActionScope {
  incidentId: string;
  actor: Actor;
  /** The channel or chat the click came from; a mismatch means a forged or replayed payload. */
  spaceId?: string | null;
}

export interface Access {
  incident: Incident;
  members: Member[];
  isMember: (userId: UserId) => boolean;
}

/**
 * Loads an incident for a change by one of its members, refusing strangers, payloads that point
 * at another incident than the space they came from, and changes the incident's status no longer
 * allows (`stage`: after closing only the evaluation and aftercare may change).
 */
export async function requireMemberAccess(
  tx: Repositories,
  scope: ActionScope,
  lock: RowLock = 'share',
  stage: Stage = 'acute',
): Promise<Access> {
  const access = await loadAccess(tx, scope.incidentId, lock);
  checkMemberAccess(access, scope, stage);
  return access;
}

/** The incident (locked) and its members, for changes by one or more people. */
export async function loadAccess(tx: Repositories, incidentId: string, lock: RowLock): Promise<Access> {
  const found = await tx.incidents.getWithMembers(incidentId, lock);
  if (!found) throw new DomainError('IncidentNotFound', { incident: incidentId });
  const { incident, members } = found;
  const ids = new Set(members.map((member) => member.userId));
  return { incident, members, isMember: (userId) => ids.has(userId) };
}

/** Refuses strangers, payloads from another space and changes the incident's status no longer allows. */
export function checkMemberAccess(access: Access, scope: ActionScope, stage: Stage = 'acute'): void {
  checkMemberAndPlace(access, scope);
  assertWorkable(access.incident, stage);
}

/** Refuses strangers and payloads from another space, whatever the incident's status. */
export function checkMemberAndPlace(access: Access, scope: ActionScope): void {
  const { incident } = access;
  if (!access.isMember(scope.actor.userId)) throw new NotAMemberError(scope.actor.userId);
  if (scope.spaceId != null && incident.spaceId !== null && incident.spaceId !== scope.spaceId) {
    throw new DomainError('ActionContextMismatch', { incident: incident.number });
  }
}

export function requireLead(incident: Incident, actor: Actor): void {
  if (incident.leadId !== actor.userId) throw new NotLeadError(incident.leadId);
}

export function auditEvent(
  incident: Pick<Incident, 'id' | 'workspaceId'>,
  actorId: UserId,
  action: AuditAction,
  details: AuditEvent['details'],
  at: Date,
): AuditEvent {
  return { workspaceId: incident.workspaceId, incidentId: incident.id, actorId, action, details, at };
}
