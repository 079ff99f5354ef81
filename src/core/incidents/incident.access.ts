import { DomainError, NotAMemberError, NotLeadError } from '../errors/domain-error.js';
import type { Repositories, RowLock } from '../ports/store.js';
import type { AuditAction, AuditEvent, Incident, Member, UserId } from './incident.types.js';

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
 * Loads an incident for a change by one of its members, refusing strangers, closed incidents
 * and payloads that point at another incident than the space they came from.
 */
export async function requireMemberAccess(
  tx: Repositories,
  scope: ActionScope,
  lock: RowLock = 'share',
): Promise<Access> {
  const incident = await tx.incidents.get(scope.incidentId, lock);
  if (!incident) throw new DomainError('IncidentNotFound', { incident: scope.incidentId });
  const members = await tx.members.list(incident.id);
  const ids = new Set(members.map((member) => member.userId));
  if (!ids.has(scope.actor.userId)) throw new NotAMemberError(scope.actor.userId);
  if (scope.spaceId != null && incident.spaceId !== null && incident.spaceId !== scope.spaceId) {
    throw new DomainError('ActionContextMismatch', { incident: incident.number });
  }
  if (incident.status === 'closed') throw new DomainError('IncidentClosed', { incident: incident.number });
  return { incident, members, isMember: (userId) => ids.has(userId) };
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
