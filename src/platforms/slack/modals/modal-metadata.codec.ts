import { type ActionPayload, decodeAction, encodeAction } from '../../../core/cards/action-payload.js';
import { DomainError } from '../../../core/errors/domain-error.js';
import { BLOCK_KIT } from '../block-kit/limits.js';

/**
 * What a modal remembers between opening and submitting. Slack keeps it server-side and sends
 * it back with the submission; the core still checks everything it implies.
 */
export interface ModalMetadata {
  /** The action the modal completes. */
  action?: ActionPayload;
  /** Which dialog: reason, note, assignee, dueDate. */
  dialog?: string;
  /** The channel the button or command was used in. */
  channelId?: string;
  /** The slash command's response_url, to answer in that channel afterwards. */
  responseUrl?: string;
  /** Ids of the rows of a repeated form group, by position. */
  rowIds?: string[];
}

/** On the wire: short keys, because `private_metadata` holds at most 3000 characters. */
interface WireMetadata {
  p?: string;
  k?: string;
  c?: string;
  r?: string;
  ids?: string[];
}

export function encodeMetadata(metadata: ModalMetadata): string {
  const wire: WireMetadata = {};
  if (metadata.action) wire.p = encodeAction(metadata.action);
  if (metadata.dialog) wire.k = metadata.dialog;
  if (metadata.channelId) wire.c = metadata.channelId;
  if (metadata.responseUrl) wire.r = metadata.responseUrl;
  if (metadata.rowIds) wire.ids = metadata.rowIds;
  const json = JSON.stringify(wire);
  if (json.length <= BLOCK_KIT.privateMetadata) return json;
  // Row ids are the only part that can grow; without them rows are stored as new ones.
  const { ids: _ids, ...rest } = wire;
  return JSON.stringify(rest).slice(0, BLOCK_KIT.privateMetadata);
}

/** Reads the metadata back; anything malformed (or a forged action) is InvalidAction. */
export function decodeMetadata(raw: string | undefined): ModalMetadata {
  if (!raw) return {};
  let record: Record<string, unknown>;
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    record = value as Record<string, unknown>;
  } catch {
    throw new DomainError('InvalidAction');
  }
  const text = (key: keyof WireMetadata) =>
    typeof record[key] === 'string' ? (record[key] as string) : undefined;
  const out: ModalMetadata = {};
  const action = text('p');
  if (action !== undefined) out.action = decodeAction(action);
  const dialog = text('k');
  if (dialog !== undefined) out.dialog = dialog;
  const channelId = text('c');
  if (channelId !== undefined) out.channelId = channelId;
  const responseUrl = text('r');
  if (responseUrl !== undefined) out.responseUrl = responseUrl;
  if (Array.isArray(record.ids)) out.rowIds = record.ids.map((id) => (typeof id === 'string' ? id : ''));
  return out;
}
