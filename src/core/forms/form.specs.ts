import { LIMITS } from '../incidents/limits.js';
import type { FormKind } from '../playbook/playbook.types.js';

/**
 * One description per form kind drives both validation (core) and rendering (each platform):
 * labels come from the catalogue under `form.<kind>.<field>`, options under `option.<field>.<value>`.
 */
export type FieldType = 'text' | 'longText' | 'date' | 'choice' | 'user';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** For `choice`. */
  options?: readonly string[];
  /** Maximum length for text fields. */
  max?: number;
}

export interface FormSpec {
  kind: FormKind;
  fields: FieldSpec[];
  /** A repeated group, e.g. the rows of the action list. Empty rows are dropped. */
  list?: { name: string; max: number; fields: FieldSpec[] };
}

const text = (name: string, required = false): FieldSpec => ({
  name,
  type: 'text',
  required,
  max: LIMITS.shortText,
});
const longText = (name: string, required = false): FieldSpec => ({
  name,
  type: 'longText',
  required,
  max: LIMITS.longText,
});
const date = (name: string, required = false): FieldSpec => ({ name, type: 'date', required });
const choice = (name: string, options: readonly string[], required = true): FieldSpec => ({
  name,
  type: 'choice',
  required,
  options,
});

export const REPORT_DECISIONS = ['undecided', 'report', 'press_charges', 'no_report'] as const;
export const AFTERCARE_SUBJECTS = [
  'victim',
  'victim_parents',
  'class',
  'perpetrator',
  'perpetrator_parents',
  'teachers',
  'everyone',
] as const;

/** Who a contact was with: a role, never a name. */
export const PARENT_ROLES = [
  'victim_mother',
  'victim_father',
  'victim_carer',
  'perpetrator_mother',
  'perpetrator_father',
  'perpetrator_carer',
  'classmates_parents',
  'other_parents',
  'other',
] as const;
export const CONTACT_WAYS = ['phone', 'meeting', 'email'] as const;

export const FORM_SPECS: { readonly [K in FormKind]: FormSpec } = {
  action_list: {
    kind: 'action_list',
    fields: [],
    list: {
      name: 'items',
      max: LIMITS.actionItems,
      fields: [text('who', true), text('what', true), text('when'), text('where'), text('how')],
    },
  },
  communication_statement: {
    kind: 'communication_statement',
    fields: [
      longText('whatIsHappening', true),
      longText('ourView'),
      longText('whatWeDo'),
      longText('why'),
      text('contactPerson', true),
    ],
  },
  report_decision: {
    kind: 'report_decision',
    fields: [
      choice('decision', REPORT_DECISIONS),
      choice('policeConsulted', ['yes', 'no']),
      date('decidedOn'),
      longText('explanation'),
    ],
  },
  rest_period: {
    kind: 'rest_period',
    fields: [date('startDate'), date('endDate', true), longText('arrangements')],
  },
  aftercare_moments: {
    kind: 'aftercare_moments',
    fields: [],
    list: {
      name: 'moments',
      max: LIMITS.aftercareMoments,
      fields: [
        date('date', true),
        choice('about', AFTERCARE_SUBJECTS),
        { name: 'remind', type: 'user', required: true },
      ],
    },
  },
  evaluation: {
    kind: 'evaluation',
    fields: [
      date('date'),
      text('participants'),
      longText('wentWell', true),
      longText('couldBeBetter', true),
      longText('prevention'),
    ],
  },
  parent_contacts: {
    kind: 'parent_contacts',
    fields: [],
    list: {
      name: 'contacts',
      max: LIMITS.parentContacts,
      fields: [
        date('date', true),
        choice('role', PARENT_ROLES),
        choice('via', CONTACT_WAYS),
        longText('agreed'),
        text('followUp'),
      ],
    },
  },
};
