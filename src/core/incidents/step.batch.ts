import type { Outcome } from '../concurrency/keyed-batcher.js';
import { DomainError, isDomainError } from '../errors/domain-error.js';
import type { Repositories } from '../ports/store.js';
import {
  type Access,
  type ActionScope,
  auditEvent,
  checkMemberAccess,
  loadAccess,
} from './incident.access.js';
import type { ChangeResult } from './incident.service.js';
import type { AuditEvent, Incident, Member, Step } from './incident.types.js';
import type { Stage } from './lifecycle.rules.js';
import { applyStepAction, type StepAction } from './step.transitions.js';

export interface StepScope extends ActionScope {
  stepKey: string;
  /** Idempotency key of the delivery (Slack retry, Teams activity id). */
  requestId?: string;
}

export interface StepChange {
  incident: Incident;
  step: Step;
  /** The incident's members at the time of the change, for names in answers. */
  members: Member[];
  /** This change settled the last evaluation or aftercare step of a closed incident: it is finished. */
  finishedNow?: boolean;
}

/** One person's action on one step of an incident. */
export interface StepJob {
  scope: StepScope;
  action: StepAction;
}

export type StepOutcome = Outcome<ChangeResult<StepChange>>;

const REQUEST_SCOPE = 'step';

/**
 * Applies the actions of several people on one incident in one transaction, in the order they
 * came, with the same rules as one at a time: each action sees the steps as the actions before
 * it left them, so of two claims on one step the first wins and the second is refused naming
 * the owner. A refusal is that action's outcome only; the others are still written. The steps
 * involved are locked in key order, so batches of other processes never deadlock with this one.
 * A repeated delivery (same request id, already recorded) changes nothing.
 */
export async function applyStepBatch(
  tx: Repositories,
  incidentId: string,
  jobs: StepJob[],
  now: Date,
  /** Whether a step belongs to the acute phase or to evaluation and aftercare. */
  stageOf: (incident: Incident, stepKey: string) => Stage,
): Promise<StepOutcome[]> {
  let access: Access;
  try {
    access = await loadAccess(tx, incidentId, 'share');
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return jobs.map(() => ({ ok: false, error }));
  }
  const refused = jobs.map((job) =>
    refusal(() => checkMemberAccess(access, job.scope, stageOf(access.incident, job.scope.stepKey))),
  );
  const admitted = jobs.filter((_, index) => !refused[index]);
  const current = new Map(
    (await tx.steps.getMany(incidentId, unique(admitted.map((job) => job.scope.stepKey)), 'update')).map(
      (step) => [step.key, step],
    ),
  );
  const requestIds = unique(admitted.flatMap((job) => (job.scope.requestId ? [job.scope.requestId] : [])));
  const seen = await tx.requests.seen(requestIds, REQUEST_SCOPE);
  const written = new Map<string, Step>();
  const audit: AuditEvent[] = [];
  const marked: string[] = [];
  const result = (changed: boolean, step: Step): StepOutcome => ({
    ok: true,
    value: { changed, value: { incident: access.incident, step, members: access.members } },
  });

  const decide = ({ scope, action }: StepJob): StepOutcome => {
    const step = current.get(scope.stepKey);
    if (!step) return { ok: false, error: new DomainError('StepNotFound', { step: scope.stepKey }) };
    if (scope.requestId && seen.has(scope.requestId)) return result(false, step);
    let transition: ReturnType<typeof applyStepAction>;
    try {
      transition = applyStepAction(step, action, {
        actorId: scope.actor.userId,
        leadId: access.incident.leadId,
        isMember: access.isMember,
        now,
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { ok: false, error };
    }
    if (scope.requestId) {
      seen.add(scope.requestId);
      marked.push(scope.requestId);
    }
    if (!transition) return result(false, step);
    current.set(step.key, transition.step);
    written.set(step.key, transition.step);
    audit.push(
      auditEvent(access.incident, scope.actor.userId, transition.audit.action, transition.audit.details, now),
    );
    return result(true, transition.step);
  };

  const outcomes = jobs.map((job, index) => refused[index] ?? decide(job));
  await tx.steps.writeChanges({
    steps: [...written.values()],
    audit,
    requests: { scope: REQUEST_SCOPE, keys: marked },
  });
  return outcomes;
}

/** Runs a check; a rule's refusal becomes the outcome, anything else is thrown on. */
function refusal(check: () => void): StepOutcome | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: false, error };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
