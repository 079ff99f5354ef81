import type { Card } from '../../src/core/cards/card.types.js';
import type { PostedMessage } from '../../src/core/ports/chat-gateway.js';
import type { Clock } from '../../src/core/ports/clock.js';
import { RecordingGateway } from './recording-gateway.js';

/** One personal message or channel message as the platform would have received it. */
export interface Delivery {
  at: Date;
  method: 'sendDirect' | 'postText' | 'updateCard';
  /** User id (sendDirect) or space id (postText, updateCard). */
  target: string;
  card?: Card;
  text?: string;
  mention?: string[];
  /** From the card's key `reminder:<id>`. */
  reminderId?: string;
}

/**
 * Decides what happens to a call before it is delivered: return to deliver, throw to fail,
 * or return a promise that never settles to hang like a stuck connection.
 */
export type GatewayScript = (call: Omit<Delivery, 'at'>) => void | Promise<void>;

/** A RecordingGateway whose personal and channel messages can fail or hang on cue, with times. */
export class ScriptedGateway extends RecordingGateway {
  script: GatewayScript | null = null;
  readonly delivered: Delivery[] = [];

  constructor(private readonly clock: Clock = { now: () => new Date() }) {
    super();
  }

  override async sendDirect(userId: string, card: Card): Promise<PostedMessage> {
    const call = { method: 'sendDirect' as const, target: userId, card, reminderId: reminderIdOf(card) };
    await this.script?.(call);
    this.delivered.push({ ...call, at: this.clock.now() });
    return super.sendDirect(userId, card);
  }

  /** Card updates go through the script too (a platform that is down), but are not deliveries. */
  override async updateCard(spaceId: string, messageId: string, card: Card): Promise<void> {
    await this.script?.({ method: 'updateCard', target: spaceId, card });
    return super.updateCard(spaceId, messageId, card);
  }

  override async postText(
    spaceId: string,
    text: string,
    options?: { mention?: string[] },
  ): Promise<PostedMessage> {
    const call = {
      method: 'postText' as const,
      target: spaceId,
      text,
      ...(options?.mention ? { mention: options.mention } : {}),
    };
    await this.script?.(call);
    this.delivered.push({ ...call, at: this.clock.now() });
    return super.postText(spaceId, text, options);
  }

  directs(): Delivery[] {
    return this.delivered.filter((delivery) => delivery.method === 'sendDirect');
  }
}

export function reminderIdOf(card: Card): string | undefined {
  return card.key.startsWith('reminder:') ? card.key.slice('reminder:'.length) : undefined;
}

/** A promise that never settles: the platform call hangs forever. */
export function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}
