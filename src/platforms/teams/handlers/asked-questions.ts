import type { Activity } from 'botbuilder';
import type { Clock } from '../../../core/ports/clock.js';
import { channelOf } from '../teams.turn.js';

/** A card that asks one person something in a conversation everyone can see. */
export type QuestionKind = 'open' | 'close';

/**
 * The question cards the bot posted, by the message they are in: what they ask and of whom.
 * A click carries data its sender can forge and names any message in `replyToId`, so a card is
 * replaced for everyone only when this record says that message is that question, asked of the
 * clicker. After a restart the record is empty: the clicker then gets the answer for themselves,
 * and nobody else's view changes.
 */
export class AskedQuestions {
  private readonly asked = new Map<
    string,
    { kind: QuestionKind; userId: string; until: number; typed?: string }
  >();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
  ) {}

  /** `typed`: words the asker typed after the command, for their form only (never on the shared card). */
  remember(
    activity: Partial<Activity>,
    messageId: string,
    kind: QuestionKind,
    userId: string,
    typed?: string,
  ): void {
    if (!messageId) return;
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.asked) if (entry.until <= now) this.asked.delete(key);
    this.asked.set(keyOf(activity, messageId), {
      kind,
      userId,
      until: now + this.ttlMs,
      ...(typed ? { typed } : {}),
    });
  }

  /** What the asker typed after the command, for this person only; undefined for anyone else. */
  typedBy(activity: Partial<Activity>, kind: QuestionKind, userId: string): string | undefined {
    if (!this.isAskedOf(activity, kind, userId)) return undefined;
    return this.asked.get(keyOf(activity, activity.replyToId ?? ''))?.typed;
  }

  /** True when the click's message is this kind of question, asked of this person. */
  isAskedOf(activity: Partial<Activity>, kind: QuestionKind, userId: string): boolean {
    const entry = this.asked.get(keyOf(activity, activity.replyToId ?? ''));
    return entry !== undefined && entry.kind === kind && entry.userId === userId && entry.until > this.now();
  }

  /** The question was answered: its card is no longer a question. */
  forget(activity: Partial<Activity>): void {
    this.asked.delete(keyOf(activity, activity.replyToId ?? ''));
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/** A channel's messages are addressed by the channel; a chat's by the conversation. */
function keyOf(activity: Partial<Activity>, messageId: string): string {
  const place = channelOf(activity) ?? (activity.conversation?.id ?? '').split(';')[0];
  return `${place}\n${messageId}`;
}
