/**
 * Slack interaction benchmark: N members clicking at the same moment, through the HTTP receiver,
 * against the fake Web API and a real PostgreSQL server (a fresh database, dropped afterwards).
 * The app runs with the same modules as `npm start` with Slack set up: Slack and the scheduler
 * (reminders, which resync after every change). Beside it, in the same run and process, two bare
 * Bolt apps on the same receiver (bench/slack-baselines.ts): one whose handler only acks, and one
 * that acks and then sends one chat.update with a phase card it has ready. The same people make
 * the same clicks on all three, one app at a time, each round starting once the Web API has
 * been quiet for a moment. Slack (the fake Web API and the people clicking) runs in a child
 * process, as it runs elsewhere in production; it times every click with one clock.
 *
 * Prints time-to-ack, time-to-answer and time-to-card-updated (p50, p99), each beside its
 * baseline, and the processor time each process used per click. Absolute times on a shared
 * machine move from run to run, so the targets are ratios to baselines measured in the same
 * run: ack p99 within 1.5× of the bare Bolt that only acks; card updated p99 within 2× of the
 * bare Bolt that sends one chat.update.
 *
 *   npm run bench:slack                          # 20 members, 30 rounds (600 clicks)
 *   BENCH_MEMBERS=30 BENCH_ROUNDS=50 DB_POOL_MAX=20 npm run bench:slack
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { startSlackApp } from '../tests/platforms/slack/support/slack-harness.js';
import { freshPostgres } from '../tests/support/fresh-postgres.js';
import { readyPhaseCards, startBareBolt } from './slack-baselines.js';
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
    const updating = await startBareBolt(apiUrl, readyPhaseCards(MEMBERS));
    closers.unshift(() => updating.close());
    const go: GoMessage = {
      type: 'go',
      appUrl: app.app.url,
      bareUrl: bare.url,
      updateUrl: updating.url,
      members: MEMBERS,
      rounds: ROUNDS,
    };
    const load = loadavg();
    const cpu = process.cpuUsage();
    slack.send(go);
    const result = await nextMessage<ResultMessage>(slack, 'result');
    const used = process.cpuUsage(cpu);
    report(result, (used.user + used.system) / 1000);
    console.log(`load average (1, 5, 15 min): before ${loads(load)}, after ${loads(loadavg())}`);
  } finally {
    slack.kill();
    for (const close of closers) await close().catch(() => undefined);
  }
}

function report(result: ResultMessage, botCpuMs: number): void {
  const line = (label: string, values: number[], baseline?: { name: string; values: number[] }) => {
    const p50 = percentile(values, 50);
    const p99 = percentile(values, 99);
    const vs = baseline
      ? `   ratio to ${baseline.name}: p50 ×${(p50 / percentile(baseline.values, 50)).toFixed(2)}, ` +
        `p99 ×${(p99 / percentile(baseline.values, 99)).toFixed(2)}`
      : '';
    console.log(
      `${label.padEnd(44)} p50 ${p50.toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms${vs}`,
    );
  };
  console.log(
    `\nSlack interactions: ${MEMBERS} members clicking at once, ${ROUNDS} rounds (claim, release, …), ` +
      `${result.ourAcks.length} clicks, PostgreSQL (pool ${POOL})`,
  );
  const ackOnly = { name: 'bare Bolt', values: result.bareAcks };
  const oneUpdate = { name: 'bare Bolt + chat.update', values: result.baselineUpdated };
  line('time to ack, bare Bolt (handler only acks)', result.bareAcks);
  line('time to ack, bare Bolt + chat.update', result.updateAcks);
  line('time to card updated, bare Bolt + chat.update', result.baselineUpdated);
  line('time to ack, Stappenplan', result.ourAcks, ackOnly);
  line('time to answer (ephemeral to the clicker)', result.answered);
  line('time to card updated (chat.update)', result.updated, oneUpdate);
  console.log(
    `chat.update blocks, median size: bare Bolt ${kb(result.baselineUpdateBytes)}, ` +
      `Stappenplan ${kb(result.updateBytes)}`,
  );
  // All three apps and every round, warm-up included: what the machine's two cores had to share.
  const clicks = (ROUNDS + 2) * MEMBERS * 3;
  console.log(
    `processor time per click (all three apps): bot process ${(botCpuMs / clicks).toFixed(2)} ms, ` +
      `simulated Slack ${(result.cpuMs / clicks).toFixed(2)} ms`,
  );
  const ackOk = percentile(result.ourAcks, 99) <= 1.5 * percentile(result.bareAcks, 99);
  const cardOk = percentile(result.updated, 99) <= 2 * percentile(result.baselineUpdated, 99);
  console.log(
    `targets: ack p99 ≤ ×1.5 bare Bolt: ${ackOk ? 'met' : 'MISSED'}; ` +
      `card updated p99 ≤ ×2 bare Bolt + chat.update: ${cardOk ? 'met' : 'MISSED'}`,
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

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function loads(values: number[]): string {
  return values.map((value) => value.toFixed(2)).join(' ');
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
