import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BOT_TABLE_PRIVILEGES } from '../../src/db/bot-role.rules.js';
import { createTwoRoles, psqlProblem, roleUrl, type TwoRoles } from '../support/postgres-roles.js';
import { doRealWork, startWorkingApp, type WorkDone, type WorkingApp } from '../support/working-app.js';

const adminUrl = inject('postgresUrl');
if (adminUrl !== null && psqlProblem !== null) {
  if (process.env.CI === 'true') throw new Error(`CI=true but the role set-up cannot run: ${psqlProblem}`);
  console.warn(`\n[tests] the two-role database tests are SKIPPED: ${psqlProblem}\n`);
}

const ALL_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

/** Every table privilege the role has, and every one it could pass on. */
async function privileges(client: pg.Client, role: string, table: string) {
  const held: string[] = [];
  const grantable: string[] = [];
  for (const privilege of ALL_PRIVILEGES) {
    const { rows } = await client.query(
      'select has_table_privilege($1, $2, $3) as held, has_table_privilege($1, $2, $4) as grantable',
      [role, `public.${table}`, privilege, `${privilege} WITH GRANT OPTION`],
    );
    if (rows[0].held) held.push(privilege);
    if (rows[0].grantable) grantable.push(privilege);
  }
  return { held, grantable };
}

async function auditRows(client: pg.Client) {
  return (await client.query('select * from audit_event order by id')).rows;
}

