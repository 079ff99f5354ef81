/**
 * The Slack side of the Slack benchmark, in its own process as Slack is in production: the fake
 * Web API and the people clicking. It measures every click itself (one clock for ack and update).
 * Started by slack-interactions.bench.ts; talks to it over the fork IPC channel.
 */
import { stepText } from '../tests/platforms/slack/support/card-steps.js';
import type { FakeMessage } from '../tests/platforms/slack/support/fake-slack.state.js';
import {
  ANNA,
  cards,
  memberId,
  openIncident,
  type SlackSide,
  startFakeSlack,
} from '../tests/platforms/slack/support/slack-harness.js';
import { SlackPeople } from '../tests/platforms/slack/support/slack-people.js';

export interface GoMessage {
  type: 'go';
  appUrl: string;
  /** The bare Bolt whose handler only acks. */
  bareUrl: string;
  /** The bare Bolt that acks and then sends one chat.update of the clicked message. */
  updateUrl: string;
  members: number;
  rounds: number;
}

export interface ResultMessage {
  type: 'result';
  bareAcks: number[];
  /** Ack and card updated of the bare Bolt that sends one chat.update. */
  updateAcks: number[];
  baselineUpdated: number[];
  ourAcks: number[];
  updated: number[];
  answered: number[];
  /** Median size of the blocks JSON of the bot's and of the baseline's card updates, in bytes. */
  updateBytes: number;
  baselineUpdateBytes: number;
  /** Processor time this side (the simulated Slack and the people) used during the rounds, in ms. */
  cpuMs: number;
}

interface Click {
  userId: string;
  message: FakeMessage;
  stepKey: string;
  kind: 'claim' | 'release';
  sentAt: number;
  ackAt: number;
}

type Target = { message: FakeMessage; stepKey: string };

/** Quiet time on the Web API before each round, so no app's leftover work lands in another's. */
const QUIET_MS = 100;

const fake = await startFakeSlack(Number(process.env.BENCH_MEMBERS ?? 20));
process.send?.({ type: 'ready', apiUrl: fake.apiUrl });

process.on('message', (message: GoMessage) => {
  if (message.type !== 'go') return;
  run(message)
    .then((result) => process.send?.(result))
    .catch((error: unknown) =>
      process.send?.({ type: 'error', message: String((error as Error)?.stack ?? error) }),
    )
    .finally(() => void fake.close());
});

async function run(go: GoMessage): Promise<ResultMessage> {
  const cpu = process.cpuUsage();
  const side: SlackSide = { fake, people: new SlackPeople(fake, `${go.appUrl}/slack/events`) };
  const bare = new SlackPeople(fake, `${go.bareUrl}/slack/events`);
  const updating = new SlackPeople(fake, `${go.updateUrl}/slack/events`);
  const members = Array.from({ length: go.members - 1 }, (_, i) => memberId(fake, i + 1));
  const everyone = [ANNA, ...members];
  const { channel } = await openIncident(side, ANNA, { title: 'Benchmark', invited: members });
  const targets = claimTargets(channel.id, go.members);
  const copies = copyTargets(targets, everyone);
  const result: ResultMessage = {
    type: 'result',
    bareAcks: [],
    updateAcks: [],
    baselineUpdated: [],
    ourAcks: [],
    updated: [],
    answered: [],
    updateBytes: 0,
    baselineUpdateBytes: 0,
    cpuMs: 0,
  };
  const ourUpdatesFrom = fake.calls.length;
  for (let round = -2; round < go.rounds; round += 1) {
    const kind = round % 2 === 0 ? 'claim' : 'release';
    await quiet();
    const bareRound = await clickAll(bare, everyone, targets, kind);
    // The same click, on a copy of the card as it is now: the baseline's update must not touch
    // the card the bot redraws next.
    copies.forEach((copy, i) => {
      const current = fake.state.message(targets[i]!.message.channel, targets[i]!.message.ts);
      copy.message.text = current.text;
      copy.message.blocks = current.blocks;
    });
    const callsBefore = fake.calls.length;
    const updateCounts = copies.map((copy) => copy.message.updates);
    const updateRound = await clickAll(updating, everyone, copies, kind);
    await fake.waitFor(
      () => copies.every((copy, i) => copy.message.updates > updateCounts[i]!),
      10_000,
      'baseline updates',
    );
    const baselineUpdated = updateRound.map((click) => updatedAt(click, callsBefore) - click.sentAt);
    const ephemeralsBefore = fake.state.ephemerals.length;
    const ourRound = await clickAll(side.people, everyone, targets, kind);
    await fake.waitFor(
      () => ourRound.every((click) => shows(click, stepText(side, click.message, click.stepKey))),
      10_000,
      'cards',
    );
    await fake.waitFor(
      () => fake.state.ephemerals.length >= ephemeralsBefore + everyone.length,
      10_000,
      'answers',
    );
    if (round < 0) continue; // warm-up
    result.bareAcks.push(...bareRound.map((click) => click.ackAt - click.sentAt));
    result.updateAcks.push(...updateRound.map((click) => click.ackAt - click.sentAt));
    result.baselineUpdated.push(...baselineUpdated);
    result.ourAcks.push(...ourRound.map((click) => click.ackAt - click.sentAt));
    result.updated.push(...ourRound.map((click) => cardUpdatedAt(click) - click.sentAt));
    result.answered.push(...ourRound.map((click) => answeredAt(click, ephemeralsBefore) - click.sentAt));
  }
  const used = process.cpuUsage(cpu);
  result.cpuMs = (used.user + used.system) / 1000;
  const updateSizes = (channelId: string) =>
    median(
      fake.calls
        .slice(ourUpdatesFrom)
        .filter((call) => call.method === 'chat.update' && call.args.channel === channelId)
        .map((call) => JSON.stringify(call.args.blocks).length),
    );
  result.updateBytes = updateSizes(channel.id);
  result.baselineUpdateBytes = updateSizes(copies[0]!.message.channel);
  return result;
}

