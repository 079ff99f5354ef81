import type { IncidentFacts, PlaybookStep } from './playbook.types.js';

/** A step applies unless one of its conditions is contradicted by the incident's facts. */
export function isStepApplicable(step: PlaybookStep, facts: IncidentFacts): boolean {
  return (step.applicableWhen ?? []).every((condition) => condition.in.includes(facts[condition.fact]));
}
