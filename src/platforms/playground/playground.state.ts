import { DEMO_STAFF, PLAYGROUND_TEAM_ID, personalChatId } from './playground.people.js';

export interface StoredMessage {
  id: string;
  conversationId: string;
  replyToId: string | null;
  /** The activity as sent (by a person or the bot). */
  activity: Record<string, unknown>;
  /** Goes up with every update, so the page knows when a card changed for everyone. */
  version: number;
  at: string;
}

export interface Conversation {
  id: string;
  name: string;
  kind: 'channel' | 'private' | 'personal' | 'chat';
  /** Who sees it; null for a standard channel (the whole team). */
  members: Set<string> | null;
}

/**
 * What the playground's Teams knows, in memory: the team's channels, the personal chats with the
 * bot and every message in them. Lost when the process stops; the incidents stay in the database.
 */
export class PlaygroundState {
  readonly conversations = new Map<string, Conversation>();
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly listeners = new Set<() => void>();
  private counter = 0;

  constructor() {
    this.conversations.set(PLAYGROUND_TEAM_ID, {
      id: PLAYGROUND_TEAM_ID,
      name: 'Algemeen',
      kind: 'channel',
      members: null,
    });
    for (const person of DEMO_STAFF) {
      const id = personalChatId(person.aad);
      this.conversations.set(id, {
        id,
        name: 'Chat met Stappenplan',
        kind: 'personal',
        members: new Set([person.aad]),
      });
    }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  canSee(aad: string, conversationId: string): boolean {
    const conversation = this.conversations.get(conversationId);
    return Boolean(conversation && (conversation.members === null || conversation.members.has(aad)));
  }

  visibleTo(aad: string): Conversation[] {
    return [...this.conversations.values()].filter((conversation) => this.canSee(aad, conversation.id));
  }

  /** A chat or private channel as Graph made or changed it: the page shows it to its members. */
  placeSpace(space: { id: string; name: string; kind: 'chat' | 'private'; members: string[] }): void {
    const known = this.conversations.get(space.id);
    if (known) {
      known.name = space.name;
      known.members = new Set(space.members);
    } else {
      this.conversations.set(space.id, { ...space, members: new Set(space.members) });
    }
    this.changed();
  }

  /** Stores a message; `conversation` may be `<id>;messageid=<root>` for a reply in a thread. */
  add(
    conversation: string,
    activity: Record<string, unknown>,
    replyToId?: string,
    id?: string,
  ): StoredMessage | null {
    const [conversationId = '', threadId] = conversation.split(';messageid=');
    if (!this.conversations.has(conversationId)) return null;
    this.counter += 1;
    const message: StoredMessage = {
      id: id ?? `m${Date.now().toString(36)}${this.counter}`,
      conversationId,
      replyToId: replyToId ?? threadId ?? null,
      activity,
      version: 1,
      at: new Date().toISOString(),
    };
    const list = this.messages.get(conversationId) ?? [];
    if (id && list.some((existing) => existing.id === id))
      return list.find((existing) => existing.id === id) ?? null;
    list.push(message);
    this.messages.set(conversationId, list);
    this.changed();
    return message;
  }

  update(conversation: string, messageId: string, activity: Record<string, unknown>): StoredMessage | null {
    const conversationId = conversation.split(';messageid=')[0] ?? '';
    const message = this.messages.get(conversationId)?.find((candidate) => candidate.id === messageId);
    if (!message) return null;
    message.activity = activity;
    message.version += 1;
    this.changed();
    return message;
  }

  list(conversationId: string): StoredMessage[] {
    return this.messages.get(conversationId) ?? [];
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