/** Resolves once no Web API call has come in for QUIET_MS. */
async function quiet(): Promise<void> {
  let seen = fake.calls.length;
  let since = performance.now();
  while (performance.now() - since < QUIET_MS) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (fake.calls.length !== seen) {
      seen = fake.calls.length;
      since = performance.now();
    }
  }
}

/**
 * One bot message per member, in a private channel of its own with everyone in it, for the
 * baseline that sends chat.update: member i clicks the same step on it as on the real card.
 */
function copyTargets(targets: Target[], everyone: string[]): Target[] {
  const state = fake.state;
  const channel = state.addChannel('benchmark-baseline', {
    isPrivate: true,
    members: [state.botUserId, ...everyone],
  });
  return targets.map(({ message, stepKey }) => {
    const copy: FakeMessage = {
      channel: channel.id,
      ts: state.nextTs(),
      user: state.botUserId,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      updates: 0,
      writtenAt: performance.now(),
    };
    state.messages.push(copy);
    return { message: copy, stepKey };
  });
}

/** One step per member, all open: member i claims step i, and releases it the next round. */
function claimTargets(channelId: string, count: number): Target[] {
  const targets: Target[] = [];
  for (const [key, message] of cards(fake, channelId)) {
    if (!key.startsWith('phase:')) continue;
    for (const block of message.blocks ?? []) {
      const id = String(block.block_id ?? '');
      if (id.startsWith('step:') && targets.length < count) targets.push({ message, stepKey: id.slice(5) });
    }
  }
  if (targets.length < count) throw new Error(`Only ${targets.length} steps for ${count} members`);
  return targets;
}

function clickAll(
  people: SlackPeople,
  everyone: string[],
  targets: Target[],
  kind: Click['kind'],
): Promise<Click[]> {
  return Promise.all(
    everyone.map(async (userId, i) => {
      const { message, stepKey } = targets[i]!;
      const current = fake.state.message(message.channel, message.ts);
      const sentAt = performance.now();
      const answer = await people.click(userId, current, { kind, step: stepKey });
      if (answer.status !== 200) throw new Error(`click answered ${answer.status}`);
      return { userId, message, stepKey, kind, sentAt, ackAt: answer.receivedAt };
    }),
  );
}

function shows(click: Click, text: string): boolean {
  const owner = fake.state.users.get(click.userId)?.displayName ?? '';
  return click.kind === 'claim' ? text.includes(`Opgepakt door ${owner}`) : !text.includes('Opgepakt door');
}

/** When the Web API first received a chat.update of the click's card that shows its change. */
function cardUpdatedAt(click: Click): number {
  for (const call of fake.calls) {
    if (call.method !== 'chat.update' || call.at < click.sentAt || call.args.ts !== click.message.ts)
      continue;
    const blocks = call.args.blocks as Array<Record<string, unknown>>;
    const section = blocks.find((block) => block.block_id === `step:${click.stepKey}`);
    if (shows(click, String((section?.text as Record<string, unknown> | undefined)?.text ?? '')))
      return call.at;
  }
  throw new Error(`No card update for ${click.userId}`);
}

/** When the Web API received the chat.update of the click's own message (one per message). */
function updatedAt(click: Click, from: number): number {
  const call = fake.calls
    .slice(from)
    .find(
      (candidate) =>
        candidate.method === 'chat.update' &&
        candidate.args.channel === click.message.channel &&
        candidate.args.ts === click.message.ts,
    );
  if (!call) throw new Error(`No baseline update for ${click.userId}`);
  return call.at;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** When the clicker's own answer (ephemeral) arrived. */
function answeredAt(click: Click, from: number): number {
  const answer = fake.state.ephemerals.slice(from).find((ephemeral) => ephemeral.user === click.userId);
  if (!answer) throw new Error(`No answer for ${click.userId}`);
  return answer.at;
}
