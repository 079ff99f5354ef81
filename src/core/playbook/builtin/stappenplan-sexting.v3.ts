import type { Playbook, PlaybookStep } from '../playbook.types.js';
import { stappenplanSextingV2 } from './stappenplan-sexting.v2.js';

/**
 * The "Stappenplan sexting", version 3: version 2 with a contact log on the steps about parents
 * (the talks with the parents of the victim and of the perpetrator, the help for them, and
 * informing the parents of classmates and of other classes), so every call, meeting and e-mail
 * with what was agreed is kept with its step. The poster's text is unchanged. Incidents opened
 * with an earlier version keep showing theirs.
 */

/** Steps whose work is talking with parents, by key. */
export const PARENT_STEPS: readonly string[] = [
  'talk-victim-parents',
  'help-victim-parents',
  'talk-perpetrator-parents',
  'help-perpetrator-parents',
  'inform-classmates-parents',
  'inform-other-parents',
];

function withContactLog(step: PlaybookStep): PlaybookStep {
  const copy = structuredClone(step);
  // A step keeps a form it already has: one form per step.
  return PARENT_STEPS.includes(copy.key) && !copy.form ? { ...copy, form: 'parent_contacts' } : copy;
}

const v2 = structuredClone(stappenplanSextingV2);

export const stappenplanSextingV3: Playbook = {
  ...v2,
  version: 3,
  phases: v2.phases.map((phase) => ({ ...phase, steps: phase.steps.map(withContactLog) })),
};
