import type { types } from '@slack/bolt';
import { BLOCK_KIT } from '../block-kit/limits.js';
import { clipText, mrkdwn, plain } from '../block-kit/mrkdwn.js';
import { INPUT_ACTION } from './modal-state.js';

/** Small builders for modal parts; each keeps Slack's limits so a modal always opens. */

export interface Choice {
  value: string;
  label: string;
}

export function modal(options: {
  callbackId: string;
  title: string;
  submit?: string;
  close: string;
  blocks: types.KnownBlock[];
  metadata: string;
}): types.ModalView {
  const view: types.ModalView = {
    type: 'modal',
    callback_id: options.callbackId,
    title: plain(options.title, BLOCK_KIT.modalTitle),
    close: plain(options.close, BLOCK_KIT.modalButton),
    blocks: options.blocks.slice(0, BLOCK_KIT.modalBlocks),
    private_metadata: options.metadata,
  };
  if (options.submit) view.submit = plain(options.submit, BLOCK_KIT.modalButton);
  return view;
}

export function input(
  blockId: string,
  label: string,
  element: types.InputBlockElement,
  options: { optional?: boolean; hint?: string } = {},
): types.InputBlock {
  const block: types.InputBlock = {
    type: 'input',
    block_id: blockId.slice(0, BLOCK_KIT.blockId),
    label: plain(label, BLOCK_KIT.inputLabel),
    element,
    optional: options.optional ?? false,
  };
  if (options.hint) block.hint = plain(options.hint, BLOCK_KIT.inputHint);
  return block;
}

export function textInput(options: {
  initial?: string;
  multiline?: boolean;
  max?: number;
  placeholder?: string;
}): types.PlainTextInput {
  const element: types.PlainTextInput = { type: 'plain_text_input', action_id: INPUT_ACTION };
  if (options.multiline) element.multiline = true;
  if (options.max) element.max_length = Math.min(options.max, BLOCK_KIT.textInputMax);
  const limit = element.max_length ?? BLOCK_KIT.textInputMax;
  // An initial value longer than max_length makes Slack refuse the whole modal.
  if (options.initial) element.initial_value = options.initial.slice(0, limit);
  if (options.placeholder) element.placeholder = plain(options.placeholder, BLOCK_KIT.placeholder);
  return element;
}

function option(choice: Choice): types.PlainTextOption {
  return {
    text: plain(choice.label, BLOCK_KIT.optionText),
    value: choice.value.slice(0, BLOCK_KIT.optionValue),
  };
}

export function select(choices: Choice[], initial?: string | null, placeholder?: string): types.StaticSelect {
  const options = choices.slice(0, BLOCK_KIT.selectOptions).map(option);
  const element: types.StaticSelect = { type: 'static_select', action_id: INPUT_ACTION, options };
  const chosen = options.find((candidate) => candidate.value === initial);
  if (chosen) element.initial_option = chosen;
  if (placeholder) element.placeholder = plain(placeholder, BLOCK_KIT.placeholder);
  return element;
}

export function radio(choices: Choice[], initial?: string | null): types.RadioButtons {
  const options = choices.slice(0, BLOCK_KIT.radioOptions).map(option);
  const element: types.RadioButtons = { type: 'radio_buttons', action_id: INPUT_ACTION, options };
  const chosen = options.find((candidate) => candidate.value === initial);
  if (chosen) element.initial_option = chosen;
  return element;
}

export function checkbox(value: string, label: string): types.Checkboxes {
  return { type: 'checkboxes', action_id: INPUT_ACTION, options: [option({ value, label })] };
}

export function datepicker(initial?: string | null): types.Datepicker {
  const element: types.Datepicker = { type: 'datepicker', action_id: INPUT_ACTION };
  if (initial && /^\d{4}-\d{2}-\d{2}$/.test(initial)) element.initial_date = initial;
  return element;
}

export function userSelect(initial?: string | null): types.UsersSelect {
  const element: types.UsersSelect = { type: 'users_select', action_id: INPUT_ACTION };
  if (initial) element.initial_user = initial;
  return element;
}

export function multiUserSelect(maxSelected: number): types.MultiUsersSelect {
  return { type: 'multi_users_select', action_id: INPUT_ACTION, max_selected_items: maxSelected };
}

/** A plain paragraph in a modal. */
export function paragraph(text: string, strong = false): types.SectionBlock {
  const escaped = clipText(text, BLOCK_KIT.sectionText - 4);
  return { type: 'section', text: mrkdwn(strong ? `*${escaped}*` : escaped, BLOCK_KIT.sectionText) };
}

/** A heading inside a modal, e.g. above one row of a repeated group. */
export function header(blockId: string, text: string): types.HeaderBlock {
  return { type: 'header', block_id: blockId, text: plain(text, BLOCK_KIT.headerText) };
}

/** A single button in its own block; its click comes back with the modal's state. */
export function actionButton(blockId: string, actionId: string, label: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: [{ type: 'button', action_id: actionId, text: plain(label, BLOCK_KIT.buttonText) }],
  };
}
