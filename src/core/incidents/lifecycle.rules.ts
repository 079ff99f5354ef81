import { DomainError } from '../errors/domain-error.js';
import { findStep } from '../playbook/playbook.registry.js';
import type { Playbook, PlaybookStep } from '../playbook/playbook.types.js';
import type { FormAnswer, Incident, Step } from './incident.types.js';

/**
 * The life of an incident, as on the poster: the acute phases first; evaluation and aftercare
 * come after. Closing ends the acute phase only (status `closed`); the steps of the playbook's
 * last phase stay workable until they are all done or not applicable, or until the lead ends
 * them with a reason. Then the incident is finished (`finished`, afgerond).
 */

/** Which part of the incident an action touches. */
export type Stage = 'acute' | 'aftercare';

/** The forms of the poster's evaluation and aftercare steps. */
const AFTERCARE_FORMS: ReadonlySet<string> = new Set(['evaluation', 'aftercare_moments']);

/**
 * The phase that comes after the acute phase ("Evaluatie en nazorg"): the last phase that holds
 * an evaluation or aftercare form, else the playbook's last phase. Found by its forms, so a
 * school's own phase added after it (extensions append new phases) does not take its place.
 */
export function aftercarePhaseKey(playbook: Pick<Playbook, 'phases'>): string | null {
  let found: string | null = null;
  for (const phase of playbook.phases) {
    if (phase.steps.some((step) => step.form !== undefined && AFTERCARE_FORMS.has(step.form)))
      found = phase.key;
  }
  return found ?? playbook.phases.at(-1)?.key ?? null;
}

/** Whether a step of this phase belongs to the aftercare (evaluation and aftercare) part. */
export function stageOfPhase(phaseKey: string | null | undefined, aftercarePhase: string | null): Stage {
  return phaseKey != null && phaseKey === aftercarePhase ? 'aftercare' : 'acute';
}

/** The stage of a step of the playbook; a note on the incident as a whole counts as aftercare. */
export function stageOfStep(playbook: Playbook, stepKey: string | null | undefined): Stage {
  if (!stepKey) return 'aftercare';
  return stageOfPhase(findStep(playbook, stepKey)?.phase.key, aftercarePhaseKey(playbook));
}

export function isStepSettled(step: Pick<Step, 'status'>): boolean {
  return step.status === 'done' || step.status === 'not_applicable';
}

/** True when every aftercare step is done or not applicable. */
export function aftercareSettled(steps: readonly Step[], aftercarePhase: string | null): boolean {
  return steps.filter((step) => step.phaseKey === aftercarePhase).every(isStepSettled);
}

/**
 * Refuses a change the incident's status no longer allows: nothing after finishing; after
 * closing, only the evaluation and aftercare.
 */
export function assertWorkable(incident: Pick<Incident, 'status' | 'number'>, stage: Stage): void {
  if (incident.status === 'finished') {
    throw new DomainError('IncidentFinished', { incident: incident.number });
  }
  if (incident.status === 'closed' && stage === 'acute') {
    throw new DomainError('IncidentClosed', { incident: incident.number });
  }
}

/** Whether a card offers buttons for a step of this phase. */
export function isPhaseWorkable(incident: Pick<Incident, 'status'>, stage: Stage): boolean {
  if (incident.status === 'finished') return false;
  return incident.status !== 'closed' || stage === 'aftercare';
}

/** What closing does, for the close dialog: open acute steps end as they are; planned moments stay. */
export interface ClosingSummary {
  /** Open or claimed steps of the acute phases; they keep their state but can no longer change. */
  openAcuteSteps: number;
  /** Open or claimed evaluation and aftercare steps; they stay workable. */
  openAftercareSteps: number;
  /** Aftercare moments planned from today on; their reminders keep going. */
  plannedMoments: number;
}

export function closingSummary(
  steps: readonly Step[],
  forms: readonly FormAnswer[],
  aftercarePhase: string | null,
  today: string,
): ClosingSummary {
  const open = steps.filter((step) => !isStepSettled(step));
  const openAftercareSteps = open.filter((step) => step.phaseKey === aftercarePhase).length;
  return {
    openAcuteSteps: open.length - openAftercareSteps,
    openAftercareSteps,
    plannedMoments: plannedMoments(forms, today),
  };
}

/** Aftercare moments (rows of the aftercare form) dated today or later. */
export function plannedMoments(forms: readonly FormAnswer[], today: string): number {
  return forms
    .filter((answer) => answer.kind === 'aftercare_moments')
    .flatMap((answer) => (Array.isArray(answer.data.moments) ? (answer.data.moments as unknown[]) : []))
    .filter((moment) => {
      const date = (moment as { date?: unknown } | null)?.date;
      return typeof date === 'string' && date >= today;
    }).length;
}

/** A step with a deadline that has passed while it is still open or claimed. */
export function isOverdue(step: Pick<Step, 'status' | 'dueAt'>, now: Date): boolean {
  return !isStepSettled(step) && step.dueAt !== null && step.dueAt.getTime() < now.getTime();
}

/** The deadline the playbook gives a step that starts at `from` (its opening, or when it applies again). */
export function playbookDeadline(definition: Pick<PlaybookStep, 'dueAfterHours'>, from: Date): Date | null {
  return definition.dueAfterHours ? new Date(from.getTime() + definition.dueAfterHours * 3_600_000) : null;
}
