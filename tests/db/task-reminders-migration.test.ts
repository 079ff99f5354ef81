import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateDownOne, migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDatabase } from '../support/databases.js';
import { schemaAt } from '../support/older-schema.js';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const INCIDENT = '00000000-0000-4000-8000-00000000000a';
const AT = new Date('2026-12-05T07:30:00Z');

function reminder(kind: string, key: string) {
  return {
    workspace_id: WORKSPACE,
    incident_id: INCIDENT,
    kind,
    dedupe_key: key,
    target_id: 'U-BAS',
    due_at: AT,
    status: 'pending',
    created_at: AT,
    updated_at: AT,
  };
}

describeEachDatabase('migration 0014: task reminders', (target) => {
  let handle: DatabaseHandle;
  // biome-ignore lint/suspicious/noExplicitAny: the reminder table as each migration leaves it
  type Db = Kysely<any>;
  let db: Db;

  beforeAll(async () => {
    handle = await target.open({ migrate: false });
    db = await schemaAt(handle, '0013_audit_pseudonyms', {
      workspaceId: WORKSPACE,
      externalId: 'T-1',
      playbookVersion: 3,
    });
    await db
      .insertInto('incident')
      .values({
        id: INCIDENT,
        workspace_id: WORKSPACE,
        number: '2026-0001',
        title: 'Foto 2B',
        kind: 'nude_photo',
        facts: '{}',
        status: 'open',
        lead_id: 'U-ANNA',
        opened_by: 'U-ANNA',
        playbook_key: 'stappenplan-sexting',
        playbook_version: 3,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    await db.insertInto('reminder').values(reminder('overdue', 'overdue:a')).execute();
  });
  afterAll(async () => handle?.close());

  it('refuses a task reminder before it', async () => {
    await expect(db.insertInto('reminder').values(reminder('task', 'task:early')).execute()).rejects.toThrow(
      /reminder_kind_check/,
    );
  });

  it('takes task reminders after it, and still refuses a kind it does not know', async () => {
    await migrateToLatest(handle.db);
    await db.insertInto('reminder').values(reminder('task', 'task:r1:2026-12-04:U-BAS')).execute();
    await expect(db.insertInto('reminder').values(reminder('bogus', 'bogus')).execute()).rejects.toThrow(
      /reminder_kind_check/,
    );
    const { rows } = await sql<{ kind: string }>`select kind from reminder order by kind`.execute(db);
    expect(rows.map((row) => row.kind)).toEqual(['overdue', 'task']);
  });

  it('going down forgets the task reminders, keeps the others and refuses the kind again', async () => {
    expect(await migrateDownOne(handle.db)).toEqual(['0014_task_reminders down']);
    const { rows } = await sql<{ kind: string }>`select kind from reminder`.execute(db);
    expect(rows.map((row) => row.kind)).toEqual(['overdue']);
    await expect(db.insertInto('reminder').values(reminder('task', 'task:late')).execute()).rejects.toThrow(
      /reminder_kind_check/,
    );
  });
});
