import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { type App, startApp } from '../../../../src/app.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { Clock } from '../../../../src/core/ports/clock.js';
import { createDossierModule } from '../../../../src/features/dossier/dossier.module.js';
import { createLogger } from '../../../../src/logging/logger.js';
import type { TeamsConfig } from '../../../../src/platforms/teams/teams.config.js';
import { TeamsModule } from '../../../../src/platforms/teams/teams.module.js';
import { FakeMicrosoft, type Person, TEAM_ID, TENANT } from './fake-microsoft.js';

export const ANNA: Person = { aad: 'aad-anna', name: 'Anna' };
export const BAS: Person = { aad: 'aad-bas', name: 'Bas' };
export const CARLA: Person = { aad: 'aad-carla', name: 'Carla' };
export const DIRK: Person = { aad: 'aad-dirk', name: 'Dirk' };
export const GENERAL = TEAM_ID;

export interface Harness {
  app: App;
  microsoft: FakeMicrosoft;
  /** What new incidents get: a group chat or a private channel (TEAMS_SPACE). */
  space: 'chat' | 'channel';
  teams: TeamsModule;
  logs: string[];
  post(activity: Record<string, unknown>, authorization?: string): Promise<Answer>;
  /** `person` clicks an Action.Execute button (see `click`); the invoke's answer. */
  click(person: Person, verb: string, data: Record<string, unknown>, where?: Where): Promise<Answer>;
  /** `person` writes to the bot (see `message`): `@Stappenplan <text>` in a channel. */
  say(person: Person, text: string, where?: Where, extra?: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

/** What the bot answered on /api/messages. */
export interface Answer {
  status: number;
  body: unknown;
}

/** The bot on the embedded database with the Teams module pointed at a fake Microsoft. */
export async function startHarness(
  options: {
    dataDir?: string;
    microsoft?: FakeMicrosoft;
    appId?: string;
    clock?: Clock;
    people?: Person[];
    /** TEAMS_SPACE; these tests were written for private channels, the product's default is chat. */
    space?: 'chat' | 'channel';
    databaseUrl?: string;
  } = {},
): Promise<Harness> {
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
    click: (person, verb, data, where) => post(click(microsoft, person, verb, data, where)),
    say: (person, text, where, extra) => post(message(microsoft, person, text, where, extra)),
    async close() {
      await app.close();
    },
  };
}

export interface Where {
  /** Channel id; omitted for a personal chat. */
  channel?: string;
  /** A group chat's id (an incident's chat). */
  chat?: string;
  replyToId?: string;
  locale?: string;
  id?: string;
}

function envelope(microsoft: FakeMicrosoft, person: Person, where: Where) {
  const id = where.id ?? randomUUID();
  const base = {
    id,
    channelId: 'msteams',
    serviceUrl: microsoft.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: where.locale ?? 'nl-NL',
    from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
    recipient: { id: '28:bot', name: 'Stappenplan' },
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
  };
  if (where.chat) {
    return {
      ...base,
      conversation: { id: where.chat, conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }
  if (!where.channel) {
    return {
      ...base,
      conversation: { id: `a:personal-${person.aad}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }
  return {
    ...base,
    conversation: {
      id: `${where.channel};messageid=${where.replyToId ?? id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { team: { id: TEAM_ID }, channel: { id: where.channel }, tenant: { id: TENANT } },
  };
}

/** `@Stappenplan <text>` in a channel, or `<text>` in a personal chat. */
export function message(
  microsoft: FakeMicrosoft,
  person: Person,
  text: string,
  where: Where = {},
  extra = {},
) {
  const mention = {
    type: 'mention',
    mentioned: { id: '28:bot', name: 'Stappenplan' },
    text: '<at>Stappenplan</at>',
  };
  return {
    ...envelope(microsoft, person, where),
    type: 'message',
    text: where.channel || where.chat ? `<at>Stappenplan</at> ${text}` : text,
    entities: where.channel || where.chat ? [mention] : [],
    ...extra,
  };
}

/** An Action.Execute click, as Teams sends it. */
export function click(
  microsoft: FakeMicrosoft,
  person: Person,
  verb: string,
  data: Record<string, unknown>,
  where: Where = {},
) {
  return {
    ...envelope(microsoft, person, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
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

type Node = Record<string, unknown>;

/** Every object in a card for which `match` holds. */
export function findAll(value: unknown, match: (node: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(value)) for (const item of value) findAll(item, match, out);
  else if (value && typeof value === 'object') {
    if (match(value as Node)) out.push(value as Node);
    for (const child of Object.values(value)) findAll(child, match, out);
  }
  return out;
}

/** All literal text of a card, joined. */
export function cardText(card: unknown): string {
  return findAll(card, (node) => node.type === 'TextRun')
    .map((node) => String(node.text))
    .join('\n');
}

/** The card an invoke answered with. */
export function answeredCard(response: { body: unknown }): Node {
  const body = response.body as { type?: string; value?: Node };
  if (body?.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`not a card: ${JSON.stringify(body)}`);
  return body.value ?? {};
}

/** The data of the first Action.Execute with this title (and verb). */
export function actionData(card: unknown, title: string, verb?: string): Record<string, unknown> {
  const action = findAll(
    card,
    (n) => n.type === 'Action.Execute' && n.title === title && (!verb || n.verb === verb),
  )[0];
  if (!action) throw new Error(`no action "${title}"`);
  return action.data as Record<string, unknown>;
}

/** A message text as Teams shows it: escapes and entities undone. */
export function shown(text: string | undefined): string {
  return (text ?? '')
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
