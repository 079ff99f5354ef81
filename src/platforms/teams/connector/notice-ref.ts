/**
 * Where the requester's confirmation card is, as stored with the incident: the conversation it is
 * in (a personal chat, or a channel thread `<channel>;messageid=<root>`) and its message id.
 */
export interface NoticeRef {
  conversationId: string;
  messageId: string;
}

const PREFIX = 'teams:';

export function formatNoticeRef(ref: NoticeRef): string {
  return `${PREFIX}${JSON.stringify([ref.conversationId, ref.messageId])}`;
}

/** The stored reference, or null for anything this version did not write. */
export function parseNoticeRef(text: string): NoticeRef | null {
  if (!text.startsWith(PREFIX)) return null;
  try {
    const [conversationId, messageId] = JSON.parse(text.slice(PREFIX.length)) as unknown[];
    if (typeof conversationId !== 'string' || typeof messageId !== 'string') return null;
    if (!conversationId || !messageId) return null;
    return { conversationId, messageId };
  } catch {
    return null;
  }
}
