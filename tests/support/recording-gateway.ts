import type { Card } from '../../src/core/cards/card.types.js';
import type { ChatGateway, EnsureSpaceRequest, PostedMessage } from '../../src/core/ports/chat-gateway.js';

export interface GatewayCall {
  method: string;
  spaceId?: string;
  messageId?: string;
  card?: Card;
  text?: string;
  userId?: string;
}

export interface RecordingGatewayOptions {
  /** What every message id starts with (default `M`): `g2-msg-` tells a second gateway's ids apart. */
  idPrefix?: string;
  /** The n-th postCard (1-based) throws, as a connection reset halfway through an opening would. */
  failPostAt?: number;
}

/** A ChatGateway that records every call, for core tests of what the bot would send. */
export class RecordingGateway implements ChatGateway {
  readonly calls: GatewayCall[] = [];
  readonly spaces: EnsureSpaceRequest[] = [];
  /** Set to play a platform that still has cards whose ids were never stored. */
  findCard?: (spaceId: string, incidentId: string, cardKey: string) => Promise<PostedMessage | null>;
  private counter = 0;
  private posts = 0;

  constructor(private readonly options: RecordingGatewayOptions = {}) {}

  async ensureSpace(request: EnsureSpaceRequest) {
    this.spaces.push(request);
    this.calls.push({ method: 'ensureSpace', text: request.name });
    return { spaceId: `C-${request.name}` };
  }

  async postCard(spaceId: string, card: Card): Promise<PostedMessage> {
    this.posts += 1;
    if (this.options.failPostAt === this.posts) throw new Error('connection reset');
    this.calls.push({ method: 'postCard', spaceId, card });
    return { messageId: this.nextId() };
  }

  async updateCard(spaceId: string, messageId: string, card: Card) {
    this.calls.push({ method: 'updateCard', spaceId, messageId, card });
  }

  async pinCard(spaceId: string, messageId: string) {
    this.calls.push({ method: 'pinCard', spaceId, messageId });
  }

  async postTimeline(spaceId: string, overviewMessageId: string | null, text: string) {
    this.calls.push({ method: 'postTimeline', spaceId, messageId: overviewMessageId ?? undefined, text });
  }

  async addMembers(spaceId: string, userIds: string[]) {
    this.calls.push({ method: 'addMembers', spaceId, text: userIds.join(',') });
  }

  async postText(spaceId: string, text: string, options?: { mention?: string[] }): Promise<PostedMessage> {
    this.calls.push({
      method: 'postText',
      spaceId,
      text,
      ...(options?.mention ? { userId: options.mention.join(',') } : {}),
    });
    return { messageId: this.nextId() };
  }

  async sendDirect(userId: string, card: Card): Promise<PostedMessage> {
    this.calls.push({ method: 'sendDirect', userId, card });
    return { messageId: this.nextId() };
  }

  async removeMembers(spaceId: string, userIds: string[]) {
    this.calls.push({ method: 'removeMembers', spaceId, text: userIds.join(',') });
  }

  async archiveSpace(spaceId: string) {
    this.calls.push({ method: 'archiveSpace', spaceId });
  }

  async markSpaceClosed(spaceId: string, closed: { number: string; closedLabel: string }) {
    this.calls.push({ method: 'markSpaceClosed', spaceId, text: `${closed.number} ${closed.closedLabel}` });
  }

  named(method: string): GatewayCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private nextId(): string {
    this.counter += 1;
    return `${this.options.idPrefix ?? 'M'}${this.counter}`;
  }
}
