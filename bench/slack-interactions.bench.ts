/**
 * Slack interaction benchmark: N members clicking at the same moment, through the HTTP receiver,
 * against the fake Web API and a real PostgreSQL server (a fresh database, dropped afterwards).
 * The app runs with the same modules as `npm start` with Slack set up: Slack and the scheduler
 * (reminders, which resync after every change). Beside it, in the same run and process, a bare Bolt app on the same receiver whose handler only
 * acks. Slack (the fake Web API and the people clicking) runs in a child process, as it runs
 * elsewhere in production; it times every click with one clock.
 *
 * Prints time-to-ack, time-to-answer and time-to-card-updated (p50, p99), the ratio to bare
 * Bolt, and the processor time each process used per click. Targets on a 2-core machine with 20 members: ack p99 within 1.5× of bare Bolt; card
 * updated p99 under 100 ms.
 *
 *   npm run bench:slack                          # 20 members, 30 rounds (600 clicks)
 *   BENCH_MEMBERS=30 BENCH_ROUNDS=50 DB_POOL_MAX=20 npm run bench:slack
 */
import { fork } from 'node:child_process';
import { App as BoltApp } from '@slack/bolt';
import { HttpServer } from '../src/http/http-server.js';
import { createLogger } from '../src/logging/logger.js';
import { boltLogger } from '../src/platforms/slack/bolt-logger.js';
import { mountHttpReceiver } from '../src/platforms/slack/http.receiver.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../tests/platforms/slack/support/fake-slack.js';
import { startSlackApp } from '../tests/platforms/slack/support/slack-harness.js';
import { freshPostgres } from '../tests/support/fresh-postgres.js';
import type { GoMessage, ResultMessage } from './slack-side.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
/** The bot's default pool size unless asked otherwise. */
const POOL = Number(process.env.DB_POOL_MAX ?? 10);
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const database = await freshPostgres(ADMIN_URL);
  const slack = fork(new URL('./slack-side.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_MEMBERS: String(MEMBERS) },
  });
  const closers: Array<() => Promise<unknown>> = [() => database.drop()];
  try {
    const { apiUrl } = await nextMessage<{ apiUrl: string }>(slack, 'ready');
    const app = await startSlackApp(apiUrl, {
      databaseUrl: database.url,
      poolMax: POOL,
      withScheduler: true,
    });
    closers.unshift(() => app.close());
    const bare = await startBareBolt(apiUrl);
    closers.unshift(() => bare.close());
    const go: GoMessage = {
      type: 'go',
      appUrl: app.app.url,
      bareUrl: bare.url,
      members: MEMBERS,
      rounds: ROUNDS,
    };
    const cpu = process.cpuUsage();
    slack.send(go);
    const result = await nextMessage<ResultMessage>(slack, 'result');
    const used = process.cpuUsage(cpu);
    report(result, (used.user + used.system) / 1000);
  } finally {
    slack.kill();
    for (const close of closers) await close().catch(() => undefined);
  }
}

function report(result: ResultMessage, botCpuMs: number): void {
  const bareP50 = percentile(result.bareAcks, 50);
  const bareP99 = percentile(result.bareAcks, 99);
  const line = (label: string, values: number[], ratio = false) => {
    const p50 = percentile(values, 50);
    const p99 = percentile(values, 99);
    const vs = ratio
      ? `   ratio to bare Bolt: p50 ×${(p50 / bareP50).toFixed(2)}, p99 ×${(p99 / bareP99).toFixed(2)}`
      : '';
    console.log(
      `${label.padEnd(40)} p50 ${p50.toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms${vs}`,
    );
  };
  console.log(
    `\nSlack interactions: ${MEMBERS} members clicking at once, ${ROUNDS} rounds (claim, release, …), ` +
      `${result.ourAcks.length} clicks, PostgreSQL (pool ${POOL})`,
  );
  line('time to ack, bare Bolt (handler only acks)', result.bareAcks);
  line('time to ack, Stappenplan', result.ourAcks, true);
  line('time to answer (ephemeral to the clicker)', result.answered);
  line('time to card updated (chat.update)', result.updated);
  // Both apps and every round, warm-up included: what the machine's two cores had to share.
  const clicks = (ROUNDS + 2) * MEMBERS * 2;
  console.log(
    `processor time per click (both apps): bot process ${(botCpuMs / clicks).toFixed(2)} ms, ` +
      `simulated Slack ${(result.cpuMs / clicks).toFixed(2)} ms`,
  );
  const ackOk = percentile(result.ourAcks, 99) <= 1.5 * bareP99;
  const cardOk = percentile(result.updated, 99) < 100;
  console.log(
    `targets: ack p99 ≤ 1.5× bare Bolt: ${ackOk ? 'met' : 'MISSED'}; card updated p99 < 100 ms: ${cardOk ? 'met' : 'MISSED'}`,
  );
}

function nextMessage<T>(child: ReturnType<typeof fork>, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string; message?: string }) => {
      if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === type) resolve(message as T);
      else return;
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`Slack side exited (${code})`)));
  });
}

/** Bolt with the same receiver on a server of its own; its only listener acks. */
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