describe.skipIf(adminUrl === null || psqlProblem !== null)('two database roles [postgres]', () => {
  let roles: TwoRoles;
  let running: WorkingApp;
  let work: WorkDone;
  let owner: pg.Client;
  let bot: pg.Client;
  let auditAfterWork: Array<Record<string, unknown>>;

  beforeAll(async () => {
    roles = await createTwoRoles(adminUrl ?? '');
    running = await startWorkingApp({ DATABASE_URL: roles.botUrl, MIGRATION_DATABASE_URL: roles.ownerUrl });
    owner = new pg.Client({ connectionString: roles.ownerUrl });
    bot = new pg.Client({ connectionString: roles.botUrl });
    await Promise.all([owner.connect(), bot.connect()]);
  });
  afterAll(async () => {
    await Promise.all([owner?.end(), bot?.end()]);
    await running?.app.close();
    await roles?.drop();
  });

  it('migrates as the owner role, which owns every table; the bot logs in as its own role', async () => {
    const { rows } = await owner.query(
      "select distinct tableowner from pg_tables where schemaname = 'public' order by 1",
    );
    expect(rows).toEqual([{ tableowner: roles.ownerRole }]);
    expect((await bot.query('select current_user as role')).rows[0].role).toBe(roles.botRole);
    const ready = running.logs.find((line) => line.msg === 'database ready');
    expect(ready?.grants).toEqual({
      role: roles.botRole,
      tables: Object.keys(BOT_TABLE_PRIVILEGES).length,
      sequences: 0,
    });
  });

  it('works fully as the bot role: opening, claiming, notes, forms, reminders, closing, the retention purge', async () => {
    work = await doRealWork(running);
    const audit = await running.app.context.store.audit.list(work.purgedId);
    expect(audit.length).toBe(work.auditBeforePurge + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'incident.purged', actorId: 'system' });
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['incident.opened', 'step.claimed', 'member.removed', 'incident.closed']),
    );
    auditAfterWork = await auditRows(owner);
  });

  it('leaves the purged incident an audit trail that names nobody, and the open one its people', async () => {
    const { rows } = await owner.query('select actor_id, details from audit_event where incident_id = $1', [
      work.purgedId,
    ]);
    expect(rows.length).toBe(work.auditBeforePurge + 1);
    for (const id of ['U-ANNA', 'U-BOB', 'U-CARLA']) expect(JSON.stringify(rows)).not.toContain(id);
    const mapped = 'select user_id from audit_actor where incident_id = $1';
    expect((await owner.query(mapped, [work.purgedId])).rows).toEqual([]);
    expect((await owner.query(mapped, [work.openId])).rows).toEqual([{ user_id: 'U-ANNA' }]);
  });

  it('lets the bot role add, read and remove audit pseudonyms, never change one', async () => {
    const { rows } = await bot.query(
      "insert into audit_actor (incident_id, user_id) values ($1, 'U-DORA') returning pseudonym",
      [work.openId],
    );
    const pseudonym = rows[0].pseudonym;
    expect(pseudonym).toMatch(/^p-[0-9a-f]{12}$/);
    await expect(
      bot.query("update audit_actor set user_id = 'U-ELSE' where pseudonym = $1", [pseudonym]),
    ).rejects.toThrow('permission denied for table audit_actor');
    expect(
      (await bot.query('select user_id from audit_actor where pseudonym = $1', [pseudonym])).rows,
    ).toEqual([{ user_id: 'U-DORA' }]);
    expect((await bot.query('delete from audit_actor where pseudonym = $1', [pseudonym])).rowCount).toBe(1);
    await expect(bot.query('truncate audit_actor')).rejects.toThrow(
      'permission denied for table audit_actor',
    );
  });

  it('gives the bot role exactly its privileges per table, none it could pass on, none on the migration tables', async () => {
    expect(BOT_TABLE_PRIVILEGES.audit_event).toEqual(['SELECT', 'INSERT']);
    for (const [table, allowed] of Object.entries(BOT_TABLE_PRIVILEGES)) {
      expect({ table, ...(await privileges(owner, roles.botRole, table)) }).toEqual({
        table,
        held: ALL_PRIVILEGES.filter((privilege) => allowed.includes(privilege as never)),
        grantable: [],
      });
    }
    for (const table of ['kysely_migration', 'kysely_migration_lock']) {
      expect(await privileges(owner, roles.botRole, table)).toEqual({ held: [], grantable: [] });
    }
  });

  it('refuses the bot role UPDATE, DELETE and TRUNCATE on audit_event, before the triggers are reached', async () => {
    await expect(bot.query("update audit_event set actor_id = 'someone-else'")).rejects.toThrow(
      'permission denied for table audit_event',
    );
    await expect(bot.query('delete from audit_event')).rejects.toThrow(
      'permission denied for table audit_event',
    );
    await expect(bot.query('truncate audit_event')).rejects.toThrow(
      'permission denied for table audit_event',
    );
  });

  it('refuses the bot role switching the triggers off, dropping the table or taking it over', async () => {
    const refused = async (statement: string, message: string) =>
      expect(bot.query(statement), statement).rejects.toThrow(message);
    await refused('alter table audit_event disable trigger user', 'must be owner of table audit_event');
    await refused('alter table audit_event disable trigger all', 'must be owner of table audit_event');
    await refused(
      'alter table audit_event disable trigger audit_event_no_update_delete',
      'must be owner of table audit_event',
    );
    await refused('drop table audit_event', 'must be owner of table audit_event');
    await refused(`alter table audit_event owner to ${pg.escapeIdentifier(roles.botRole)}`, 'must be owner');
    await refused(`set role ${pg.escapeIdentifier(roles.ownerRole)}`, 'permission denied to set role');
    // Nor a look-alike table of its own, nor a temporary one that would shadow the real one.
    await refused('create table public.audit_event_copy (id int)', 'permission denied for schema public');
    await refused(
      'create temporary table audit_event (id int)',
      'permission denied to create temporary tables',
    );
    const { rows } = await owner.query(
      "select tgname, tgenabled from pg_trigger where tgrelid = 'audit_event'::regclass and not tgisinternal order by 1",
    );
    expect(rows).toEqual([
      { tgname: 'audit_event_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_event_no_update_delete', tgenabled: 'O' },
    ]);
  });

  it('lets the bot role grant itself nothing more', async () => {
    const self = pg.escapeIdentifier(roles.botRole);
    // PostgreSQL answers a GRANT without grant option with a warning, not an error: check the effect.
    await bot.query(`grant all on audit_event to ${self}`).catch(() => undefined);
    await bot.query(`grant update, delete on audit_event to public`).catch(() => undefined);
    expect(await privileges(owner, roles.botRole, 'audit_event')).toEqual({
      held: ['SELECT', 'INSERT'],
      grantable: [],
    });
    await expect(bot.query('delete from audit_event')).rejects.toThrow(
      'permission denied for table audit_event',
    );
  });

  it('lets the bot role append and read audit entries, and every earlier entry is still there unchanged', async () => {
    const { rows } = await bot.query(
      `insert into audit_event (workspace_id, incident_id, actor_id, action, details, at)
       values ($1, $2, 'U-BOB', 'incident.viewed', '{}', now()) returning id`,
      [work.workspace.id, work.openId],
    );
    const now = await auditRows(bot);
    expect(now.slice(0, -1)).toEqual(auditAfterWork);
    expect(now.at(-1)).toMatchObject({ id: rows[0].id, action: 'incident.viewed' });
  });

  it('grants again at every start: extra rights are taken back and a table without its grant gets it', async () => {
    const self = pg.escapeIdentifier(roles.botRole);
    await owner.query(`grant update, delete, truncate on audit_event to ${self}`);
    await owner.query(`revoke all on step from ${self}`);
    await running.app.close();
    running = await startWorkingApp({ DATABASE_URL: roles.botUrl, MIGRATION_DATABASE_URL: roles.ownerUrl });
    expect((await privileges(owner, roles.botRole, 'audit_event')).held).toEqual(['SELECT', 'INSERT']);
    expect((await privileges(owner, roles.botRole, 'step')).held).toEqual(['SELECT', 'INSERT', 'UPDATE']);
    await expect(bot.query('delete from audit_event')).rejects.toThrow(
      'permission denied for table audit_event',
    );
  });

  it('refuses to start when a table has no line in the list of the bot role’s privileges', async () => {
    await owner.query('create table stray_table (id int)');
    try {
      await expect(
        startWorkingApp({ DATABASE_URL: roles.botUrl, MIGRATION_DATABASE_URL: roles.ownerUrl }),
      ).rejects.toThrow('Table stray_table has no line in BOT_TABLE_PRIVILEGES');
    } finally {
      await owner.query('drop table stray_table');
    }
  });

  it('never logs a password', () => {
    const passwords = [new URL(roles.ownerUrl).password, new URL(roles.botUrl).password];
    const text = JSON.stringify(running.logs);
    for (const password of passwords) expect(text).not.toContain(password);
  });

  it('names MIGRATION_DATABASE_URL, without its password, when that server cannot be reached', async () => {
    const unreachable = new URL(roles.ownerUrl);
    unreachable.port = '1';
    const error = await startWorkingApp({
      DATABASE_URL: roles.botUrl,
      MIGRATION_DATABASE_URL: unreachable.toString(),
    }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^MIGRATION_DATABASE_URL \(postgres:\/\/.*:\*\*\*@127\.0\.0\.1:1\//,
    );
    expect((error as Error).message).not.toContain(unreachable.password);
  });

  it('refuses to start when the bot role can act as the owner (here: a superuser)', async () => {
    const superuser = new URL(adminUrl ?? '');
    const asSuperuser = roleUrl(adminUrl ?? '', superuser.username, superuser.password, roles.database);
    await expect(
      startWorkingApp({ DATABASE_URL: asSuperuser, MIGRATION_DATABASE_URL: roles.ownerUrl }),
    ).rejects.toThrow(/can act as the owner of .*so the audit trail would not be append-only/);
  });
});
