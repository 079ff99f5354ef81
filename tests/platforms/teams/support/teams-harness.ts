import { Writable } from 'node:stream';
import { afterAll, beforeAll, inject } from 'vitest';
import { type App, startApp } from '../../../../src/app.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { Clock } from '../../../../src/core/ports/clock.js';
import { createDossierModule } from '../../../../src/features/dossier/dossier.module.js';
import { createLogger } from '../../../../src/logging/logger.js';
import type { TeamsConfig } from '../../../../src/platforms/teams/teams.config.js';
import { TeamsModule } from '../../../../src/platforms/teams/teams.module.js';
import type { TargetName } from '../../../support/databases.js';
import { freshPostgres } from '../../../support/fresh-postgres.js';
import { FakeMicrosoft, type Person } from './fake-microsoft.js';
import { clickActivity, messageActivity, type Where } from './teams-activities.support.js';
import { ANNA, BAS, CARLA, DIRK } from './teams-people.support.js';

export interface Harness {
  app: App;
  microsoft: FakeMicrosoft;
  /** What new incidents get: a group chat or a private channel (TEAMS_SPACE). */
  space: 'chat' | 'channel';
  teams: TeamsModule;
  logs: string[];
  post(activity: Record<string, unknown>, authorization?: string): Promise<Answer>;
  /** `person` clicks an Action.Execute button (see `clickActivity`); the invoke's answer, unread. */
  click(person: Person, verb: string, data: Record<string, unknown>, where?: Where): Promise<Answer>;
  /** `person` writes to the bot (see `messageActivity`): `@Stappenplan <text>` in a channel. */
  say(person: Person, text: string, where?: Where, extra?: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

/** What the bot answered on /api/messages. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface HarnessOptions {
  dataDir?: string;
  microsoft?: FakeMicrosoft;
  appId?: string;
  clock?: Clock;
  people?: Person[];
  /** TEAMS_SPACE; these tests were written for private channels, the product's default is chat. */
  space?: 'chat' | 'channel';
  databaseUrl?: string;
}

/** The bot on the embedded database with the Teams module pointed at a fake Microsoft. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const microsoft = options.microsoft ?? new FakeMicrosoft(options.people ?? [ANNA, BAS, CARLA, DIRK]);
  if (!microsoft.url) await microsoft.start();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const config: TeamsConfig = {
    appId: options.appId ?? '',
    appPassword: options.appId ? 'secret' : '',
    appTenantId: null,
    appType: 'MultiTenant',
    graphApiUrl: `${microsoft.url}/graph`,
    graphTokenUrl: `${microsoft.url}/token/{tenant}`,
    space: options.space ?? 'channel',
  };
  const teams = new TeamsModule({ config, retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 } });
  const env: Record<string, string> = { PORT: '0', DATA_DIR: options.dataDir ?? 'memory://' };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const app = await startApp(loadConfig(env), {
    logger: createLogger('info', stream),
    modules: [teams, createDossierModule()],
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const post: Harness['post'] = async (activity, authorization) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    app,
    microsoft,
    space: config.space ?? 'channel',
    teams,
    logs,
    post,
    click: (person, verb, data, where) => post(clickActivity(microsoft, person, verb, data, where)),
    say: (person, text, where, extra) => post(messageActivity(microsoft, person, text, where, extra)),
    async close() {
      await app.close();
    },
  };
}

/**
 * The harness of the enclosing describe block (or file): the bot and its fake Microsoft start
 * before the block's first test and stop after its last. The returned object is filled in when
 * they start, so the block's tests and hooks use it as it is. On `database: 'postgres'` the bot
 * gets a new database on the test server, dropped again at the end.
 */
export function teamsHarness(options: HarnessOptions & { database?: TargetName } = {}): Harness {
  const { database = 'pglite', ...rest } = options;
  const h = {} as Harness;
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const fresh = database === 'postgres' ? await freshPostgres(inject('postgresUrl') ?? '') : null;
    drop = fresh?.drop ?? null;
    Object.assign(h, await startHarness({ ...rest, ...(fresh ? { databaseUrl: fresh.url } : {}) }));
  });
  afterAll(async () => {
    await h.close?.();
    await h.microsoft?.stop();
    await drop?.();
  });
  return h;
}

/** Waits until `check` holds (the bot's follow-up work runs after the answer). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw last ?? new Error('condition not met in time');
}

/** Waits until the bot has made no call to Microsoft for `ms` (its follow-up work is done). */
export async function quiet(microsoft: FakeMicrosoft, ms = 300, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  let count = microsoft.calls.length;
  let since = Date.now();
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (microsoft.calls.length !== count) {
      count = microsoft.calls.length;
      since = Date.now();
    } else if (Date.now() - since >= ms) return;
  }
}
