import { type ActionPayload, decodeAction, encodeAction } from '../../../core/cards/action-payload.js';
import { ACTION_INPUTS, type ActionInput, type CardAction } from '../../../core/cards/card.types.js';
import { DomainError } from '../../../core/errors/domain-error.js';

/** Every action id the bot renders starts with this, so one handler catches them all. */
export const ACTION_ID_PREFIX = 'sp:';

const INPUTS: readonly ActionInput[] = ACTION_INPUTS;

/**
 * What a button or overflow option carries back: which dialog it needs first (if any) and the
 * neutral payload. `input|{json}`; the payload grants nothing by itself (the core checks it).
 */
export function encodeActionValue(action: CardAction): string {
  return `${action.input ?? ''}|${encodeAction(action.payload)}`;
}

export interface DecodedActionValue {
  input: ActionInput | null;
  payload: ActionPayload;
}

/** Refuses anything the bot did not make (a forged or garbled value) with InvalidAction. */
export function decodeActionValue(raw: unknown): DecodedActionValue {
  if (typeof raw !== 'string') throw new DomainError('InvalidAction');
  const bar = raw.indexOf('|');
  if (bar === -1) throw new DomainError('InvalidAction');
  const input = raw.slice(0, bar);
  if (input !== '' && !INPUTS.includes(input as ActionInput)) throw new DomainError('InvalidAction');
  return { input: input === '' ? null : (input as ActionInput), payload: decodeAction(raw.slice(bar + 1)) };
}

/** Gives out action ids unique within one message and at most 255 characters long. */
export class ActionIds {
  private readonly used = new Set<string>();

  next(base: string): string {
    const root = `${ACTION_ID_PREFIX}${base}`.slice(0, 240);
    let id = root;
    for (let n = 2; this.used.has(id); n += 1) id = `${root}:${n}`;
    this.used.add(id);
    return id;
  }
}
