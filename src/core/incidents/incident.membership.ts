import { DomainError, InvalidInputError } from '../errors/domain-error.js';
import { type ActionScope, auditEvent, requireLead, requireMemberAccess } from './incident.access.js';
import type { InvitedUser } from './incident.opening.js';
import type { ChangeResult, ServiceDeps } from './incident.service.js';
import type { Incident, Member, UserId } from './incident.types.js';
import { LIMITS } from './limits.js';

/** Lead only: hands the lead to another member. */
export async function transferLead(
  deps: ServiceDeps,
  scope: ActionScope,
  newLeadId: UserId,
): Promise<ChangeResult<Incident>> {
  return deps.store.transaction(async (tx) => {
    // The team may change during aftercare too, until the incident is finished.
    const access = await requireMemberAccess(tx, scope, 'update', 'aftercare');
    requireLead(access.incident, scope.actor);
    if (!access.isMember(newLeadId)) throw new DomainError('AssigneeNotAMember', { user: newLeadId });
    if (access.incident.leadId === newLeadId) return { changed: false, value: access.incident };
    const now = deps.clock.now();
    const updated: Incident = { ...access.incident, leadId: newLeadId, updatedAt: now };
    await tx.incidents.update(updated);
    await tx.audit.append(
      auditEvent(
        updated,
        scope.actor.userId,
        'incident.lead_transferred',
        { from: scope.actor.userId, to: newLeadId },
        now,
      ),
    );
    return { changed: true, value: updated };
  });
}

/** Any member may invite colleagues. Returns those who were not members yet. */
export async function addMembers(
  deps: ServiceDeps,
  scope: ActionScope,
  users: InvitedUser[],
): Promise<ChangeResult<Member[]>> {
  return deps.store.transaction(async (tx) => {
    const access = await requireMemberAccess(tx, scope, 'share', 'aftercare');
    const now = deps.clock.now();
    const fresh = dedupe(users).filter((user) => !access.isMember(user.userId));
    if (access.members.length + fresh.length > LIMITS.members) {
      throw new InvalidInputError('invited', 'tooMany', { max: LIMITS.members });
    }
    const added = fresh.map((user) => toMember(access.incident.id, user, scope.actor.userId, now));
    await tx.members.add(added);
    for (const member of added) {
      await tx.audit.append(
        auditEvent(access.incident, scope.actor.userId, 'member.added', { user: member.userId }, now),
      );
    }
    return { changed: added.length > 0, value: added };
  });
}

/**
 * Lead only. Steps the member held are never silently orphaned: they go back to open
 * (`release`) or to the lead (`lead`). Returns the keys of those steps.
 */
export async function removeMember(
  deps: ServiceDeps,
  scope: ActionScope,
  userId: UserId,
  stepsTo: 'release' | 'lead',
): Promise<ChangeResult<string[]>> {
  return deps.store.transaction(async (tx) => {
    const access = await requireMemberAccess(tx, scope, 'update', 'aftercare');
    requireLead(access.incident, scope.actor);
    if (userId === access.incident.leadId) throw new DomainError('LeadCannotBeRemoved');
    if (!access.isMember(userId)) return { changed: false, value: [] };
    const now = deps.clock.now();
    const leadId = access.incident.leadId;
    const moved: string[] = [];
    for (const step of await tx.steps.list(access.incident.id)) {
      if (step.status !== 'claimed' || step.ownerId !== userId) continue;
      moved.push(step.key);
      const toLead = stepsTo === 'lead';
      await tx.steps.update({
        ...step,
        status: toLead ? 'claimed' : 'open',
        ownerId: toLead ? leadId : null,
        assignedBy: toLead && leadId !== scope.actor.userId ? scope.actor.userId : null,
        updatedAt: now,
        revision: step.revision + 1,
      });
      await tx.audit.append(
        auditEvent(
          access.incident,
          scope.actor.userId,
          toLead ? 'step.assigned' : 'step.released',
          toLead
            ? { step: step.key, assignee: leadId, previousOwner: userId }
            : { step: step.key, previousOwner: userId },
          now,
        ),
      );
    }
    await tx.members.remove(access.incident.id, userId);
    await tx.audit.append(
      auditEvent(access.incident, scope.actor.userId, 'member.removed', { user: userId }, now),
    );
    return { changed: true, value: moved };
  });
}

export function toMember(incidentId: string, user: InvitedUser, addedBy: UserId, now: Date): Member {
  return { incidentId, userId: user.userId, displayName: user.displayName ?? null, addedBy, addedAt: now };
}

function dedupe(users: InvitedUser[]): InvitedUser[] {
  const seen = new Map<string, InvitedUser>();
  for (const user of users)
    if (user.userId?.trim()) seen.set(user.userId.trim(), { ...user, userId: user.userId.trim() });
  return [...seen.values()];
}
