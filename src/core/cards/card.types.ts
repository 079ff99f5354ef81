import type { StepStatus } from '../incidents/incident.types.js';
import type { ActionPayload } from './action-payload.js';

/**
 * The neutral card model. Builders in core produce it; each platform's renderer turns it into
 * Block Kit or an Adaptive Card, escaping all text and enforcing that platform's limits.
 * All strings here are plain text: no markup, no mentions.
 */
export type Tone = 'default' | 'muted' | 'warning' | 'good' | 'attention';

export interface HeaderBlock {
  type: 'header';
  text: string;
}

export interface TextBlock {
  type: 'text';
  text: string;
  tone?: Tone;
  strong?: boolean;
}

export interface FactsBlock {
  type: 'facts';
  facts: { label: string; value: string }[];
}

export interface ProgressRow {
  label: string;
  done: number;
  notApplicable: number;
  /** Someone holds the step ("bezig"). */
  claimed: number;
  /** Nobody holds it yet. */
  open: number;
  total: number;
}

export interface ProgressBlock {
  type: 'progress';
  title: string;
  rows: ProgressRow[];
}

export interface ListBlock {
  type: 'list';
  title?: string;
  items: string[];
}

/**
 * Links, one a line. `lead` is plain text before the link (e.g. the organisation's name), so the
 * link's own text can be the readable address or phone number itself.
 */
export interface LinksBlock {
  type: 'links';
  title?: string;
  links: { label: string; url: string; detail?: string; lead?: string }[];
}

/**
 * A link into an incident's space. Slack shows the channel the Slack way (`<#C…>`, which only
 * members can open); Teams a link with `label`, to `url` (a deep link the gateway made).
 */
export interface SpaceLinkBlock {
  type: 'spaceLink';
  /** Words before the link, e.g. "Het incident staat in". */
  text: string;
  /** Link text where the platform needs one. */
  label: string;
  spaceId: string;
  url: string | null;
}

export interface DividerBlock {
  type: 'divider';
}

/**
 * What a button asks before it acts; the platform shows a dialog or an input for it.
 * `assignee`: one member of the incident. `colleagues`: people not in it yet. `removal`: a
 * member, and what happens to the steps they hold. `facts`: the opening facts, as on the opening form.
 * `task`: a row of the action list (from `options`), who does it, by when, and whether it is done.
 */
export type ActionInput =
  | 'reason'
  | 'note'
  | 'assignee'
  | 'dueDate'
  | 'form'
  | 'colleagues'
  | 'removal'
  | 'facts'
  | 'task';

export const ACTION_INPUTS: readonly ActionInput[] = [
  'reason',
  'note',
  'assignee',
  'dueDate',
  'form',
  'colleagues',
  'removal',
  'facts',
  'task',
];

export interface CardAction {
  label: string;
  style?: 'primary' | 'danger';
  payload: ActionPayload;
  input?: ActionInput;
  /** What the input shows chosen at first, by field (the incident's facts as they are now). */
  values?: Readonly<Record<string, string>>;
  /** What the input offers to choose from, where the card knows it (the rows of the action list). */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /**
   * Only these people may use the button (a claimed step: its owner and the lead); the core
   * refuses anyone else. A platform that can show a message differently per person (Teams'
   * user-specific views) offers it to them alone; one that cannot shows it to all.
   */
  audience?: readonly string[];
}

export interface StepBlock {
  type: 'step';
  stepKey: string;
  title: string;
  guidance: string[];
  /** Web addresses from the guidance, shown as links whose text is the address itself. */
  links?: { label: string; url: string }[];
  /** The step's own number on the paper poster, e.g. "poster 15". */
  poster?: string;
  status: StepStatus;
  statusLabel: string;
  /** Owner, due date, reason, form summary, latest note: one short line each. */
  details: string[];
  /** Shown as buttons. */
  actions: CardAction[];
  /** Shown in an overflow menu (Slack) or a "more" set (Teams). */
  menu: CardAction[];
}

export interface ActionsBlock {
  type: 'actions';
  actions: CardAction[];
}

/** Less frequent actions behind one control (Slack: a select or overflow, Teams: a "more" set). */
export interface MenuBlock {
  type: 'menu';
  label: string;
  actions: CardAction[];
}

export type CardBlock =
  | HeaderBlock
  | TextBlock
  | FactsBlock
  | ProgressBlock
  | ListBlock
  | LinksBlock
  | SpaceLinkBlock
  | DividerBlock
  | StepBlock
  | ActionsBlock
  | MenuBlock;

export interface Card {
  /** `now`, `overview`, `tips` or `phase:<phaseKey>`; one posted message per key. */
  key: string;
  /** The incident the card is about (its buttons name it too, but a card may have none). */
  incidentId: string;
  /** Plain summary for notifications and screen readers. */
  fallback: string;
  blocks: CardBlock[];
}
