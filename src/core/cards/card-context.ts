import type { IncidentView, Member } from '../incidents/incident.types.js';
import type { Locale, Playbook } from '../playbook/playbook.types.js';

/** Everything a card builder needs; built once per refresh. */
export interface CardContext {
  view: IncidentView;
  playbook: Playbook;
  locale: Locale;
  timeZone: string;
  /** The moment the card is built, from the injected clock. */
  now: Date;
  /** Next planned aftercare moment, when the reminder schedule knows one. */
  nextAftercareAt?: Date | null;
  /** Extra lines for the overview, e.g. reminders that could not be delivered. */
  notices?: string[];
  /** Months the content is kept after finishing (the retention setting), when known. */
  retentionMonths?: number;
}

/** A person as cards show them: the display name stored with the membership, else the id. */
export function nameResolver(members: Member[]): (userId: string) => string {
  const names = new Map(members.map((member) => [member.userId, member.displayName ?? member.userId]));
  return (userId) => names.get(userId) ?? userId;
}

export function phaseCardKey(phaseKey: string): string {
  return `phase:${phaseKey}`;
}

/** The "Nu eerst" card: the first minutes, pinned first. */
export const NOW_CARD_KEY = 'now';
export const OVERVIEW_CARD_KEY = 'overview';
export const TIPS_CARD_KEY = 'tips';
