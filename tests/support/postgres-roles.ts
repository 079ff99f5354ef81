import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

/** The role set-up the README and docker-compose.yml use, run here exactly as written. */
export const CREATE_ROLES_SQL = fileURLToPath(
  new URL('../../deploy/postgres/create-roles.sql', import.meta.url),
);
/** The move from one role to two, for a database made before MIGRATION_DATABASE_URL. */
export const SPLIT_ROLES_SQL = fileURLToPath(
  new URL('../../deploy/postgres/split-roles.sql', import.meta.url),
);

/** Why psql cannot run here, or null. The role set-up is a psql script (`\getenv`, `\connect`). */
export const psqlProblem: string | null = (() => {
  const result = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  if (result.error) return `psql is not installed (${result.error.message})`;
  const major = Number(/(\d+)\./.exec(result.stdout)?.[1] ?? 0);
  return major >= 15 ? null : `psql ${major} is older than 15 (no \\getenv)`;
})();

/** The two roles and their database, made by deploy/postgres/create-roles.sql. */
export interface TwoRoles {
  ownerRole: string;
  botRole: string;
  database: string;
  ownerUrl: string;
  botUrl: string;
  drop(): Promise<void>;
}

/** A connection string for `role` to `database` on the admin URL's server. */
export function roleUrl(adminUrl: string, role: string, password: string, database: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * deploy/postgres/create-roles.sql with fresh names on a server shared with other test runs.
 * The bot's role name has a space and a double quote in it, so every place that writes it into
 * SQL must quote it properly.
 */
export async function createTwoRoles(adminUrl: string): Promise<TwoRoles> {
  const names = freshNames();
  const database = `stappenplan_test_${names.suffix}`;
  const drop = () => dropAll(adminUrl, database, [names.ownerRole, names.botRole]);
  return runRoleScript(
    CREATE_ROLES_SQL,
    adminUrl,
    { ...names, database },
    ['-v', `database=${database}`],
    drop,
  );
}

/**
 * deploy/postgres/split-roles.sql on a database that one role owns, as an installation from
 * before MIGRATION_DATABASE_URL would run it; `drop` also removes the one role.
 */
export async function splitIntoTwoRoles(
  adminUrl: string,
  one: { role: string; database: string },
): Promise<TwoRoles> {
  const names = freshNames();
  const drop = () => dropAll(adminUrl, one.database, [names.ownerRole, names.botRole, one.role]);
  const onDatabase = new URL(adminUrl);
  onDatabase.pathname = `/${one.database}`;
  return runRoleScript(
    SPLIT_ROLES_SQL,
    onDatabase.toString(),
    { ...names, database: one.database },
    [],
    drop,
  );
}

function freshNames() {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    suffix,
    ownerRole: `stappenplan_test_owner_${suffix}`,
    botRole: `stappenplan_test bot "${suffix}"`,
  };
}

async function runRoleScript(
  script: string,
  url: string,
  names: { ownerRole: string; botRole: string; database: string },
  extraArgs: string[],
  drop: () => Promise<void>,
): Promise<TwoRoles> {
  const passwords = { owner: randomBytes(12).toString('hex'), bot: randomBytes(12).toString('hex') };
  try {
    await promisify(execFile)(
      'psql',
      [
        url,
        '--no-psqlrc',
        '--quiet',
        ...['-v', `owner_role=${names.ownerRole}`, '-v', `bot_role=${names.botRole}`, ...extraArgs],
        '-f',
        script,
      ],
      {
        env: {
          ...process.env,
          STAPPENPLAN_OWNER_PASSWORD: passwords.owner,
          STAPPENPLAN_BOT_PASSWORD: passwords.bot,
        },
      },
    );
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    ownerRole: names.ownerRole,
    botRole: names.botRole,
    database: names.database,
    ownerUrl: roleUrl(url, names.ownerRole, passwords.owner, names.database),
    botUrl: roleUrl(url, names.botRole, passwords.bot, names.database),
    drop,
  };
}

/** One role that owns its database: the set-up from before MIGRATION_DATABASE_URL. */
export async function createOneRole(
  adminUrl: string,
): Promise<{ role: string; database: string; url: string; drop(): Promise<void> }> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const role = `stappenplan_test_single_${suffix}`;
  const database = `stappenplan_test_${suffix}`;
  await adminQuery(adminUrl, [`create role ${role} login`, `create database ${database} owner ${role}`]);
  return {
    role,
    database,
    url: roleUrl(adminUrl, role, 'unused-with-trust-auth', database),
    drop: () => dropAll(adminUrl, database, [role]),
  };
}

export async function adminQuery(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function dropAll(adminUrl: string, database: string, roles: string[]): Promise<void> {
  const id = (name: string) => pg.escapeIdentifier(name);
  await adminQuery(adminUrl, [
    `drop database if exists ${id(database)} with (force)`,
    ...roles.map((role) => `drop role if exists ${id(role)}`),
  ]);
}
