import type { types } from '@slack/bolt';
import type {
  Card,
  CardBlock,
  FactsBlock,
  LinksBlock,
  ListBlock,
  MenuBlock,
  ProgressBlock,
  TextBlock,
  Tone,
} from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { ActionIds, encodeActionValue } from './action-value.js';
import { BLOCK_KIT } from './limits.js';
import { bold, clip, clipText, escapeText, joinWithin, link, mrkdwn, plain } from './mrkdwn.js';
import { button, type StepLayout, stepBlocks } from './step.blocks.js';

/** A message as chat.postMessage and chat.update take it. */
export interface BlockKitMessage {
  /** Notification and screen-reader text. */
  text: string;
  blocks: types.KnownBlock[];
}

export interface RenderOptions {
  /** For the few words the card model leaves to the renderer (progress lines). Default Dutch. */
  locale?: Locale;
  /** Blocks allowed: a message's 50 by default, a modal's 100 for a card shown in a dialog. */
  maxBlocks?: number;
}

const TONE_PREFIX: Record<Tone, string> = {
  default: '',
  muted: '',
  warning: ':warning: ',
  good: ':white_check_mark: ',
  attention: ':exclamation: ',
};

/**
 * Turns a neutral card into Block Kit. Pure; all text is escaped, and every Slack limit is met
 * by construction: long text is shortened with an ellipsis, a card with too many blocks is
 * drawn more compactly and, as a last resort, cut with a marker — never refused by Slack.
 */
export function toBlockKit(card: Card, options: RenderOptions = {}): BlockKitMessage {
  const locale = options.locale ?? 'nl';
  const max = Math.min(options.maxBlocks ?? BLOCK_KIT.messageBlocks, BLOCK_KIT.modalBlocks);
  const text = clipText(card.fallback, BLOCK_KIT.messageText);
  let blocks = render(card, locale, 'full', true);
  if (blocks.length > max) blocks = render(card, locale, 'full', false);
  if (blocks.length > max) blocks = render(card, locale, 'compact', false);
  if (blocks.length > max) {
    const kept = blocks.slice(0, max - 1);
    kept.push({
      type: 'context',
      elements: [mrkdwn(`… +${blocks.length - kept.length}`, BLOCK_KIT.sectionText)],
    });
    blocks = kept;
  }
  return { text, blocks };
}

function render(card: Card, locale: Locale, layout: StepLayout, dividers: boolean): types.KnownBlock[] {
  const ids = new ActionIds();
  return card.blocks.flatMap((block) => {
    if (block.type === 'divider' && !dividers) return [];
    return renderBlock(block, locale, ids, layout);
  });
}

function renderBlock(
  block: CardBlock,
  locale: Locale,
  ids: ActionIds,
  layout: StepLayout,
): types.KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, BLOCK_KIT.headerText) }];
    case 'text':
      return [textBlock(block)];
    case 'facts':
      return factsBlocks(block);
    case 'progress':
      return [section(progressText(block, locale))];
    case 'list':
      return block.items.length === 0 && !block.title ? [] : [section(listText(block))];
    case 'links':
      return block.links.length === 0 ? [] : [section(linksText(block))];
    case 'spaceLink':
      return [section(`${clipText(block.text, 500)} ${channelMention(block.spaceId)}`)];
    case 'divider':
      return [{ type: 'divider' }];
    case 'step':
      return stepBlocks(block, ids, layout);
    case 'actions':
      return chunk(block.actions, BLOCK_KIT.actionsElements).map((actions) => ({
        type: 'actions' as const,
        elements: actions.map((action) => button(action, ids)),
      }));
    case 'menu':
      return menuBlocks(block, ids);
  }
}

/**
 * A menu as a select beside its label: one click opens the list, and a select (unlike an
 * overflow, which takes at most 5) fits every entry the overview may have.
 */
