import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOneRole } from '../support/postgres-roles.js';
import { doRealWork, startWorkingApp, type WorkingApp } from '../support/working-app.js';

const adminUrl = inject('postgresUrl');

describe.skipIf(adminUrl === null)('one database role, DATABASE_URL only [postgres]', () => {
  let database: Awaited<ReturnType<typeof createOneRole>>;
  let running: WorkingApp;
  let client: pg.Client;

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
    const work = await doRealWork(running);
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
});
