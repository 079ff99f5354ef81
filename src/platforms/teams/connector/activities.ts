import type { Activity, Mention } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/adaptive.types.js';
import { escapeMarkdown } from '../cards/inert-text.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A message carrying one Adaptive Card; `summary` is what notifications show. */
export function cardActivity(content: AdaptiveCardJson, summary: string): Partial<Activity> {
  return {
    type: 'message',
    summary: escapeMarkdown(summary, 200),
    attachments: [{ contentType: ADAPTIVE_CARD, content }],
  };
}

export interface MentionTarget {
  id: string;
  name: string;
}

/** A text message with user text escaped; people in `mention` are mentioned the Teams way first. */
export function textActivity(text: string, mention: MentionTarget[] = []): Partial<Activity> {
  const mentions: Mention[] = mention.map((person) => ({
    type: 'mention',
    mentioned: { id: person.id, name: person.name },
    text: `<at>${escapeMarkdown(person.name, 120)}</at>`,
  }));
  const prefix = mentions.map((entity) => entity.text).join(' ');
  return {
    type: 'message',
    textFormat: 'markdown',
    text: prefix ? `${prefix} ${escapeMarkdown(text)}` : escapeMarkdown(text),
    ...(mentions.length > 0 ? { entities: mentions } : {}),
  };
}
