import { decodeActionValue } from '../../../../src/platforms/slack/block-kit/action-value.js';
import type { FakeMessage, FakeView } from './fake-slack.state.js';
import type { SlackSide } from './slack-harness.js';
import type { Fill, Target } from './slack-people.js';

type Json = Record<string, unknown>;

/** The mrkdwn text of a step on the message as it is now. */
export function stepText(h: Pick<SlackSide, 'fake'>, message: FakeMessage, stepKey: string): string {
  const current = h.fake.state.message(message.channel, message.ts);
  const section = (current.blocks ?? []).find((block) => block.block_id === `step:${stepKey}`) as
    | Json
    | undefined;
  return String((section?.text as Json | undefined)?.text ?? '');
}

/** Kinds of action a step offers right now (buttons and menu). */
export function offered(h: SlackSide, message: FakeMessage, stepKey: string): string[] {
  const current = h.fake.state.message(message.channel, message.ts);
  const blocks = (current.blocks ?? []) as Json[];
  const values: string[] = [];
  for (const block of blocks) {
    if (block.block_id !== `step:${stepKey}` && block.block_id !== `act:${stepKey}`) continue;
    const accessory = block.accessory as Json | undefined;
    for (const option of (accessory?.options as Json[]) ?? []) values.push(String(option.value));
    for (const element of (block.elements as Json[]) ?? []) values.push(String(element.value));
  }
  return values.map((value) => decodeActionValue(value).payload.kind);
}

/** Clicks, then waits for what the click makes appear in `shown()` for the clicker. */
async function clickThenWait<T>(
  h: SlackSide,
  userId: string,
  message: FakeMessage,
  target: Target,
  shown: () => T[],
  isTheirs: (item: T) => boolean,
  what: string,
): Promise<T> {
  const before = shown().length;
  const answer = await h.people.click(userId, message, target);
  if (answer.status !== 200) throw new Error(`click answered ${answer.status}`);
  return h.fake.waitFor(() => shown().slice(before).find(isTheirs), 5000, what);
}

/** Clicks and waits for the answer only the clicker sees. */
export async function clickFor(
  h: SlackSide,
  userId: string,
  message: FakeMessage,
  target: Target,
): Promise<string> {
  const ephemerals = () => h.fake.state.ephemerals;
  const mine = (ephemeral: { user: string }) => ephemeral.user === userId;
  return (await clickThenWait(h, userId, message, target, ephemerals, mine, `answer to ${target.kind}`)).text;
}

/** Clicks a button that needs a dialog and returns the dialog Slack opened. */
export function dialogFor(
  h: SlackSide,
  userId: string,
  message: FakeMessage,
  target: Target,
): Promise<FakeView> {
  const views = () => h.fake.state.views;
  return clickThenWait(h, userId, message, target, views, (view) => view.userId === userId, 'dialog');
}

/**
 * Types `fill` into a form modal and clicks its "add a row" button; resolves once Slack shows the
 * updated modal (the same view, a new hash), which the returned view then holds.
 */
export async function addRow(
  h: SlackSide,
  userId: string,
  view: FakeView,
  fill: Record<string, Fill> = {},
): Promise<FakeView> {
  const before = view.hash ?? `h-${view.id}`;
  const answer = await h.people.clickInView(userId, view, 'form:addRow', fill);
  if (answer.status !== 200) throw new Error(`add row answered ${answer.status}`);
  return h.fake.waitFor(() => (view.hash && view.hash !== before ? view : undefined), 5000, 'modal update');
}

/** Submits a dialog; returns inline errors, or the answer the person then sees. */
export async function submitFor(
  h: SlackSide,
  userId: string,
  view: FakeView,
  fill: Record<string, Fill>,
): Promise<{ errors?: Record<string, string>; answer?: string }> {
  const before = h.fake.state.ephemerals.length;
  const submitted = await h.people.submit(userId, view, fill);
  if (submitted.errors) return { errors: submitted.errors };
  const ephemeral = await h.fake.waitFor(
    () => h.fake.state.ephemerals.slice(before).find((candidate) => candidate.user === userId),
    5000,
    'answer to dialog',
  );
  return { answer: ephemeral.text };
}

/** Waits until a message has been updated at least `count` times more than `from`. */
export function waitForUpdate(
  h: SlackSide,
  message: FakeMessage,
  check: (text: string) => boolean,
): Promise<FakeMessage> {
  return h.fake.waitFor(
    () => {
      const current = h.fake.state.message(message.channel, message.ts);
      return check(JSON.stringify(current.blocks)) ? current : undefined;
    },
    5000,
    'card update',
  );
}

/** The value of a button or option for `target` in a snapshot of a message's blocks. */
export function valueIn(blocks: Json[] | undefined, target: Target): string {
  for (const block of blocks ?? []) {
    const elements = [
      ...((block.elements as Json[]) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    const values = elements.flatMap((element) =>
      element.type === 'overflow'
        ? ((element.options as Json[]) ?? []).map((o) => String(o.value))
        : [String(element.value)],
    );
    for (const value of values) {
      const payload = decodeActionValue(value).payload;
      if (payload.kind === target.kind && (target.step === undefined || payload.stepKey === target.step))
        return value;
    }
  }
  throw new Error(`No ${target.kind} in snapshot`);
}

/** A date `days` from today, as Slack's date picker gives it. */
export function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