function menuBlocks(block: MenuBlock, ids: ActionIds): types.KnownBlock[] {
  const options = block.actions
    .map((action) => ({ action, value: encodeActionValue(action) }))
    .filter(({ value }) => value.length <= BLOCK_KIT.optionValue)
    .slice(0, BLOCK_KIT.selectOptions);
  if (options.length === 0) return [];
  return [
    {
      type: 'section',
      text: mrkdwn(`*${clipText(block.label, 200)}*`, BLOCK_KIT.sectionText),
      accessory: {
        type: 'static_select',
        action_id: ids.next('menu:overview'),
        placeholder: plain(block.label, BLOCK_KIT.optionText),
        options: options.map(({ action, value }) => ({
          text: plain(action.label, BLOCK_KIT.optionText),
          value,
        })),
      },
    },
  ];
}

function section(formatted: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(formatted, BLOCK_KIT.sectionText) };
}

function textBlock(block: TextBlock): types.KnownBlock {
  const escaped = clipText(block.text, BLOCK_KIT.sectionText - 40);
  const body = block.strong ? bold(escaped) : escaped;
  const tone = block.tone ?? 'default';
  if (tone === 'muted') return { type: 'context', elements: [mrkdwn(body, BLOCK_KIT.sectionText)] };
  return section(`${TONE_PREFIX[tone]}${body}`);
}

function factsBlocks(block: FactsBlock): types.KnownBlock[] {
  const fields = block.facts.map((fact) =>
    mrkdwn(`*${clipText(fact.label, 200)}*\n${clipText(fact.value, 1500)}`, BLOCK_KIT.fieldText),
  );
  return chunk(fields, BLOCK_KIT.fields).map((part) => ({ type: 'section' as const, fields: part }));
}

const BAR_LENGTH = 10;

function progressText(block: ProgressBlock, locale: Locale): string {
  const rows = block.rows.map((row) => {
    const finished = row.done + row.notApplicable;
    const filled = row.total === 0 ? BAR_LENGTH : Math.round((finished / row.total) * BAR_LENGTH);
    const bar = `${'▰'.repeat(filled)}${'▱'.repeat(BAR_LENGTH - filled)}`;
    const line = t(locale, 'overview.progressLine', {
      done: row.done,
      na: row.notApplicable,
      claimed: row.claimed,
      open: row.open,
    });
    return `${bar}  *${clipText(row.label, 120)}*  ${escapeText(line)}`;
  });
  return joinWithin([`*${clipText(block.title, 200)}*`, ...rows], BLOCK_KIT.sectionText);
}

function listText(block: ListBlock): string {
  const items = block.items.map((item) => `• ${clipText(item, 500)}`);
  return joinWithin(
    [...(block.title ? [`*${clipText(block.title, 200)}*`] : []), ...items],
    BLOCK_KIT.sectionText,
  );
}

function linksText(block: LinksBlock): string {
  const lines = block.links.map((entry) => {
    const detail = entry.detail ? ` · ${clipText(entry.detail, 400)}` : '';
    const lead = entry.lead ? `${bold(clipText(entry.lead, 200))} ` : '';
    return `• ${lead}${link(entry.url, entry.label)}${detail}`;
  });
  return joinWithin(
    [...(block.title ? [`*${clipText(block.title, 200)}*`] : []), ...lines],
    BLOCK_KIT.sectionText,
  );
}

/**
 * `<#C…>`: Slack shows the channel's name, and only its members can open a private one
 * (https://api.slack.com/reference/surfaces/formatting#linking-channels). Only a channel id is
 * ever put in, never user text.
 */
function channelMention(spaceId: string): string {
  return /^[CG][A-Z0-9]{2,20}$/.test(spaceId) ? `<#${spaceId}>` : escapeText(spaceId);
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** Plain text for a message without blocks (answers, warnings): escaped and shortened. */
export function messageText(text: string, max = BLOCK_KIT.messageText): string {
  return clip(escapeText(text), max);
}
