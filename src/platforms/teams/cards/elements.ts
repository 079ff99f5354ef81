import type { Tone } from '../../../core/cards/card.types.js';
import type { AcElement } from './adaptive.types.js';
import { inert } from './inert-text.js';

export interface RunStyle {
  tone?: Tone;
  strong?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large';
}

const COLOR: Record<Tone, string | undefined> = {
  default: undefined,
  muted: undefined,
  warning: 'warning',
  good: 'good',
  attention: 'attention',
};

/** One run of literal text: TextRuns read no markdown, so user text cannot format or mention. */
export function run(text: string, style: RunStyle = {}, max = 2000): AcElement {
  const element: AcElement = { type: 'TextRun', text: inert(text, max) };
  const color = style.tone ? COLOR[style.tone] : undefined;
  if (color) element.color = color;
  if (style.tone === 'muted') element.isSubtle = true;
  if (style.strong) element.weight = 'bolder';
  if (style.size && style.size !== 'default') element.size = style.size;
  return element;
}

/** A paragraph of runs. */
export function paragraph(runs: AcElement[], extra: AcElement = {}): AcElement {
  return { type: 'RichTextBlock', inlines: runs, ...extra };
}

export function line(text: string, style: RunStyle = {}, extra: AcElement = {}, max = 2000): AcElement {
  return paragraph([run(text, style, max)], extra);
}

export function container(items: AcElement[], extra: AcElement = {}): AcElement {
  return { type: 'Container', items, ...extra };
}

/** Two columns: a label and its value, used instead of a FactSet (whose values read markdown). */
export function labelled(label: string, value: string): AcElement {
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: 'auto', items: [line(label, { strong: true }, {}, 200)] },
      { type: 'Column', width: 'stretch', items: [line(value, {}, {}, 500)] },
    ],
  };
}
