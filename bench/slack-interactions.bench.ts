/**
 * Slack interaction benchmark: N members clicking at the same moment, through the HTTP receiver,
 * against the fake Web API and a real PostgreSQL server (a fresh database, dropped afterwards).
 * Beside it, in the same run, a bare Bolt app on the same receiver whose handler only acks.
 *
 * Prints time-to-ack and time-to-card-updated (p50, p99) and the ratio to bare Bolt.
 * Targets on a 2-core machine with 20 members: ack p99 within 1.5× of bare Bolt; card p99 < 100 ms.
 *
 *   npm run bench:slack                         # N=20, 15 rounds
 *   BENCH_MEMBERS=40 BENCH_ROUNDS=30 npm run bench:slack
 */
import { App as BoltApp } from '@slack/bolt';
import { HttpServer } from '../src/http/http-server.js';
import { createLogger } from '../src/logging/logger.js';
import { boltLogger } from '../src/platforms/slack/bolt-logger.js';
import { mountHttpReceiver } from '../src/platforms/slack/http.receiver.js';
import { stepText } from '../tests/platforms/slack/support/card-steps.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../tests/platforms/slack/support/fake-slack.js';
import type { FakeMessage } from '../tests/platforms/slack/support/fake-slack.state.js';
import { freshPostgres } from '../tests/platforms/slack/support/fresh-postgres.js';
import {
  ANNA,
  cards,
  type Harness,
  memberId,
  openIncident,
  startFakeSlack,
  startHarness,
} from '../tests/platforms/slack/support/slack-harness.js';
import { SlackPeople } from '../tests/platforms/slack/support/slack-people.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

interface Click {
  userId: string;
  message: FakeMessage;
  stepKey: string;
  kind: 'claim' | 'release';
  sentAt: number;
  ackAt: number;
}

async function main(): Promise<void> {
  const database = await freshPostgres(ADMIN_URL);
  const fake = await startFakeSlack(MEMBERS);
  const h = await startHarness(fake, { databaseUrl: database.url });
  const bare = await startBareBolt(fake.apiUrl);
  const barePeople = new SlackPeople(fake, `${bare.url}/slack/events`);
  try {
    const members = Array.from({ length: MEMBERS - 1 }, (_, i) => memberId(fake, i + 1));
    const everyone = [ANNA, ...members];
    const { channel } = await openIncident(h, ANNA, { title: 'Benchmark', invited: members });
    const targets = claimTargets(h, channel.id, MEMBERS);

    const ours: Click[] = [];
    const bareAcks: number[] = [];
    for (let round = -2; round < ROUNDS * 2; round += 1) {
      const kind = round % 2 === 0 ? 'claim' : 'release';
      const bareRound = await clickAll(barePeople, everyone, targets, kind, fake);
      const ourRound = await clickAll(h.people, everyone, targets, kind, fake);
      await settle(h, ourRound);
      if (round < 0) continue; // warm-up
      bareAcks.push(...bareRound.map((click) => click.ackAt - click.sentAt));
      ours.push(...ourRound);
    }

    const ourAcks = ours.map((click) => click.ackAt - click.sentAt);
    const updated = ours.map((click) => cardUpdatedAt(h, click) - click.sentAt);
    const line = (label: string, values: number[], base?: number[]) => {
      const p50 = percentile(values, 50);
      const p99 = percentile(values, 99);
      const ratio = base
        ? `   ×${(p99 / percentile(base, 99)).toFixed(2)} p99, ×${(p50 / percentile(base, 50)).toFixed(2)} p50 vs bare Bolt`
        : '';
      console.log(
        `${label.padEnd(34)} p50 ${p50.toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms${ratio}`,
      );
    };
    console.log(
      `\nSlack interactions: ${MEMBERS} members clicking at once, ${ROUNDS * 2} rounds, ${ours.length} clicks (PostgreSQL)`,
    );
    line('time to ack, bare Bolt (ack only)', bareAcks);
    line('time to ack, Stappenplan', ourAcks, bareAcks);
    line('time to card updated (chat.update)', updated);
    console.log(`targets: ack p99 ≤ 1.5× bare Bolt; card updated p99 < 100 ms`);
  } finally {
    await bare.close();
    await h.close();
    await fake.close();
    await database.drop();
  }
}

/** One step per member, all open: member i claims step i (and releases it in the next round). */
function claimTargets(
  h: Harness,
  channelId: string,
  count: number,
): Array<{ message: FakeMessage; stepKey: string }> {
  const targets: Array<{ message: FakeMessage; stepKey: string }> = [];
  for (const [key, message] of cards(h.fake, channelId)) {
    if (!key.startsWith('phase:')) continue;
    for (const block of message.blocks ?? []) {
      const id = String(block.block_id ?? '');
      if (id.startsWith('step:') && targets.length < count) targets.push({ message, stepKey: id.slice(5) });
    }
  }
  if (targets.length < count) throw new Error(`Only ${targets.length} steps for ${count} members`);
  return targets;
}

async function clickAll(
  people: SlackPeople,
  everyone: string[],
  targets: Array<{ message: FakeMessage; stepKey: string }>,
  kind: 'claim' | 'release',
  fake: Harness['fake'],
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

function cardDone(h: Harness, click: Click, text: string): boolean {
  const owner = h.fake.state.users.get(click.userId)?.displayName ?? '';
  return click.kind === 'claim' ? text.includes(`Opgepakt door ${owner}`) : !text.includes('Opgepakt door');
}

/** Waits until every click of the round shows on its card. */
async function settle(h: Harness, clicks: Click[]): Promise<void> {
  await h.fake.waitFor(
    () => clicks.every((click) => cardDone(h, click, stepText(h, click.message, click.stepKey))),
    10_000,
    'cards',
  );
}

/** When the fake Web API first received a chat.update of the click's card that shows it. */
function cardUpdatedAt(h: Harness, click: Click): number {
  for (const call of h.fake.calls) {
    if (call.method !== 'chat.update' || call.at < click.sentAt || call.args.ts !== click.message.ts)
      continue;
    const blocks = call.args.blocks as Array<Record<string, unknown>>;
    const section = blocks.find((block) => block.block_id === `step:${click.stepKey}`);
    const text = String((section?.text as Record<string, unknown> | undefined)?.text ?? '');
    if (cardDone(h, click, text)) return call.at;
  }
  throw new Error(`No card update for ${click.userId}`);
}

/** Bolt with the same receiver on its own server; its only listener acks. */
async function startBareBolt(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger('silent');
  const server = new HttpServer(logger);
  const { receiver } = mountHttpReceiver(server, {
    signingSecret: SIGNING_SECRET,
    logger: boltLogger(logger),
  });
  const app = new BoltApp({
    token: BOT_TOKEN,
    receiver,
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: apiUrl },
    convoStore: false,
    deferInitialization: true,
  });
  await app.init();
  app.action(/^sp:/, async ({ ack }) => {
    await ack();
  });
  const address = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
