import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BOT_TABLE_PRIVILEGES } from '../../src/db/bot-role.rules.js';
import { ANNA } from '../support/core-fixture.js';
import { createOneRole, psqlProblem, splitIntoTwoRoles, type TwoRoles } from '../support/postgres-roles.js';
import { doRealWork, startWorkingApp, type WorkDone, type WorkingApp } from '../support/working-app.js';

const adminUrl = inject('postgresUrl');

describe.skipIf(adminUrl === null)('one database role, DATABASE_URL only [postgres]', () => {
  let database: Awaited<ReturnType<typeof createOneRole>>;
  let running: WorkingApp;
  let client: pg.Client;
  let work: WorkDone;
  let split: TwoRoles | undefined;

  beforeAll(async () => {
    database = await createOneRole(adminUrl ?? '');
    running = await startWorkingApp({ DATABASE_URL: database.url });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await running?.app.close();
    await database?.drop();
    await split?.drop();
  });

  it('migrates and grants nothing: the one role owns the tables, as before', async () => {
    const ready = running.logs.find((line) => line.msg === 'database ready');
    expect(ready).toMatchObject({ database: 'postgres' });
    expect(ready).not.toHaveProperty('grants');
    const { rows } = await client.query(
      "select distinct tableowner from pg_tables where schemaname = 'public' order by 1",
    );
    expect(rows).toEqual([{ tableowner: database.role }]);
  });

  it('works fully: opening, claiming, notes, forms, reminders, closing, the retention purge', async () => {
    work = await doRealWork(running);
    const audit = await running.app.context.store.audit.list(work.purgedId);
    expect(audit).toHaveLength(work.auditBeforePurge + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'incident.purged' });
  });

  it('still refuses changes to audit_event through its triggers', async () => {
    await expect(client.query("update audit_event set actor_id = 'x'")).rejects.toThrow(
      'audit_event is append-only: UPDATE refused',
    );
    await expect(client.query('delete from audit_event')).rejects.toThrow(
      'audit_event is append-only: DELETE refused',
    );
  });

  it('but the owner can switch the triggers off: why the README asks for two roles', async () => {
    await client.query('begin');
    try {
      await client.query('alter table audit_event disable trigger user');
      const { rowCount } = await client.query('delete from audit_event');
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await client.query('rollback');
    }
    expect((await client.query('select count(*)::int as n from audit_event')).rows[0].n).toBeGreaterThan(0);
  });

  it.skipIf(psqlProblem !== null)(
    'moves to two roles with deploy/postgres/split-roles.sql: nothing lost, the audit trail out of the bot role’s reach',
    async () => {
      const snapshot = async (on: pg.Client) => ({
        audit: (await on.query('select * from audit_event order by id')).rows,
        incidents: (await on.query('select * from incident order by id')).rows,
        steps: (await on.query('select * from step order by incident_id, key')).rows,
      });
      const before = await snapshot(client);
      await running.app.close();
      split = await splitIntoTwoRoles(adminUrl ?? '', database);
      running = await startWorkingApp({ DATABASE_URL: split.botUrl, MIGRATION_DATABASE_URL: split.ownerUrl });
      expect(running.logs.find((line) => line.msg === 'database ready')?.grants).toMatchObject({
        tables: Object.keys(BOT_TABLE_PRIVILEGES).length,
      });

      const bot = new pg.Client({ connectionString: split.botUrl });
      await bot.connect();
      try {
        expect(await snapshot(bot)).toEqual(before);
        await expect(bot.query('alter table audit_event disable trigger user')).rejects.toThrow(
          'must be owner of table audit_event',
        );
        await expect(bot.query('delete from audit_event')).rejects.toThrow(
          'permission denied for table audit_event',
        );
        const claimed = await running.app.context.interactions.handle({
          workspace: work.workspace,
          actor: ANNA,
          payload: { incidentId: work.openId, kind: 'claim', stepKey: 'attention-victim' },
          spaceId: null,
        });
        await claimed.followUp;
        expect(claimed).toMatchObject({ ok: true, changed: true });
        expect((await snapshot(bot)).audit).toHaveLength(before.audit.length + 1);
      } finally {
        await bot.end();
      }
    },
  );
});
