import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type App, startApp } from '../../../../src/app.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { Clock } from '../../../../src/core/ports/clock.js';
import { createDossierModule } from '../../../../src/features/dossier/dossier.module.js';
import {
  createSchedulerModule,
  loadSchedulerConfig,
  type SchedulerModule,
} from '../../../../src/jobs/scheduler.module.js';
import { createLogger } from '../../../../src/logging/logger.js';
import { loadSlackConfig } from '../../../../src/platforms/slack/slack.config.js';
import { SlackModule } from '../../../../src/platforms/slack/slack.module.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from './fake-slack.js';
import type { FakeChannel, FakeMessage } from './fake-slack.state.js';
import { type Fill, SlackPeople } from './slack-people.js';
import { manifestScopes } from './slack-scopes.js';

export const MANIFEST = fileURLToPath(new URL('../../../../manifests/slack/manifest.yaml', import.meta.url));
export const HTTP_MANIFEST = fileURLToPath(
  new URL('../../../../manifests/slack/manifest.http.yaml', import.meta.url),
);

export const ANNA = 'U0ANNA';
export const BAS = 'U0BAS';
export const CEM = 'U0CEM';
export const XANDER = 'U0XANDER';
export { BOT_USER_ID as BOT_USER, TEAM_ID } from './fake-slack.js';

/** This year in the school's time zone: incident numbers start with it. */
export const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
  new Date(),
);

/** Polls an async check until it gives something truthy (the app finishes work after its answers). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('Timed out waiting for the app');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A fake Slack with the manifest's scopes and a few colleagues (and `extra` numbered ones). */
export async function startFakeSlack(extra = 0): Promise<FakeSlack> {
  const fake = await FakeSlack.start(manifestScopes(MANIFEST));
  fake.state.addUser({ id: ANNA, name: 'anna', displayName: 'Anna' });
  fake.state.addUser({ id: BAS, name: 'bas', displayName: 'Bas' });
  fake.state.addUser({ id: CEM, name: 'cem', displayName: 'Cem' });
  fake.state.addUser({ id: XANDER, name: 'xander', displayName: 'Xander' });
  for (let i = 1; i <= extra; i += 1) memberId(fake, i);
  fake.state.addChannel('algemeen', { members: [ANNA, BAS, CEM, XANDER] });
  return fake;
}

/** The id of numbered colleague `i`, added to the fake Slack on first use. */
export function memberId(fake: FakeSlack, i: number): string {
  const id = `U0M${String(i).padStart(4, '0')}`;
  if (!fake.state.users.has(id)) fake.state.addUser({ id, name: `collega${i}`, displayName: `Collega ${i}` });
  return id;
}

/** The Slack side of a test: the fake Web API and the people using it. */
export interface SlackSide {
  fake: FakeSlack;
  people: SlackPeople;
}

export interface Harness extends SlackSide {
  app: App;
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** COORDINATORS: who may see `/incident overzicht`. */
  coordinators?: string[];
  dataDir?: string;
  databaseUrl?: string;
  /** Per-request time limit of the app's Web API calls. */
  requestTimeoutMs?: number;
  /** DB_POOL_MAX (default 20, one connection per colleague in the 20-click tests). */
  poolMax?: number;
  /** Also run the scheduler module (reminders), as `npm start` does. */
  withScheduler?: boolean;
  /** Run this scheduler module instead (e.g. without cron, its jobs called by the test). */
  scheduler?: SchedulerModule;
  /** The app's clock (default: the system's). */
  clock?: Clock;
}

/** The real app (composition root, HTTP receiver, database) wired to the fake Slack. */
export async function startHarness(fake: FakeSlack, options: HarnessOptions = {}): Promise<Harness> {
  const started = await startSlackApp(fake.apiUrl, options);
  const people = new SlackPeople(fake, `${started.app.url}/slack/events`);
  return { fake, people, ...started };
}

/** The real app in HTTP mode against a Web API at `apiUrl`, logging into an array. */
export async function startSlackApp(
  apiUrl: string,
  options: HarnessOptions = {},
): Promise<{ app: App; logs: string[]; close(): Promise<void> }> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: options.dataDir ?? 'memory://',
    DATABASE_URL: options.databaseUrl ?? '',
    DB_POOL_MAX: String(options.poolMax ?? 20),
    ...(options.coordinators ? { COORDINATORS: options.coordinators.join(',') } : {}),
  });
  const slackConfig = loadSlackConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
  });
  if (!slackConfig) throw new Error('Slack not configured');
  const module = new SlackModule(slackConfig, {
    retryConfig: { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50 },
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
  });
  const scheduler =
    options.scheduler ?? (options.withScheduler ? createSchedulerModule(loadSchedulerConfig({})) : null);
  const modules = [module, ...(scheduler ? [scheduler] : []), createDossierModule()];
  const app = await startApp(config, {
    logger: createLogger('info', stream),
    modules,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { app, logs, close: () => app.close() };
}

/** The incident channels the bot made. */
export function incidentChannels(fake: FakeSlack): FakeChannel[] {
  return [...fake.state.channels.values()].filter((channel) => channel.name.startsWith('incident-'));
}

/** Cards (top-level bot messages with card metadata) in a channel, by card key. */
export function cards(fake: FakeSlack, channelId: string): Map<string, FakeMessage> {
  const out = new Map<string, FakeMessage>();
  for (const message of fake.state.topLevel(channelId)) {
    const payload = message.metadata?.event_payload as { card?: string } | undefined;
    if (payload?.card) out.set(payload.card, message);
  }
  return out;
}

/** Opens an incident through the command and modal; waits until its channel has all 10 cards. */
export async function openIncident(
  h: SlackSide,
  opener: string,
  fill: Record<string, Fill>,
): Promise<{ channel: FakeChannel; card: (key: string) => FakeMessage }> {
  const before = incidentChannels(h.fake).length;
  const command = await h.people.command(opener, 'nieuw');
  if (command.status !== 200) throw new Error(`command answered ${command.status}`);
  const view = await h.fake.waitFor(
    () => h.fake.state.views.find((v) => v.userId === opener && !submitted.has(v.id)),
    5000,
    'modal',
  );
  submitted.add(view.id);
  const answer = await h.people.submit(opener, view, { kind: 'nude_photo', ...fill });
  if (answer.errors) throw new Error(`modal refused: ${JSON.stringify(answer.errors)}`);
  const channel = await h.fake.waitFor(() => incidentChannels(h.fake)[before], 5000, 'channel');
  await h.fake.waitFor(() => cards(h.fake, channel.id).size === 10, 10_000, 'cards');
  await h.fake.waitFor(() => h.fake.state.pins.size > 0, 5000, 'pin');
  return {
    channel,
    card: (key: string) => {
      const found = cards(h.fake, channel.id).get(key);
      if (!found) throw new Error(`No card ${key}`);
      return found;
    },
  };
}

const submitted = new Set<string>();
