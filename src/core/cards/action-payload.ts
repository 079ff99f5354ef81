import { DomainError } from '../errors/domain-error.js';
import { type ActionKind, isActionKind } from './action.table.js';

export type { ActionKind } from './action.table.js';
export { ACTION_KINDS } from './action.table.js';

/**
 * What a button does, as the core sees it. It names the incident and step but grants nothing:
 * the service checks membership, and the platform checks that the click came from the
 * incident's own space.
 */
export interface ActionPayload {
  incidentId: string;
  kind: ActionKind;
  /** Step key, for step actions. */
  stepKey?: string;
  /** Another reference the action needs, e.g. a reminder id. */
  ref?: string;
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
  const parts = [COMPACT_VERSION, payload.kind, payload.incidentId, payload.stepKey ?? '', payload.ref ?? ''];
  while (parts.length > 3 && parts.at(-1) === '') parts.pop();
  return parts.join(SEPARATOR);
}

/**
 * Parses and checks a payload from a platform; anything unexpected is InvalidAction. Buttons on
 * cards posted before the compact form carry JSON (`{"v":1,"i":…,"a":…,"s":…,"r":…}`) and
 * still work.
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
  const legacy = value as Record<string, unknown>;
  if (legacy.v !== 1) throw invalid();
  return checked(legacy.a, legacy.i, legacy.s, legacy.r);
}

function decodeCompact(raw: string): ActionPayload {
  const [version, kind, incident, step, ref, ...rest] = raw.split(SEPARATOR);
  if (version !== COMPACT_VERSION || rest.length > 0) throw invalid();
  return checked(kind, incident, step || undefined, ref || undefined);
}

function checked(kind: unknown, incident: unknown, step: unknown, ref: unknown): ActionPayload {
  if (typeof incident !== 'string' || !ID.test(incident)) throw invalid();
  if (!isActionKind(kind)) throw invalid();
  for (const field of [step, ref]) {
    if (field !== undefined && (typeof field !== 'string' || !ID.test(field))) throw invalid();
  }
  const payload: ActionPayload = { incidentId: incident, kind };
  if (step !== undefined) payload.stepKey = step as string;
  if (ref !== undefined) payload.ref = ref as string;
  return payload;
}

function invalid(): DomainError {
  return new DomainError('InvalidAction');
}
