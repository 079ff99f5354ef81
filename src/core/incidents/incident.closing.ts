import { DomainError, InvalidInputError } from '../errors/domain-error.js';
import type { Repositories } from '../ports/store.js';
import { acceptUserText } from '../text/user-text.js';
import {
  type ActionScope,
  auditEvent,
  checkMemberAndPlace,
  loadAccess,
  requireLead,
  requireMemberAccess,
} from './incident.access.js';
import type { ChangeResult, ServiceDeps } from './incident.service.js';
import type { Incident, Step, UserId } from './incident.types.js';
import { aftercarePhaseKey, aftercareSettled, isStepSettled } from './lifecycle.rules.js';
import { LIMITS } from './limits.js';

/**
 * Lead only. Ends the acute phase: its open steps keep their state but can no longer change;
 * evaluation and aftercare go on, and their reminders keep running. When those are already
 * settled, the incident is finished at once.
 */
export async function closeIncident(deps: ServiceDeps, scope: ActionScope): Promise<ChangeResult<Incident>> {
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(scope.incidentId, 'update');
    const settled = incident?.status === 'closed' || incident?.status === 'finished';
    if (incident && settled && incident.leadId === scope.actor.userId) {
      return { changed: false, value: incident };
    }
    const access = await requireMemberAccess(tx, scope, 'update');
    requireLead(access.incident, scope.actor);
    const now = deps.clock.now();
    const closed: Incident = { ...access.incident, status: 'closed', closedAt: now, updatedAt: now };
    await tx.incidents.update(closed);
    await tx.audit.append(auditEvent(closed, scope.actor.userId, 'incident.closed', {}, now));
    const finished = await finishWhenSettled(deps, tx, closed, scope.actor.userId, now);
    return { changed: true, value: finished ?? closed };
  });
}

/**
 * Lead only, after closing: ends the evaluation and aftercare with a stated reason. Every step of
 * theirs still open becomes not applicable with that reason (it is kept, and removed with the
 * rest of the content by the retention job), and the incident is finished.
 */
export async function finishIncident(
  deps: ServiceDeps,
  scope: ActionScope,
  rawReason: string,
): Promise<ChangeResult<Incident>> {
  const reason = acceptReason(rawReason);
  return deps.store.transaction(async (tx) => {
    const current = await tx.incidents.get(scope.incidentId, 'update');
    if (current?.status === 'finished' && current.leadId === scope.actor.userId) {
      return { changed: false, value: current };
    }
    const access = await requireMemberAccess(tx, scope, 'update', 'aftercare');
    requireLead(access.incident, scope.actor);
    if (access.incident.status !== 'closed') {
      throw new DomainError('IncidentNotClosed', { incident: access.incident.number });
    }
    const now = deps.clock.now();
    const phase = aftercarePhaseKey(playbookOf(deps, access.incident));
    const open = (await tx.steps.list(access.incident.id)).filter(
      (step) => step.phaseKey === phase && !isStepSettled(step),
    );
    const locked = await tx.steps.getMany(
      access.incident.id,
      open.map((step) => step.key),
      'update',
    );
    const ended: Step[] = locked
      .filter((step) => !isStepSettled(step))
      .map((step) => ({
        ...step,
        status: 'not_applicable',
        naReason: reason,
        naByCondition: false,
        ownerId: step.ownerId ?? scope.actor.userId,
        updatedAt: now,
        revision: step.revision + 1,
      }));
    await tx.steps.writeChanges({
      steps: ended,
      audit: ended.map((step) =>
        auditEvent(
          access.incident,
          scope.actor.userId,
          'step.not_applicable',
          { step: step.key, by: 'finish' },
          now,
        ),
      ),
      requests: { scope: 'step', keys: [] },
    });
    const finished = markFinished(access.incident, now);
    await tx.incidents.update(finished);
    await tx.audit.append(
      auditEvent(finished, scope.actor.userId, 'incident.finished', { ended: ended.length }, now),
    );
    return { changed: true, value: finished };
  });
}

/**
 * After a step change: a closed incident whose evaluation and aftercare are all done or not
 * applicable is finished. Returns the finished incident, or null when nothing changed.
 */
export async function finishIfSettled(
  deps: ServiceDeps,
  incidentId: string,
  actorId: UserId,
): Promise<Incident | null> {
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId, 'update');
    if (incident?.status !== 'closed') return null;
    return finishWhenSettled(deps, tx, incident, actorId, deps.clock.now());
  });
}

/** Finishes a closed incident whose evaluation and aftercare are settled; null otherwise. */
export async function finishWhenSettled(
  deps: ServiceDeps,
  tx: Repositories,
  incident: Incident,
  actorId: UserId,
  now: Date,
): Promise<Incident | null> {
  const steps = await tx.steps.list(incident.id);
  if (!aftercareSettled(steps, aftercarePhaseKey(playbookOf(deps, incident)))) return null;
  const finished = markFinished(incident, now);
  await tx.incidents.update(finished);
  await tx.audit.append(auditEvent(finished, actorId, 'incident.finished', { ended: 0 }, now));
  return finished;
}

function markFinished(incident: Incident, now: Date): Incident {
  return { ...incident, status: 'finished', finishedAt: now, updatedAt: now };
}

function playbookOf(deps: ServiceDeps, incident: Incident) {
  return deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
}

/**
 * The lead reopens a finished incident, with a reason (in the timeline; the audit keeps no free
 * text): it is back in evaluation and aftercare, whose steps can be worked on again. A purged
 * incident has nothing left to reopen.
 */
export async function reopenIncident(
  deps: ServiceDeps,
  scope: ActionScope,
  rawReason: string,
): Promise<ChangeResult<Incident>> {
  acceptReason(rawReason);
  return deps.store.transaction(async (tx) => {
    const access = await loadAccess(tx, scope.incidentId, 'update');
    const { incident } = access;
    // A finished incident is not workable, so only membership and place are checked here.
    checkMemberAndPlace(access, scope);
    requireLead(incident, scope.actor);
    if (incident.purgedAt) throw new DomainError('IncidentPurged', { incident: incident.number });
    if (incident.status !== 'finished') return { changed: false, value: incident };
    const now = deps.clock.now();
    const reopened: Incident = { ...incident, status: 'closed', finishedAt: null, updatedAt: now };
    await tx.incidents.update(reopened);
    await tx.audit.append(auditEvent(reopened, scope.actor.userId, 'incident.reopened', {}, now));
    return { changed: true, value: reopened };
  });
}

/** The reason for finishing or reopening: cleaned, required, not too long. */
function acceptReason(rawReason: string): string {
  const reason = acceptUserText('reason', rawReason, { multiline: true });
  if (reason.length === 0) throw new InvalidInputError('reason', 'required');
  if (reason.length > LIMITS.reason) throw new InvalidInputError('reason', 'tooLong', { max: LIMITS.reason });
  return reason;
}
