import { KeyedBatcher } from '../concurrency/keyed-batcher.js';
import { DomainError, InvalidInputError } from '../errors/domain-error.js';
import { validateFormAnswer } from '../forms/form.validation.js';
import { type ActionTask, applyTask, keepTasks, type TaskInput } from '../forms/form-tasks.js';
import { findStep } from '../playbook/playbook.registry.js';
import type { Repositories } from '../ports/store.js';
import { acceptUserText } from '../text/user-text.js';
import { isoDateIn } from '../time/zoned.js';
import {
  type Access,
  type ActionScope,
  auditEvent,
  checkMemberAccess,
  loadAccess,
} from './incident.access.js';
import { finishIfSettled } from './incident.closing.js';
import type { ChangeResult, ServiceDeps } from './incident.service.js';
import type { FormAnswer, Incident, Note, Step } from './incident.types.js';
import { stageOfStep } from './lifecycle.rules.js';
import { LIMITS } from './limits.js';
import {
  applyStepBatch,
  type StepChange,
  type StepJob,
  type StepOutcome,
  type StepScope,
} from './step.batch.js';
import type { StepAction } from './step.transitions.js';

export type { StepChange, StepScope } from './step.batch.js';

/** A task made or changed on the action list, with the incident it belongs to. */
export interface TaskChange {
  answer: FormAnswer;
  task: ActionTask;
  /** The row was no task before. */
  created: boolean;
  incident: Incident;
}

/** At most this many actions go in one transaction. */
const MAX_BATCH = 50;

/** Claiming, finishing and annotating steps; each change is written with its audit entry. */
export class StepService {
  private readonly batches = new KeyedBatcher<StepJob, ChangeResult<StepChange>>(
    (incidentId, jobs) => this.runBatch(incidentId, jobs),
    MAX_BATCH,
  );

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Applies an action to a step. The step row is locked for the transaction, so of many
   * simultaneous claims exactly one wins and the others get StepAlreadyClaimed. Actions on one
   * incident that arrive while its previous transaction runs are written together in the next
   * one (a crowd clicking at once costs a few transactions, not one each); each keeps its own
   * answer and audit entry.
   */
  act(scope: StepScope, action: StepAction): Promise<ChangeResult<StepChange>> {
    return this.batches.submit(scope.incidentId, { scope, action });
  }

  private async runBatch(incidentId: string, jobs: StepJob[]): Promise<StepOutcome[]> {
    const stageOf = (incident: Incident, stepKey: string) => stageOfStep(this.playbookOf(incident), stepKey);
    const apply = (batch: StepJob[]) =>
      this.deps.store.transaction((tx) =>
        applyStepBatch(tx, incidentId, batch, this.deps.clock.now(), stageOf),
      );
    let outcomes: StepOutcome[];
    try {
      outcomes = await apply(jobs);
    } catch (error) {
      if (jobs.length === 1) throw error;
      // The database refused the batch (not a rule): try each action on its own, so one bad
      // action does not take the others down.
      outcomes = [];
      for (const job of jobs) {
        try {
          outcomes.push(...(await apply([job])));
        } catch (single) {
          outcomes.push({ ok: false, error: single });
        }
      }
    }
    return this.finishWhenSettled(incidentId, jobs, outcomes);
  }

  /**
   * A change to the last open evaluation or aftercare step of a closed incident finishes it. Its
   * own transaction, after the batch: the batch only holds a shared lock on the incident.
   */
  private async finishWhenSettled(
    incidentId: string,
    jobs: StepJob[],
    outcomes: StepOutcome[],
  ): Promise<StepOutcome[]> {
    const index = outcomes.findLastIndex(
      (outcome) => outcome.ok && outcome.value.changed && outcome.value.value.incident.status === 'closed',
    );
    const last = outcomes[index];
    const job = jobs[index];
    if (!last?.ok || !job) return outcomes;
    // The steps are saved already: if finishing fails now, the answer still says they are, and the
    // lead can finish the incident with "Afronden" (nothing is left open to end).
    const finished = await finishIfSettled(this.deps, incidentId, job.scope.actor.userId).catch(() => null);
    if (!finished) return outcomes;
    return outcomes.map((outcome) =>
      outcome.ok
        ? {
            ok: true,
            value: {
              ...outcome.value,
              value: { ...outcome.value.value, incident: finished, finishedNow: outcome === last },
            },
          }
        : outcome,
    );
  }

  /** A note on the incident, or on one of its steps. */
  async addNote(scope: ActionScope & { stepKey?: string | null; requestId?: string }, rawText: string) {
    return this.deps.store.transaction(async (tx): Promise<ChangeResult<Note | null>> => {
      const access = await this.access(tx, scope, scope.stepKey);
      const text = acceptUserText('note', rawText, { multiline: true });
      if (text.length === 0) throw new InvalidInputError('note', 'required');
      if (text.length > LIMITS.note) throw new InvalidInputError('note', 'tooLong', { max: LIMITS.note });
      if (scope.stepKey) await lockStep(tx, access, scope.stepKey);
      if (!(await firstDelivery(tx, scope))) return { changed: false, value: null };
      const now = this.deps.clock.now();
      const note: Note = {
        id: this.deps.ids.newId(),
        incidentId: access.incident.id,
        stepKey: scope.stepKey ?? null,
        authorId: scope.actor.userId,
        text,
        createdAt: now,
      };
      await tx.notes.add(note);
      await tx.audit.append(
        auditEvent(access.incident, scope.actor.userId, 'note.added', { step: note.stepKey }, now),
      );
      return { changed: true, value: note };
    });
  }

