import type { types } from '@slack/bolt';
import type { CardAction, StepBlock } from '../../../core/cards/card.types.js';
import type { StepStatus } from '../../../core/incidents/incident.types.js';
import { type ActionIds, encodeActionValue } from './action-value.js';
import { BLOCK_KIT } from './limits.js';
import { clip, clipText, joinWithin, link, mrkdwn, plain } from './mrkdwn.js';

const STATUS_EMOJI: Record<StepStatus, string> = {
  open: ':white_circle:',
  claimed: ':large_blue_circle:',
  done: ':white_check_mark:',
  not_applicable: ':heavy_minus_sign:',
};

/** `full`: a section with an overflow menu and a row of buttons. `compact`: one section, all in the menu. */
export type StepLayout = 'full' | 'compact';

/** The Slack blocks of one step of a phase card. */
export function stepBlocks(step: StepBlock, ids: ActionIds, layout: StepLayout): types.KnownBlock[] {
  const text = stepText(step);
  const blockKey = clip(step.stepKey, 200);
  if (layout === 'compact') {
    const options = [...step.actions, ...step.menu].filter(fitsOption).slice(0, BLOCK_KIT.overflowMax);
    return [section(blockKey, text, overflow(options, ids, step.stepKey))];
  }
  const { menu, buttons } = splitMenu(step);
  const blocks: types.KnownBlock[] = [section(blockKey, text, overflow(menu, ids, step.stepKey))];
  if (buttons.length > 0) {
    for (let start = 0; start < buttons.length; start += BLOCK_KIT.actionsElements) {
      blocks.push({
        type: 'actions',
        block_id: start === 0 ? `act:${blockKey}` : `act:${blockKey}:${start}`,
        elements: buttons
          .slice(start, start + BLOCK_KIT.actionsElements)
          .map((action) => button(action, ids)),
      });
    }
  }
  return blocks;
}

/** A button for a card action; the id names the action and step so logs and tests can read it. */
export function button(action: CardAction, ids: ActionIds): types.Button {
  const element: types.Button = {
    type: 'button',
    action_id: ids.next(`${action.payload.kind}:${action.payload.stepKey ?? ''}`),
    text: plain(action.label, BLOCK_KIT.buttonText),
    value: encodeActionValue(action).slice(0, BLOCK_KIT.buttonValue),
  };
  if (action.style) element.style = action.style;
  return element;
}

function stepText(step: StepBlock): string {
  const poster = step.poster ? `  ·  ${clipText(step.poster, 40)}` : '';
  const head = `${STATUS_EMOJI[step.status]} *${clipText(step.title, 300)}*  ·  _${clipText(step.statusLabel, 100)}_${poster}`;
  const details = step.details.map((line) => clipText(line, 900));
  const guidance = step.guidance.map((line) => `• ${clipText(line, 600)}`);
  const links = (step.links ?? []).map((entry) => `• ${link(entry.url, entry.label)}`);
  return joinWithin([head, ...details, ...guidance, ...links], BLOCK_KIT.sectionText);
}

function section(key: string, text: string, accessory: types.Overflow | null): types.SectionBlock {
  const block: types.SectionBlock = {
    type: 'section',
    block_id: `step:${key}`,
    text: mrkdwn(text, BLOCK_KIT.sectionText),
  };
  if (accessory) block.accessory = accessory;
  return block;
}

/** Slack wants 2 to 5 options; with fewer there is no menu (the action becomes a button). */
function overflow(actions: CardAction[], ids: ActionIds, stepKey: string): types.Overflow | null {
  if (actions.length < BLOCK_KIT.overflowMin) return null;
  return {
    type: 'overflow',
    action_id: ids.next(`menu:${stepKey}`),
    options: actions.slice(0, BLOCK_KIT.overflowMax).map((action) => ({
      text: plain(action.label, BLOCK_KIT.optionText),
      value: encodeActionValue(action),
    })),
  };
}

function fitsOption(action: CardAction): boolean {
  return encodeActionValue(action).length <= BLOCK_KIT.optionValue;
}

/** Menu entries that cannot be an overflow option (too long, too many, alone) become buttons. */
function splitMenu(step: StepBlock): { menu: CardAction[]; buttons: CardAction[] } {
  const fitting = step.menu.filter(fitsOption);
  const tooLong = step.menu.filter((action) => !fitsOption(action));
  let menu = fitting.slice(0, BLOCK_KIT.overflowMax);
  const spill = fitting.slice(BLOCK_KIT.overflowMax);
  if (menu.length < BLOCK_KIT.overflowMin) {
    spill.unshift(...menu);
    menu = [];
  }
  return { menu, buttons: [...step.actions, ...spill, ...tooLong] };
}
