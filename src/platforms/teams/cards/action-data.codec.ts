import { type ActionPayload, decodeAction, encodeAction } from '../../../core/cards/action-payload.js';

/** Input id prefixes with a meaning of their own (other prefixes keep inline inputs apart). */
export const INPUT_PREFIX = {
  /** A step's form in the form view. */
  form: 'f',
  /** The opening form. */
  open: 'o',
  /** The close question. */
  close: 'c',
} as const;

/**
 * What an Action.Execute carries back, in the bot's own words. Teams returns `data` as it was
 * put on the card, plus the values of the card's inputs under their ids.
 */
export interface ActionData {
  /** The action the button completes. */
  action?: ActionPayload;
  /** The prefix of the inputs that belong to this button (`s0a2`, `f`, `o`, `c`). */
  inputPrefix?: string;
  /** The page of a repeated group the form view shows: its first row and how many rows. */
  page?: { offset: number; rows: number | null };
  /** Ids of the rows on that page, by position. */
  rowIds?: string[];
  /** "Add a row": how many rows of the group the form view shows next. */
  addRow?: number;
  /** Who asked for the opening form (only they may see and send it), and their name. */
  requester?: { userId: string; name: string };
  /** The team the opening form is for (asked in a personal chat). */
  teamId?: string;
  /** The incident a card's refresh belongs to (a refresh names no action). */
  incidentId?: string;
}

/**
 * On the wire: one-letter keys, as short as possible because every button of a card carries
 * them and the whole card must stay under Teams' size limit.
 */
export function encodeActionData(data: ActionData): Record<string, string> {
  const wire: Record<string, string> = {};
  if (data.action) wire.p = encodeAction(data.action);
  if (data.inputPrefix) wire.k = data.inputPrefix;
  if (data.page) {
    wire.o = String(data.page.offset);
    if (data.page.rows !== null) wire.n = String(data.page.rows);
  }
  if (data.rowIds?.some(Boolean)) wire.r = data.rowIds.join(',');
  if (data.addRow !== undefined) wire.a = String(data.addRow);
  if (data.requester) {
    wire.u = data.requester.userId;
    if (data.requester.name) wire.n = data.requester.name;
  }
  if (data.teamId) wire.t = data.teamId;
  if (data.incidentId) wire.i = data.incidentId;
  return wire;
}

/** The data of a click. A malformed action is InvalidAction; other odd fields are ignored. */
export function decodeActionData(raw: Record<string, unknown>): ActionData {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const out: ActionData = {};
  if (raw.p !== undefined) out.action = decodeAction(raw.p);
  const prefix = text('k');
  if (prefix) out.inputPrefix = prefix;
  const offset = text('o');
  if (offset !== undefined && /^\d{1,3}$/.test(offset)) {
    const rows = text('n');
    out.page = { offset: Number(offset), rows: rows && /^\d{1,3}$/.test(rows) ? Number(rows) : null };
  }
  const rowIds = text('r');
  if (rowIds) out.rowIds = rowIds.split(',');
  const addRow = text('a');
  if (addRow !== undefined && /^\d{1,3}$/.test(addRow)) out.addRow = Number(addRow);
  const requester = text('u');
  if (requester !== undefined) out.requester = { userId: requester, name: text('n') ?? '' };
  const team = text('t');
  if (team) out.teamId = team;
  const incident = text('i');
  if (incident && /^[\w-]{1,64}$/.test(incident)) out.incidentId = incident;
  return out;
}

/** The values typed into the inputs with this prefix, by the rest of their id. */
export function prefixedInputs(raw: Record<string, unknown>, prefix: string): Map<string, string> {
  const own = new Map<string, string>();
  const start = `${prefix}:`;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(start) && (typeof value === 'string' || typeof value === 'number')) {
      own.set(key.slice(start.length), String(value));
    }
  }
  return own;
}
