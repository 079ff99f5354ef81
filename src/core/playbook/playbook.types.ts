/**
 * The playbook as data: phases, steps, tips and contacts of the "Stappenplan sexting".
 * A playbook is versioned; an incident keeps the key and version it was opened with.
 */

/** Languages the bot speaks. Dutch is the default. */
export type Locale = 'nl' | 'en';

/** Text in Dutch (required) and English (falls back to Dutch when missing in a school's own file). */
export interface LocalizedText {
  nl: string;
  en?: string;
}

/** Structured input a step asks for; each platform renders the same form model. */
export type FormKind =
  | 'action_list'
  | 'communication_statement'
  | 'report_decision'
  | 'rest_period'
  | 'aftercare_moments'
  | 'evaluation'
  | 'parent_contacts';

export const FORM_KINDS: readonly FormKind[] = [
  'action_list',
  'communication_statement',
  'report_decision',
  'rest_period',
  'aftercare_moments',
  'evaluation',
  'parent_contacts',
];

/** Facts recorded when an incident is opened; conditions on steps refer to these. */
export type YesNoUnknown = 'yes' | 'no' | 'unknown';
export type Spread = 'class' | 'school' | 'outside_school' | 'public_online' | 'unknown';

export interface IncidentFacts {
  madeVoluntarily: YesNoUnknown;
  perpetratorKnown: YesNoUnknown;
  perpetratorAtOtherSchool: YesNoUnknown;
  spread: Spread;
}

export type FactKey = keyof IncidentFacts;

export const FACT_VALUES: { readonly [K in FactKey]: readonly IncidentFacts[K][] } = {
  madeVoluntarily: ['yes', 'no', 'unknown'],
  perpetratorKnown: ['yes', 'no', 'unknown'],
  perpetratorAtOtherSchool: ['yes', 'no', 'unknown'],
  spread: ['class', 'school', 'outside_school', 'public_online', 'unknown'],
};

/**
 * A step applies when, for every condition, the incident's fact value is one of `in`.
 * List 'unknown' in `in` when the step should stay open while the fact is not known yet.
 */
export interface StepCondition {
  fact: FactKey;
  in: string[];
}

export interface PlaybookStep {
  /** Stable identifier, kebab-case, unique within the playbook. */
  key: string;
  /** Position on the poster, 1-based; phases may group steps in another order. */
  posterOrder: number;
  title: LocalizedText;
  /** The poster's guidance under the step title, one entry per line or list item. */
  guidance: LocalizedText[];
  /** All must hold for the step to apply; otherwise it starts as not applicable. */
  applicableWhen?: StepCondition[];
  form?: FormKind;
  /** Suggested due time after the incident is opened, in hours. */
  dueAfterHours?: number;
}

export interface PlaybookPhase {
  key: string;
  title: LocalizedText;
  steps: PlaybookStep[];
}

export interface PlaybookContact {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  phone?: string;
  url?: string;
}

export interface Playbook {
  key: string;
  /** Positive integer; a change of content needs a new version. */
  version: number;
  name: LocalizedText;
  /** The poster's goal line ("WAT TE DOEN ..."). */
  goal: LocalizedText;
  /** The poster's BELANGRIJK block. */
  important: {
    title: LocalizedText;
    intro: LocalizedText;
    slogan: LocalizedText;
    closing: LocalizedText;
  };
  tips: LocalizedText[];
  contacts: PlaybookContact[];
  phases: PlaybookPhase[];
}
