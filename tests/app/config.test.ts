import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { configProblem } from '../support/config-problem.js';

const problem = (env: Record<string, string>) => configProblem(() => loadConfig(env));

describe('configuration from the environment', () => {
  it('has working defaults: embedded database in ./data, port 3978, Dutch, Amsterdam time', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      databaseUrl: null,
      migrationDatabaseUrl: null,
      dataDir: './data',
      dbPoolMax: 10,
      logLevel: 'info',
      defaultLocale: 'nl',
      timezone: 'Europe/Amsterdam',
      playbookFile: null,
      coordinators: [],
    });
  });

  it('reads the care coordinators as a list of user ids, and refuses anything else', () => {
    expect(loadConfig({ COORDINATORS: ' U0ZORG, aad-1234 ,U0ZORG' }).coordinators).toEqual([
      'U0ZORG',
      'aad-1234',
    ]);
    expect(problem({ COORDINATORS: 'U0ZORG, <script>' })).toBe(
      'Configuration error: COORDINATORS must be user ids separated by commas (got "<script>").',
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://bot:secret@db:5432/stappenplan',
      DATA_DIR: '/var/lib/stappenplan',
      DB_POOL_MAX: '20',
      LOG_LEVEL: 'debug',
      DEFAULT_LOCALE: 'en',
      TIMEZONE: 'Europe/Brussels',
      PLAYBOOK_FILE: '/etc/stappenplan/playbook.yaml',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://bot:secret@db:5432/stappenplan',
      dbPoolMax: 20,
      logLevel: 'debug',
      defaultLocale: 'en',
      timezone: 'Europe/Brussels',
      playbookFile: '/etc/stappenplan/playbook.yaml',
    });
  });

  it('runs the migrations as the bot role unless MIGRATION_DATABASE_URL names another', () => {
    const bot = 'postgres://stappenplan_bot:secret@db:5432/stappenplan';
    const owner = 'postgres://stappenplan_owner:other@db:5432/stappenplan';
    expect(loadConfig({ DATABASE_URL: bot })).toMatchObject({ databaseUrl: bot, migrationDatabaseUrl: bot });
    expect(loadConfig({ DATABASE_URL: bot, MIGRATION_DATABASE_URL: ` ${owner} ` })).toMatchObject({
      databaseUrl: bot,
      migrationDatabaseUrl: owner,
    });
    expect(loadConfig({ DATABASE_URL: '', MIGRATION_DATABASE_URL: '' })).toMatchObject({
      databaseUrl: null,
      migrationDatabaseUrl: null,
    });
  });

  it('treats empty values as not set', () => {
    expect(loadConfig({ PORT: '  ', DATABASE_URL: '' })).toMatchObject({ port: 3978, databaseUrl: null });
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "abc").'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "70000").'],
    [{ PORT: '80.5' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "80.5").'],
    [
      { DB_POOL_MAX: '0' },
      'Configuration error: DB_POOL_MAX must be a whole number from 1 to 100 (got "0").',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").',
    ],
    [{ DEFAULT_LOCALE: 'de' }, 'Configuration error: DEFAULT_LOCALE must be one of nl, en (got "de").'],
    [
      { TIMEZONE: 'Mars/Base' },
      'Configuration error: TIMEZONE is not a known time zone (got "Mars/Base"; for example Europe/Amsterdam).',
    ],
    [
      { DATABASE_URL: 'not a url' },
      'Configuration error: DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).',
    ],
    [
      { DATABASE_URL: 'mysql://db/x' },
      'Configuration error: DATABASE_URL must start with postgres:// (got "mysql://").',
    ],
    [
      { MIGRATION_DATABASE_URL: 'postgres://owner:secret@db:5432/stappenplan' },
      'Configuration error: MIGRATION_DATABASE_URL only works together with DATABASE_URL (the embedded database has no roles); set DATABASE_URL or leave it empty.',
    ],
    [
      { DATABASE_URL: 'postgres://bot:secret@db/x', MIGRATION_DATABASE_URL: 'owner@db/x' },
      'Configuration error: MIGRATION_DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).',
    ],
    [
      { DATABASE_URL: 'postgres://bot:secret@db/x', MIGRATION_DATABASE_URL: 'http://db/x' },
      'Configuration error: MIGRATION_DATABASE_URL must start with postgres:// (got "http://").',
    ],
    [
      { PLAYBOOK_FILE: 'plan.txt' },
      'Configuration error: PLAYBOOK_FILE must be a .yaml, .yml or .json file (got "plan.txt").',
    ],
  ])('refuses %o with one line naming the variable', (env, message) => {
    const text = problem(env);
    expect(text).toBe(message);
    expect(text).not.toContain('\n');
  });
});
