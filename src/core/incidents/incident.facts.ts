import { DomainError } from '../errors/domain-error.js';
import { isStepApplicable } from '../playbook/conditions.js';
import { findStep } from '../playbook/playbook.registry.js';
import { FACT_VALUES, type FactKey, type IncidentFacts, type Playbook } from '../playbook/playbook.types.js';
import { type ActionScope, auditEvent, requireLead, requireMemberAccess } from './incident.access.js';
import { finishWhenSettled } from './incident.closing.js';
import { validateFacts } from './incident.opening.js';
import type { ChangeResult, ServiceDeps } from './incident.service.js';
import type { Incident, Step } from './incident.types.js';
import { aftercarePhaseKey, isPhaseWorkable, playbookDeadline, stageOfPhase } from './lifecycle.rules.js';

export const FACT_KEYS = Object.keys(FACT_VALUES) as FactKey[];

/** What new facts do to the steps. Steps not named here stay exactly as they are. */
export interface FactsEffect {
  /** The facts whose value changed, in the order of the form. */
  changedFacts: FactKey[];
  /** Open steps that no longer apply: not applicable by condition now. */
  setAside: Step[];
  /** Steps a condition had set aside that apply again: open once more. */
  restored: Step[];
  /** Steps someone holds that no longer apply: they stay with their owner, who decides. */
  heldStill: Step[];
}

/**
 * The steps whose condition turns with the new facts. A step that no longer applies is set
 * aside only while nobody holds it; a step that applies again comes back only when a condition
 * (not a person) set it aside. Done steps and steps a person set aside never change, nor do steps
 * of a phase the incident's status no longer lets change (the acute phase after closing).
 */
export function factsEffect(
  playbook: Playbook,
  incident: Pick<Incident, 'status' | 'facts'>,
  steps: readonly Step[],
  after: IncidentFacts,
  now: Date,
): FactsEffect {
  const before = incident.facts;
  const aftercare = aftercarePhaseKey(playbook);
  const effect: FactsEffect = {
    changedFacts: FACT_KEYS.filter((key) => before[key] !== after[key]),
    setAside: [],
    restored: [],
    heldStill: [],
  };
  for (const step of steps) {
    const definition = findStep(playbook, step.key)?.step;
    if (!definition) continue;
    if (!isPhaseWorkable(incident, stageOfPhase(step.phaseKey, aftercare))) continue;
    const applied = isStepApplicable(definition, before);
    const applies = isStepApplicable(definition, after);
    if (applied === applies) continue;
    const changed = { updatedAt: now, revision: step.revision + 1 };
    if (!applies && step.status === 'open') {
      effect.setAside.push({
        ...step,
        ...changed,
        status: 'not_applicable',
        naByCondition: true,
        naReason: null,
      });
    } else if (!applies && step.status === 'claimed') {
      effect.heldStill.push(step);
    } else if (applies && step.status === 'not_applicable' && step.naByCondition) {
      const dueAt = playbookDeadline(definition, now) ?? step.dueAt;
      effect.restored.push({
        ...step,
        ...changed,
        status: 'open',
        naByCondition: false,
        naReason: null,
        ownerId: null,
        assignedBy: null,
        completedAt: null,
        // The step starts now: a deadline counted from the opening would be past already.
        dueAt,
      });
    }
  }
  return effect;
}

export interface FactsChange extends FactsEffect {
  incident: Incident;
  before: IncidentFacts;
  /** The change settled the last evaluation and aftercare steps of a closed incident. */
  finishedNow: boolean;
}

/**
 * Lead only, as for closing and handing over the lead: the facts decide which steps apply for
 * the whole team. Allowed until the incident is finished; after closing only the evaluation and
 * aftercare steps follow. Facts not named keep their value. One audit entry, with codes only.
 */
export async function editFacts(
  deps: ServiceDeps,
  scope: ActionScope,
  raw: Partial<Record<FactKey, string>>,
): Promise<ChangeResult<FactsChange>> {
  return deps.store.transaction(async (tx) => {
    const access = await requireMemberAccess(tx, scope, 'update', 'aftercare');
    requireLead(access.incident, scope.actor);
    const { incident } = access;
    const after = validateFacts({ ...incident.facts, ...definedOnly(raw) });
    const playbook = deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
    const now = deps.clock.now();
    if (FACT_KEYS.every((key) => incident.facts[key] === after[key])) {
      const nothing: FactsEffect = { changedFacts: [], setAside: [], restored: [], heldStill: [] };
      return { changed: false, value: { ...nothing, incident, before: incident.facts, finishedNow: false } };
    }
    const listed = factsEffect(playbook, incident, await tx.steps.list(incident.id), after, now);
    const keys = [...listed.setAside, ...listed.restored].map((step) => step.key);
    // Decided again on the locked rows: a click may have changed one of them meanwhile.
    const locked = await tx.steps.getMany(incident.id, keys, 'update');
    const effect = factsEffect(playbook, incident, locked, after, now);
    const updated: Incident = { ...incident, facts: after, updatedAt: now };
    await tx.incidents.update(updated);
    await tx.steps.writeChanges({
      steps: [...effect.setAside, ...effect.restored],
      audit: [
        auditEvent(
          updated,
          scope.actor.userId,
          'incident.facts_changed',
          auditDetails(incident.facts, after, effect),
          now,
        ),
      ],
      requests: { scope: 'step', keys: [] },
    });
    const finished =
      updated.status === 'closed' && effect.setAside.length > 0
        ? await finishWhenSettled(deps, tx, updated, scope.actor.userId, now)
        : null;
    const heldStill = [...listed.heldStill, ...effect.heldStill].filter(
      (step, index, all) => all.findIndex((other) => other.key === step.key) === index,
    );
    return {
      changed: true,
      value: {
        changedFacts: listed.changedFacts,
        setAside: effect.setAside,
        restored: effect.restored,
        heldStill,
        incident: finished ?? updated,
        before: incident.facts,
        finishedNow: finished !== null,
      },
    };
  });
}

/** `spread: class → public_online` as codes, and which steps moved; never a name. */
function auditDetails(
  before: IncidentFacts,
  after: IncidentFacts,
  effect: FactsEffect,
): Record<string, string | number> {
  const details: Record<string, string | number> = {};
  for (const key of FACT_KEYS) {
    if (before[key] === after[key]) continue;
    details[`${key}.before`] = before[key];
    details[`${key}.after`] = after[key];
  }
  details.setAside = effect.setAside.map((step) => step.key).join(',');
  details.restored = effect.restored.map((step) => step.key).join(',');
  return details;
}

function definedOnly(raw: Partial<Record<FactKey, string>>): Partial<Record<FactKey, string>> {
  if (!raw || typeof raw !== 'object') throw new DomainError('InvalidAction');
  return Object.fromEntries(
    FACT_KEYS.filter((key) => typeof raw[key] === 'string' && raw[key] !== '').map((key) => [key, raw[key]]),
  );
}
