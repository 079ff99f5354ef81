import { Writable } from 'node:stream';
import { type App, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import {
  createSchedulerModule,
  loadSchedulerConfig,
  type SchedulerModule,
} from '../../../src/jobs/scheduler.module.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadSlackConfig } from '../../../src/platforms/slack/slack.config.js';
import { SlackModule } from '../../../src/platforms/slack/slack.module.js';
import { BOT_TOKEN, type FakeSlack, SIGNING_SECRET } from '../../platforms/slack/support/fake-slack.js';
import type { SlackSide } from '../../platforms/slack/support/slack-harness.js';
import { SlackPeople } from '../../platforms/slack/support/slack-people.js';
import { FakeClock } from '../../support/core-fixture.js';

export interface OutageApp extends SlackSide {
  app: App;
  clock: FakeClock;
  scheduler: SchedulerModule;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real app in Slack HTTP mode on the PostgreSQL server at `databaseUrl`, with the
 * reminders' jobs called directly (no cron) on a clock set in school time, so reminders are due
 * exactly when the test says.
 */
export async function startOutageApp(
  fake: FakeSlack,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<OutageApp> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  // Monday 2 March 2026, 09:30 in Amsterdam: school time.
  const clock = new FakeClock('2026-03-02T08:30:00Z');
  const slackConfig = loadSlackConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  if (!slackConfig) throw new Error('Slack not configured');
  const slack = new SlackModule(slackConfig, {
    retryConfig: { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50 },
    requestTimeoutMs: 5000,
  });
  const scheduler = createSchedulerModule(loadSchedulerConfig(env), {
    cron: false,
    // Short leases, so a reminder whose claim was cut off is taken up again within the test.
    dispatcher: { leaseMs: 2000, backoffMs: 100, maxBackoffMs: 200 },
  });
  const app = await startApp(
    loadConfig({ PORT: '0', DATA_DIR: '', DATABASE_URL: databaseUrl, DB_POOL_MAX: '20', ...env }),
    { logger: createLogger('info', stream), clock, modules: [slack, scheduler] },
  );
  const people = new SlackPeople(fake, `${app.url}/slack/events`);
  return { app, clock, scheduler, logs, fake, people, close: () => app.close() };
}

/** GET /readyz: true when the app says it is ready. */
export async function isReady(app: App): Promise<boolean> {
  try {
    const response = await fetch(`${app.url}/readyz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