  /** Stores the structured answer of a step's form (action list, statement, …), replacing the previous one. */
  async saveForm(scope: StepScope, data: unknown): Promise<ChangeResult<FormAnswer>> {
    return this.deps.store.transaction(async (tx) => {
      const access = await this.access(tx, scope, scope.stepKey);
      await lockStep(tx, access, scope.stepKey);
      const definition = findStep(this.playbookOf(access.incident), scope.stepKey);
      const kind = definition?.step.form;
      if (!kind) throw new DomainError('FormNotAvailable', { step: scope.stepKey });
      const workspace = await tx.workspaces.get(access.incident.workspaceId);
      const now = this.deps.clock.now();
      const previous = (await tx.forms.get(access.incident.id, scope.stepKey))?.data;
      const cleaned = validateFormAnswer(kind, data, {
        isMember: access.isMember,
        today: isoDateIn(now, workspace?.timezone ?? 'Europe/Amsterdam'),
        previous,
      });
      const answer: FormAnswer = {
        incidentId: access.incident.id,
        stepKey: scope.stepKey,
        kind,
        data: keepTasks(
          withRowIds(cleaned, () => this.deps.ids.newId()),
          previous,
        ),
        updatedBy: scope.actor.userId,
        updatedAt: now,
      };
      if (!(await firstDelivery(tx, scope))) {
        const stored = await tx.forms.get(access.incident.id, scope.stepKey);
        return { changed: false, value: stored ?? answer };
      }
      await tx.forms.upsert(answer);
      await tx.audit.append(
        auditEvent(access.incident, scope.actor.userId, 'form.saved', { step: scope.stepKey, kind }, now),
      );
      return { changed: true, value: answer };
    });
  }

  /**
   * Makes a row of the step's action list a task (owner, last day, done), or changes its task.
   * Only the action list has tasks; the row must be stored and the owner a member.
   */
  async setTask(scope: StepScope, input: TaskInput): Promise<ChangeResult<TaskChange>> {
    return this.deps.store.transaction(async (tx) => {
      const access = await this.access(tx, scope, scope.stepKey);
      await lockStep(tx, access, scope.stepKey);
      const kind = findStep(this.playbookOf(access.incident), scope.stepKey)?.step.form;
      if (kind !== 'action_list') throw new DomainError('FormNotAvailable', { step: scope.stepKey });
      const stored = await tx.forms.get(access.incident.id, scope.stepKey);
      const workspace = await tx.workspaces.get(access.incident.workspaceId);
      const now = this.deps.clock.now();
      const applied = applyTask(stored?.data ?? {}, input, {
        isMember: access.isMember,
        today: isoDateIn(now, workspace?.timezone ?? 'Europe/Amsterdam'),
      });
      const answer: FormAnswer = {
        incidentId: access.incident.id,
        stepKey: scope.stepKey,
        kind,
        data: applied.data,
        updatedBy: scope.actor.userId,
        updatedAt: now,
      };
      const value = { answer, task: applied.task, created: applied.created, incident: access.incident };
      if (!(await firstDelivery(tx, scope))) return { changed: false, value };
      await tx.forms.upsert(answer);
      const task = applied.task;
      const details = {
        step: scope.stepKey,
        row: task.rowId,
        owner: task.ownerId,
        due: task.due,
        done: task.done,
      };
      await tx.audit.append(auditEvent(access.incident, scope.actor.userId, 'form.task_set', details, now));
      return { changed: true, value };
    });
  }

  /** A member's access for a change to this step; after closing only evaluation and aftercare. */
  private async access(tx: Repositories, scope: ActionScope, stepKey: string | null | undefined) {
    const access = await loadAccess(tx, scope.incidentId, 'share');
    checkMemberAccess(access, scope, stageOfStep(this.playbookOf(access.incident), stepKey));
    return access;
  }

  private playbookOf(incident: Incident) {
    return this.deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
  }
}

async function lockStep(tx: Repositories, access: Access, stepKey: string): Promise<Step> {
  const step = await tx.steps.get(access.incident.id, stepKey, 'update');
  if (!step) throw new DomainError('StepNotFound', { step: stepKey });
  return step;
}

async function firstDelivery(tx: Repositories, scope: { requestId?: string }): Promise<boolean> {
  if (!scope.requestId) return true;
  return (await tx.requests.markProcessed(scope.requestId, 'step')).first;
}

/** Rows of a list (action items, aftercare moments) keep a stable id so reminders can refer to them. */
function withRowIds(data: Record<string, unknown>, newId: () => string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [name, value] of Object.entries(out)) {
    if (!Array.isArray(value)) continue;
    out[name] = value.map((row: Record<string, unknown>) => ({
      ...row,
      id: typeof row.id === 'string' ? row.id : newId(),
    }));
  }
  return out;
}
