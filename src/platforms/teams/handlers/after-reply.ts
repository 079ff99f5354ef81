import type { TurnContext } from 'botbuilder';

/** The turn-state key of the work to do once the answer to Teams has been sent. */
export const AFTER_REPLY = Symbol('afterReply');

export type AfterReplyTask = () => Promise<void>;

/**
 * Runs `task` once the answer to this request has been written. Teams shows an invoke's answer
 * when it arrives, so anything that updates the same card later (the opening confirmation
 * becoming a link) must not overtake that answer.
 */
export function afterReply(context: TurnContext, task: AfterReplyTask): void {
  const tasks = context.turnState.get(AFTER_REPLY) as AfterReplyTask[] | undefined;
  if (tasks) tasks.push(task);
  else setImmediate(() => void task().catch(() => undefined));
}
