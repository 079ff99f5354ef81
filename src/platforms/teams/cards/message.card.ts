import type { Tone } from '../../../core/cards/card.types.js';
import { type AcElement, type AdaptiveCardJson, card } from './adaptive.types.js';
import { container, line } from './elements.js';

/** A short card with one or more lines of literal text, e.g. a confirmation or a notice. */
export function messageCard(
  lines: string[],
  options: { tone?: Tone; actions?: AcElement[] } = {},
): AdaptiveCardJson {
  const body = lines.map((text, index) => line(text, index === 0 ? { tone: options.tone } : {}));
  const styled =
    options.tone === 'attention' || options.tone === 'warning' || options.tone === 'good'
      ? [container(body, { style: options.tone })]
      : body;
  return card(styled, options.actions ? { actions: options.actions } : {});
}
