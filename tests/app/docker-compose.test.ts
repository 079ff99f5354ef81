import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const composeText = readFileSync(root('docker-compose.yml'), 'utf8');
const sqlText = readFileSync(root('deploy/postgres/create-roles.sql'), 'utf8');

interface Service {
  environment: Record<string, string | number>;
  volumes: string[];
  env_file?: unknown;
}
const compose = parse(composeText) as { services: Record<string, Service> };
const db = compose.services.db as Service;
const bot = compose.services.bot as Service;

/** Compose's `${NAME:?message}` and `${NAME}`, enough to read what the containers would get. */
function interpolate(value: string | number, env: Record<string, string>): string {
  return String(value).replace(/\$\{(\w+)(?::\?([^}]*))?\}/g, (_match, name: string, message?: string) => {
    const found = env[name];
    if (found) return found;
    throw new Error(message ?? `${name} is not set`);
  });
}

/** The role names and password variables create-roles.sql uses when given none. */
const sqlDefaults = {
  owner: /\\set owner_role (\S+)/.exec(sqlText)?.[1],
  bot: /\\set bot_role (\S+)/.exec(sqlText)?.[1],
  database: /\\set database (\S+)/.exec(sqlText)?.[1],
  passwordVariables: [...sqlText.matchAll(/\\getenv \w+ (\w+)/g)].map((match) => match[1]),
};

const env = { POSTGRES_PASSWORD: 'a1', STAPPENPLAN_OWNER_PASSWORD: 'o2', STAPPENPLAN_BOT_PASSWORD: 'b3' };

describe('docker-compose.yml', () => {
  it('mounts the role set-up into the postgres image’s initialisation folder, read-only', () => {
    const mount = db.volumes.find((volume) => volume.includes('/docker-entrypoint-initdb.d/'));
    expect(mount).toMatch(
      /^\.\/deploy\/postgres\/create-roles\.sql:\/docker-entrypoint-initdb\.d\/[\w-]+\.sql:ro$/,
    );
    expect(existsSync(root('deploy/postgres/create-roles.sql'))).toBe(true);
  });

  it('takes every password from .env, with no default that could end up in use', () => {
    expect(composeText).not.toMatch(/\$\{\w+:?-/);
    expect(composeText).not.toMatch(/change-me/);
    const required = (name: string) => `\${${name}:?set ${name} in .env}`;
    expect(db.environment).toEqual({
      POSTGRES_PASSWORD: required('POSTGRES_PASSWORD'),
      STAPPENPLAN_OWNER_PASSWORD: required('STAPPENPLAN_OWNER_PASSWORD'),
      STAPPENPLAN_BOT_PASSWORD: required('STAPPENPLAN_BOT_PASSWORD'),
    });
    expect(() => interpolate(bot.environment.DATABASE_URL ?? '', {})).toThrow(
      'set STAPPENPLAN_BOT_PASSWORD in .env',
    );
  });

  it('gives the postgres container the variables create-roles.sql reads', () => {
    expect(sqlDefaults.passwordVariables).toEqual(['STAPPENPLAN_OWNER_PASSWORD', 'STAPPENPLAN_BOT_PASSWORD']);
    for (const name of sqlDefaults.passwordVariables) expect(db.environment).toHaveProperty(name as string);
  });

  it('gives the bot both URLs: the bot role for itself, the owner role for the migrations, one database', () => {
    const botEnv = Object.fromEntries(
      Object.entries(bot.environment).map(([name, value]) => [name, interpolate(value, env)]),
    );
    const config = loadConfig(botEnv);
    const [botUrl, ownerUrl] = [config.databaseUrl, config.migrationDatabaseUrl].map(
      (url) => new URL(url ?? ''),
    );
    expect(botUrl).toMatchObject({ username: sqlDefaults.bot, password: 'b3', host: 'db:5432' });
    expect(ownerUrl).toMatchObject({ username: sqlDefaults.owner, password: 'o2', host: 'db:5432' });
    expect([botUrl?.pathname, ownerUrl?.pathname]).toEqual([
      `/${sqlDefaults.database}`,
      `/${sqlDefaults.database}`,
    ]);
  });

  it('does not pass the database passwords themselves on to the bot from .env', () => {
    expect(bot.env_file).toBeDefined();
    expect(bot.environment).toMatchObject({
      POSTGRES_PASSWORD: '',
      STAPPENPLAN_OWNER_PASSWORD: '',
      STAPPENPLAN_BOT_PASSWORD: '',
    });
  });

  it('checks health as the superuser on the bot’s database', () => {
    expect(parse(composeText).services.db.healthcheck.test).toEqual([
      'CMD-SHELL',
      `pg_isready -U postgres -d ${sqlDefaults.database}`,
    ]);
  });
});
