import type { types } from '@slack/bolt';

/** Every input element in the bot's modals uses this action id; the block id names the field. */
export const INPUT_ACTION = 'v';

/** Callback ids of the bot's modals. */
export const CALLBACK = {
  open: 'sp:open',
  input: 'sp:input',
  form: 'sp:form',
  close: 'sp:close',
  /** A view to read (every note of a step); it has nothing to submit. */
  read: 'sp:read',
} as const;

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
