import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateDownAll, migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDatabase } from '../support/databases.js';

const TABLES = [
  'audit_actor',
  'audit_event',
  'card_message',
  'form_answer',
  'incident',
  'incident_counter',
  'incident_member',
  'incident_opening',
  'note',
  'playbook',
  'processed_request',
  'reminder',
  'step',
  'teams_conversation',
  'teams_team',
  'workspace',
];

async function tables(handle: DatabaseHandle): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(handle.db);
  return result.rows.map((row) => row.table_name);
}

describeEachDatabase('migrations', (target) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await target.open({ migrate: false });
  });
  afterAll(async () => handle?.close());

  describe('up, down and up again', () => {
    it('creates every table on the way up', async () => {
      const applied = await migrateToLatest(handle.db);
      expect(applied).toEqual(Object.keys(migrations).map((name) => `${name} up`));
      expect(await tables(handle)).toEqual(TABLES);
    });

    it('is a no-op when already at the newest version', async () => {
      expect(await migrateToLatest(handle.db)).toEqual([]);
    });

    it('removes every table and function on the way down', async () => {
      const undone = await migrateDownAll(handle.db);
      expect(undone).toEqual(
        Object.keys(migrations)
          .reverse()
          .map((name) => `${name} down`),
      );
      expect(await tables(handle)).toEqual([]);
      const functions = await sql<{ proname: string }>`
        select proname from pg_proc where proname = 'audit_event_append_only'`.execute(handle.db);
      expect(functions.rows).toEqual([]);
    });

    it('goes up again cleanly after going down', async () => {
      await migrateToLatest(handle.db);
      expect(await tables(handle)).toEqual(TABLES);
    });
  });
});
