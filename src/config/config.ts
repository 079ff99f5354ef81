import cron from 'node-cron';
import type { Locale } from '../core/playbook/playbook.types.js';
import { isValidTimeZone } from '../core/time/zoned.js';

/** Start-up configuration, read from environment variables (documented in .env.example). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  /**
   * The role that runs the migrations and owns the tables; DATABASE_URL's when not set. Null
   * with the embedded database.
   */
  migrationDatabaseUrl: string | null;
  dataDir: string;
  dbPoolMax: number;
  logLevel: LogLevel;
  defaultLocale: Locale;
  timezone: string;
  playbookFile: string | null;
  /**
   * Platform user ids of the care coordinators, who may see `incident overzicht` for every
   * incident of their school (numbers and progress only). A workspace's own setting adds to it.
   */
  coordinators: string[];
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A missing or malformed variable; the message is one line that names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): Config {
  const database = postgresUrl(env, 'DATABASE_URL');
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    databaseUrl: database,
    migrationDatabaseUrl: migrationDatabaseUrl(env, database),
    dataDir: text(env, 'DATA_DIR') ?? './data',
    dbPoolMax: integer(env, 'DB_POOL_MAX', 10, 1, 100),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['nl', 'en'] as const, 'nl'),
    timezone: timezone(env),
    playbookFile: playbookFile(env),
    coordinators: userIds(env, 'COORDINATORS'),
  };
}

/** The value with surrounding spaces removed; empty counts as not set. */
export function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

export function oneOf<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!options.includes(raw as T)) {
    throw new ConfigError(name, `must be one of ${options.join(', ')} (got "${raw}").`);
  }
  return raw as T;
}

function postgresUrl(env: Env, name: string): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:5432/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// (got "${url.protocol}//").`);
  }
  return raw;
}

/** The embedded database has no roles: a second URL without DATABASE_URL is a mistake. */
function migrationDatabaseUrl(env: Env, databaseUrl: string | null): string | null {
  const raw = postgresUrl(env, 'MIGRATION_DATABASE_URL');
  if (raw !== null && databaseUrl === null) {
    throw new ConfigError(
      'MIGRATION_DATABASE_URL',
      'only works together with DATABASE_URL (the embedded database has no roles); set DATABASE_URL or leave it empty.',
    );
  }
  return raw ?? databaseUrl;
}

function timezone(env: Env): string {
  const raw = text(env, 'TIMEZONE') ?? 'Europe/Amsterdam';
  if (!isValidTimeZone(raw)) {
    throw new ConfigError(
      'TIMEZONE',
      `is not a known time zone (got "${raw}"; for example Europe/Amsterdam).`,
    );
  }
  return raw;
}

function playbookFile(env: Env): string | null {
  const raw = text(env, 'PLAYBOOK_FILE');
  if (raw === null) return null;
  if (!/\.(ya?ml|json)$/i.test(raw)) {
    throw new ConfigError('PLAYBOOK_FILE', `must be a .yaml, .yml or .json file (got "${raw}").`);
  }
  return raw;
}

/** A cron expression (five fields, or six with seconds), checked by node-cron. */
export function cronExpression(env: Env, name: string, fallback: string): string {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!cron.validate(raw)) {
    throw new ConfigError(name, `is not a valid cron expression (got "${raw}"; for example "* * * * *").`);
  }
  return raw;
}

/** A comma-separated list of platform user ids (Slack `U…`, Teams Entra object ids). */
function userIds(env: Env, name: string): string[] {
  const raw = text(env, name);
  if (raw === null) return [];
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.find((id) => !/^[\w.:@-]{1,100}$/.test(id));
  if (bad !== undefined) {
    throw new ConfigError(name, `must be user ids separated by commas (got "${bad.slice(0, 40)}").`);
  }
  return [...new Set(ids)];
}
