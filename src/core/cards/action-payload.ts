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
/** Compact form: `2~kind~incident~step~ref`, no quotes to escape inside a card's JSON. */
const COMPACT_VERSION = '2';
const SEPARATOR = '~';

/**
 * The payload as a button carries it. Compact, because every button of a card carries one
 * and a click sends the whole card back (Slack) or the card is size-limited (Teams).
 */
export function encodeAction(payload: ActionPayload): string {
  const parts = [COMPACT_VERSION, payload.a, payload.i, payload.s ?? '', payload.r ?? ''];
  while (parts.length > 3 && parts.at(-1) === '') parts.pop();
  return parts.join(SEPARATOR);
}

/**
 * Parses and checks a payload from a platform; anything unexpected is InvalidAction. Buttons on
 * cards posted before the compact form carry JSON (`{"v":1,…}`) and still work.
 */
export function decodeAction(raw: unknown): ActionPayload {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > 500) throw invalid();
    if (!raw.startsWith('{')) return decodeCompact(raw);
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalid();
    }
  }
  if (!value || typeof value !== 'object') throw invalid();
  const record = value as Record<string, unknown>;
  if (record.v !== 1) throw invalid();
  return checked(record.a, record.i, record.s, record.r);
}

function decodeCompact(raw: string): ActionPayload {
  const [version, kind, incident, step, ref, ...rest] = raw.split(SEPARATOR);
  if (version !== COMPACT_VERSION || rest.length > 0) throw invalid();
  return checked(kind, incident, step || undefined, ref || undefined);
}

function checked(kind: unknown, incident: unknown, step: unknown, ref: unknown): ActionPayload {
  if (typeof incident !== 'string' || !ID.test(incident)) throw invalid();
  if (!ACTION_KINDS.includes(kind as ActionKind)) throw invalid();
  for (const field of [step, ref]) {
    if (field !== undefined && (typeof field !== 'string' || !ID.test(field))) throw invalid();
  }
  const payload: ActionPayload = { v: 1, i: incident, a: kind as ActionKind };
  if (step !== undefined) payload.s = step as string;
  if (ref !== undefined) payload.r = ref as string;
  return payload;
}

function invalid(): DomainError {
  return new DomainError('InvalidAction');
}
