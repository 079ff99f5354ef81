import type { LocalizedText, Playbook, PlaybookStep } from '../playbook.types.js';
import { stappenplanSextingV1 } from './stappenplan-sexting.v1.js';

/**
 * The "Stappenplan sexting", version 2: the poster's Dutch word for word as in version 1, with
 * clearer English ("Care for the victim", "Ask the police for advice") and a line that explains
 * Meldknop to someone who does not know it. Incidents opened with version 1 keep showing it.
 */

/** English titles that changed since version 1, by step key. */
const ENGLISH_TITLES: Record<string, string> = {
  'attention-victim': 'Care for the victim',
  'attention-perpetrator': 'Care for the perpetrator',
  'police-advice': 'Ask the police for advice',
};

const MELDKNOP_EN = 'Meldknop is the Dutch helpline for online abuse; it helps get images taken offline.';

function english(text: LocalizedText, en: string | undefined): LocalizedText {
  return en === undefined ? text : { ...text, en };
}

function revise(step: PlaybookStep): PlaybookStep {
  return { ...structuredClone(step), title: english(step.title, ENGLISH_TITLES[step.key]) };
}

const v1 = structuredClone(stappenplanSextingV1);

export const stappenplanSextingV2: Playbook = {
  ...v1,
  version: 2,
  contacts: v1.contacts.map((contact) =>
    contact.key === 'meldknop' && contact.description
      ? { ...contact, description: english(contact.description, MELDKNOP_EN) }
      : contact,
  ),
  phases: v1.phases.map((phase) => ({ ...phase, steps: phase.steps.map(revise) })),
};
