import { DomainError } from '../errors/domain-error.js';

/** What a button on a card does. */
export type ActionKind =
  | 'claim'
  | 'release'
  | 'assign'
  | 'done'
  | 'notApplicable'
  | 'reopen'
  | 'note'
  | 'setDue'
  | 'form'
  | 'close'
  | 'reminderDone'
  | 'reminderSnooze'
  | 'reminderStop';

export const ACTION_KINDS: readonly ActionKind[] = [
  'claim',
  'release',
  'assign',
  'done',
  'notApplicable',
  'reopen',
  'note',
  'setDue',
  'form',
  'close',
  'reminderDone',
  'reminderSnooze',
  'reminderStop',
];

/**
 * The data a button carries. It names the incident and step but grants nothing: the service
 * checks membership, and the platform checks that the click came from the incident's own space.
 */
export interface ActionPayload {
  v: 1;
  /** Incident id. */
  i: string;
  a: ActionKind;
  /** Step key, for step actions. */
  s?: string;
  /** Another reference the action needs, e.g. a reminder id. */
  r?: string;
}

const ID = /^[\w-]{1,64}$/;

export function encodeAction(payload: ActionPayload): string {
  return JSON.stringify(payload);
}

/** Parses and checks a payload from a platform; anything unexpected is InvalidAction. */
export function decodeAction(raw: unknown): ActionPayload {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > 500) throw invalid();
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalid();
    }
  }
  if (!value || typeof value !== 'object') throw invalid();
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.i !== 'string' || !ID.test(record.i)) throw invalid();
  if (!ACTION_KINDS.includes(record.a as ActionKind)) throw invalid();
  for (const field of ['s', 'r'] as const) {
    if (
      record[field] !== undefined &&
      (typeof record[field] !== 'string' || !ID.test(record[field] as string))
    ) {
      throw invalid();
    }
  }
  const payload: ActionPayload = { v: 1, i: record.i, a: record.a as ActionKind };
  if (record.s !== undefined) payload.s = record.s as string;
  if (record.r !== undefined) payload.r = record.r as string;
  return payload;
}

function invalid(): DomainError {
  return new DomainError('InvalidAction');
}
