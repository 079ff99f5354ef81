import type { ActionKind, ActionPayload } from '../cards/action-payload.js';
import type { Card } from '../cards/card.types.js';
import type { ErrorCode } from '../errors/domain-error.js';
import type { Actor } from '../incidents/incident.access.js';
import type { Workspace } from '../incidents/incident.types.js';
import type { FactKey, Locale } from '../playbook/playbook.types.js';

/** What the person typed or chose in the dialog a button opened. */
export interface ActionInputValues {
  reason?: string;
  note?: string;
  assigneeId?: string;
  /** YYYY-MM-DD; the step is due at the end of that school day. Empty clears the due date. */
  dueDate?: string;
  form?: unknown;
  /** For closing: also archive the space. */
  archive?: boolean;
  /** For adding colleagues: who, with the name the platform shows for them. */
  colleagues?: Array<{ userId: string; displayName: string | null }>;
  /** For removing a member: who. */
  memberId?: string;
  /** For removing a member: their claimed steps go back to open, or to the lead. */
  stepsTo?: 'release' | 'lead';
  /** For editing the opening facts: the new values (a fact left out keeps its value). */
  facts?: Partial<Record<FactKey, string>>;
  /** For a task on the action list: which row, who does it, the last day, and whether it is done. */
  task?: { rowId: string; ownerId: string; due: string; done: boolean };
}

/** One click (or dialog submission) from a platform, already decoded. */
export interface ActionRequest {
  workspace: Workspace;
  actor: Actor;
  payload: ActionPayload;
  /** The channel or chat the click came from; null for a private message such as a reminder. */
  spaceId: string | null;
  input?: ActionInputValues;
  /** Idempotency key of the delivery; a repeat changes nothing. */
  requestId?: string;
  /** The clicker's own language, when the platform knows it. */
  locale?: Locale;
  /** The person saw the pupil-name question for this dialog and sent it again: save it. */
  privacyConfirmed?: boolean;
}

/** The answer for the person who clicked, plus the work that follows (card updates, timeline). */
export interface InteractionResult {
  ok: boolean;
  changed: boolean;
  /** Shown only to the clicker (Slack ephemeral, Teams invoke response). */
  message: string;
  incidentId: string;
  errorCode?: ErrorCode;
  /** For InvalidInput: the field (path) at fault, e.g. `reason` or `items.2.who`, to mark it in the dialog. */
  field?: string;
  /** A question, not a refusal (the pupil-name check): the same dialog sent again is saved. */
  confirmable?: boolean;
  /** Resolves when the cards and timeline are updated; never rejects (failures are reported). */
  followUp: Promise<void>;
  /** Resolves when the cards are redrawn (part of the follow-up); never rejects. */
  cardsUpdated: Promise<void>;
  /** A card for the clicker alone, beside the message (e.g. every note of a step). */
  card?: Card;
}

/** What a handler did; the service turns it into an InteractionResult and the follow-up. */
export interface HandlerOutcome {
  changed: boolean;
  message: string;
  /** Phase cards to redraw besides the overview; 'all' after closing. */
  phases?: string[] | 'all';
  /** A line for the incident's timeline. */
  timeline?: string;
  /** Extra work after the answer, e.g. archiving the space. */
  after?: () => Promise<void>;
  /** A card for the clicker alone, beside the message. */
  card?: Card;
}

export type ActionHandler = (request: ActionRequest, locale: Locale) => Promise<HandlerOutcome>;

export type HandlerRegistry = Map<ActionKind, ActionHandler>;

/** What a change listener asks of the core after it ran. */
export interface ChangeEffect {
  /** The listener changed something the overview shows (e.g. the next aftercare moment). */
  redrawOverview?: boolean;
}

/** Told after every change, e.g. so reminders follow the new state. */
export type ChangeListener = (
  incidentId: string,
  kind: ActionKind | 'open',
  // biome-ignore lint/suspicious/noConfusingVoidType: a listener that changes nothing shown returns nothing
) => Promise<ChangeEffect | void>;

/** Reports failures of work done after the answer (logging lives outside core). */
export type FollowUpErrorReporter = (
  error: unknown,
  context: { incidentId: string; action: ActionKind },
) => void;
