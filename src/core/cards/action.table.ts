import type { MessageKey } from '../i18n/catalogue.js';
import type { ActionInput } from './card.types.js';

/** One kind of button: its label, what it asks first, and the sentences it leads to. */
export interface ActionSpec {
  /** The button's label. */
  label: MessageKey;
  /** What the button asks before it acts (a dialog or an input). */
  input?: ActionInput;
  /** The question above that input, when it is not the input's usual one. */
  prompt?: MessageKey;
  /** A change to one step, carried out by the step rules (StepService). */
  step?: boolean;
  /** The answer for the person who clicked. */
  feedback?: MessageKey;
  /** The line in the incident's timeline. */
  timeline?: MessageKey;
}

/**
 * Every button kind, in one place: adding a button is one entry here, its handler and its
 * catalogue messages. The kind names travel inside button values, so they never change.
 */
export const ACTIONS = {
  claim: { label: 'action.claim', step: true, feedback: 'feedback.claim', timeline: 'timeline.claim' },
  release: {
    label: 'action.release',
    step: true,
    feedback: 'feedback.release',
    timeline: 'timeline.release',
  },
  assign: {
    label: 'action.assign',
    input: 'assignee',
    step: true,
    feedback: 'feedback.assign',
    timeline: 'timeline.assign',
  },
  done: { label: 'action.done', step: true, feedback: 'feedback.done', timeline: 'timeline.done' },
  notApplicable: {
    label: 'action.notApplicable',
    input: 'reason',
    step: true,
    feedback: 'feedback.notApplicable',
    timeline: 'timeline.notApplicable',
  },
  reopen: { label: 'action.reopen', step: true, feedback: 'feedback.reopen', timeline: 'timeline.reopen' },
  note: { label: 'action.note', input: 'note', feedback: 'feedback.note', timeline: 'timeline.note' },
  setDue: {
    label: 'action.setDue',
    input: 'dueDate',
    step: true,
    feedback: 'feedback.setDue',
    timeline: 'timeline.setDue',
  },
  form: { label: 'action.fill', input: 'form', feedback: 'feedback.form', timeline: 'timeline.form' },
  close: { label: 'command.confirm', feedback: 'feedback.closed', timeline: 'feedback.closed' },
  finish: {
    label: 'action.finish',
    input: 'reason',
    prompt: 'prompt.finish',
    feedback: 'feedback.finished',
    timeline: 'timeline.finished',
  },
  reopenIncident: {
    label: 'action.reopenIncident',
    input: 'reason',
    prompt: 'prompt.reopenIncident',
    feedback: 'feedback.reopened',
    timeline: 'timeline.reopened',
  },
  retryOpening: { label: 'opening.retry', feedback: 'opening.retrying' },
  addMember: {
    label: 'action.addMember',
    input: 'colleagues',
    feedback: 'feedback.addMember',
    timeline: 'timeline.addMember',
  },
  removeMember: {
    label: 'action.removeMember',
    input: 'removal',
    feedback: 'feedback.removeMember',
    timeline: 'timeline.removeMember',
  },
  transferLead: {
    label: 'action.transferLead',
    input: 'assignee',
    feedback: 'feedback.transferLead',
    timeline: 'timeline.transferLead',
  },
  editFacts: {
    label: 'action.editFacts',
    input: 'facts',
    feedback: 'feedback.editFacts',
    timeline: 'timeline.editFacts',
  },
  /** Makes a row of the action list a task with an owner and a due date, or changes that task. */
  task: { label: 'action.task', input: 'task', feedback: 'feedback.task', timeline: 'timeline.task' },
  /** Shows every note of one step to the clicker alone; changes nothing. */
  notes: { label: 'action.allNotes', feedback: 'feedback.notes' },
  /** Makes the incident's dossier and hands it over (features/dossier); changes nothing. */
  dossier: { label: 'action.dossier' },
  reminderDone: {
    label: 'reminder.action.done',
    input: 'note',
    feedback: 'feedback.reminderDone',
    timeline: 'timeline.reminderDone',
  },
  reminderSnooze: {
    label: 'reminder.action.snooze',
    feedback: 'feedback.reminderSnooze',
    timeline: 'timeline.reminderSnooze',
  },
  reminderStop: {
    label: 'reminder.action.stop',
    feedback: 'feedback.reminderStop',
    timeline: 'timeline.reminderStop',
  },
} as const satisfies Record<string, ActionSpec>;

/** What a button on a card does. */
export type ActionKind = keyof typeof ACTIONS;

export const ACTION_KINDS = Object.keys(ACTIONS) as readonly ActionKind[];

/** The kinds that change one step through the step rules. */
export type StepActionKind = {
  [K in ActionKind]: (typeof ACTIONS)[K] extends { step: true } ? K : never;
}[ActionKind];

export const STEP_ACTION_KINDS = ACTION_KINDS.filter(
  (kind): kind is StepActionKind => (ACTIONS[kind] as ActionSpec).step === true,
);

export function isActionKind(value: unknown): value is ActionKind {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}
