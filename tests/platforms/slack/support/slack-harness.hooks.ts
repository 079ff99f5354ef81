import { afterAll, beforeAll, inject } from 'vitest';
import { createSchedulerModule, loadSchedulerConfig } from '../../../../src/jobs/scheduler.module.js';
import { FakeClock } from '../../../support/core-fixture.js';
import type { TargetName } from '../../../support/databases.js';
import { freshPostgres } from '../../../support/fresh-postgres.js';
import type { FakeSlack } from './fake-slack.js';
import { type FakeMessage, textsOf } from './fake-slack.state.js';
import { type Harness, type HarnessOptions, startFakeSlack, startHarness } from './slack-harness.js';

// Apart from slack-harness.ts because the benchmarks import that one outside the test runner.

export interface BlockOptions extends HarnessOptions {
  /** Numbered colleagues in the fake Slack beside Anna, Bas, Cem and Xander (`memberId`). */
  colleagues?: number;
  /** `postgres`: a new database on the test server for this block, dropped at the end. */
  database?: TargetName;
}

/**
 * The harness of the enclosing describe block (or file): the app and a fresh fake Slack start
 * before the block's first test and stop after its last. The returned object is filled in when
 * they start, so the block's tests and hooks use it as it is.
 */
export function slackHarness(options: BlockOptions = {}): Harness {
  const { colleagues = 0, database = 'pglite', ...rest } = options;
  const h = {} as Harness;
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const fresh = database === 'postgres' ? await freshPostgres(inject('postgresUrl') ?? '') : null;
    drop = fresh?.drop ?? null;
    const fake = await startFakeSlack(colleagues);
    Object.assign(h, await startHarness(fake, { ...rest, ...(fresh ? { databaseUrl: fresh.url } : {}) }));
  });
  afterAll(async () => {
    await h.close?.();
    await h.fake?.close();
    await drop?.();
  });
  return h;
}

/**
 * Runs `body` against its own app and fake Slack (a fresh one unless `fake` is given), and stops
 * both however it ends.
 */
export async function withSlackHarness(
  body: (h: Harness) => Promise<void>,
  options: HarnessOptions & { fake?: FakeSlack } = {},
): Promise<void> {
  const { fake, ...rest } = options;
  const h = await startHarness(fake ?? (await startFakeSlack()), rest);
  try {
    await body(h);
  } finally {
    await h.close();
    await h.fake.close();
  }
}

/**
 * A block's harness with the reminder scheduler on a fake clock (Wednesday 25 November 2026,
 * 10:00 in Amsterdam, unless `start` says otherwise), ticked by the test rather than by cron;
 * with the text of a message as it is now and the direct messages the bot sent.
 */
export function scheduledSlackHarness(start = '2026-11-25T09:00:00Z') {
  const clock = new FakeClock(start);
  const scheduler = createSchedulerModule(loadSchedulerConfig({}), { cron: false });
  const h = slackHarness({ clock, scheduler });
  const text = (message: FakeMessage) =>
    textsOf(h.fake.state.message(message.channel, message.ts).blocks ?? []).join('\n');
  const directs = () => h.fake.state.messages.filter((message) => message.channel.startsWith('D'));
  return { clock, scheduler, h, text, directs };
}
