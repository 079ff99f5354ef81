import type { Locale } from '../../../core/playbook/playbook.types.js';

/** An Adaptive Card element or action as JSON; the renderer builds these, Teams reads them. */
export type AcElement = Record<string, unknown>;

/** A complete Adaptive Card, ready to be an attachment's `content` or an invoke response's `value`. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: AcElement[];
  actions?: AcElement[];
  refresh?: { action: AcElement; userIds?: string[] };
  msteams?: { width?: 'Full' };
  fallbackText?: string;
  [key: string]: unknown;
}

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams refuses messages over about 28 KB; the card stays below this so the envelope fits too. */
export const CARD_BYTE_LIMIT = 26_000;

export interface MemberChoice {
  userId: string;
  displayName: string | null;
}

/** What a step's inputs need besides the neutral card: people to choose and stored answers. */
export interface RenderContext {
  locale: Locale;
  /** Members of the incident, for the assignee and user fields. */
  members: MemberChoice[];
  /** Colleagues who may be added (the team's members not in the incident), when known. */
  colleagues?: MemberChoice[];
  /** Form kind and stored answer per step key, for the form view. */
  forms: Record<string, { kind: string; data: Record<string, unknown> | null }>;
  /** The incident the card belongs to; marks the card so it can be found again after a crash. */
  incidentId?: string;
  /** The person this copy is for (an invoke answer, their refresh); absent for the copy all see. */
  viewer?: string;
  /** Teams user ids (MRIs, `29:…`) by user id, for the refresh of personal copies. */
  teamsIds?: Record<string, string>;
}

/** The id put on a card's first element: which incident and which card it is. */
export function cardMarker(incidentId: string, cardKey: string): string {
  return `stappenplan:${incidentId}:${cardKey}`;
}

/** Action.Execute verbs the bot understands. */
export const VERBS = {
  /** A step or incident action; its data is an ActionData (action-data.codec.ts). */
  action: 'stappenplan.action',
  /** Show one step's form to the clicker only. */
  formView: 'stappenplan.form',
  /** Show the card again (leaves a form view). */
  cardView: 'stappenplan.card',
  /** The refresh that shows the opening form to the person who asked for it. */
  openForm: 'stappenplan.openForm',
  /** Submit of the opening form. */
  openSubmit: 'stappenplan.open',
  openCancel: 'stappenplan.openCancel',
  /** Confirmation of closing. */
  closeConfirm: 'stappenplan.close',
  closeCancel: 'stappenplan.closeCancel',
} as const;

export function card(body: AcElement[], extra: Partial<AdaptiveCardJson> = {}): AdaptiveCardJson {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, ...extra };
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
