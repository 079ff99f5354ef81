import type { types } from '@slack/bolt';
import { DomainError } from '../../../core/errors/domain-error.js';
import { BLOCK_KIT } from '../block-kit/limits.js';

/** Every input element in the bot's modals uses this action id; the block id names the field. */
export const INPUT_ACTION = 'v';

/** Callback ids of the bot's modals. */
export const CALLBACK = {
  open: 'sp:open',
  input: 'sp:input',
  form: 'sp:form',
  close: 'sp:close',
} as const;

/**
 * What a modal remembers between opening and submitting. Slack keeps it server-side and sends
 * it back with the submission; the core still checks everything it implies.
 */
export interface ModalMetadata {
  /** The encoded action payload the modal completes. */
  p?: string;
  /** Which dialog: reason, note, assignee, dueDate. */
  k?: string;
  /** The channel the button or command was used in. */
  c?: string;
  /** The slash command's response_url, to answer in that channel afterwards. */
  r?: string;
  /** Ids of the rows of a repeated form group, by position. */
  ids?: string[];
}

export function encodeMetadata(metadata: ModalMetadata): string {
  const json = JSON.stringify(metadata);
  if (json.length <= BLOCK_KIT.privateMetadata) return json;
  // Row ids are the only part that can grow; without them rows are stored as new ones.
  const { ids: _ids, ...rest } = metadata;
  return JSON.stringify(rest).slice(0, BLOCK_KIT.privateMetadata);
}

export function decodeMetadata(raw: string | undefined): ModalMetadata {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    const record = value as Record<string, unknown>;
    const out: ModalMetadata = {};
    for (const key of ['p', 'k', 'c', 'r'] as const) {
      if (typeof record[key] === 'string') out[key] = record[key] as string;
    }
    if (Array.isArray(record.ids)) out.ids = record.ids.map((id) => (typeof id === 'string' ? id : ''));
    return out;
  } catch {
    throw new DomainError('InvalidAction');
  }
}

/** A submitted modal's values: block id → action id → element state. */
export type StateValues = Record<string, Record<string, StateValue>>;

/** The parts of an element's state the bot reads. */
export interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }>;
  selected_user?: string | null;
  selected_users?: string[];
  selected_date?: string | null;
}

export function stateOf(view: { state?: { values?: unknown } }): StateValues {
  const values = view.state?.values;
  return values && typeof values === 'object' ? (values as StateValues) : {};
}

function field(values: StateValues, blockId: string): StateValue | undefined {
  return values[blockId]?.[INPUT_ACTION];
}

export function textValue(values: StateValues, blockId: string): string {
  return field(values, blockId)?.value ?? '';
}

export function optionValue(values: StateValues, blockId: string): string {
  return field(values, blockId)?.selected_option?.value ?? '';
}

export function userValue(values: StateValues, blockId: string): string {
  return field(values, blockId)?.selected_user ?? '';
}

export function usersValue(values: StateValues, blockId: string): string[] {
  return field(values, blockId)?.selected_users ?? [];
}

export function dateValue(values: StateValues, blockId: string): string {
  return field(values, blockId)?.selected_date ?? '';
}

export function isChecked(values: StateValues, blockId: string, option: string): boolean {
  return (field(values, blockId)?.selected_options ?? []).some((selected) => selected.value === option);
}

/**
 * The block an error belongs on: the field's own block when the modal has it, else the first
 * input, so a message is never lost because its field has no block.
 */
export function errorBlock(view: { blocks?: types.AnyBlock[] }, blockId: string | null): string | null {
  const inputs = (view.blocks ?? [])
    .filter((block) => block.type === 'input')
    .map((block) => block.block_id ?? '');
  if (blockId && inputs.includes(blockId)) return blockId;
  return inputs[0] ?? null;
}
