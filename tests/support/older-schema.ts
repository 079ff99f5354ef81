import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { DatabaseHandle } from '../../src/db/connect.js';

/**
 * The database as migration `last` left it, with one workspace and one stored playbook version,
 * for a test of the migration after it. Typed loosely: today's types do not describe that schema.
 */
export async function schemaAt(
  handle: DatabaseHandle,
  last: string,
  seed: { workspaceId: string; externalId: string; playbookVersion: number },
): Promise<
  // biome-ignore lint/suspicious/noExplicitAny: an older schema than the one the types describe
  Kysely<any>
> {
  // biome-ignore lint/suspicious/noExplicitAny: an older schema than the one the types describe
  const db = handle.db as unknown as Kysely<any>;
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(
    last,
  );
  if (error) throw error;
  await db
    .insertInto('workspace')
    .values({ id: seed.workspaceId, platform: 'slack', external_id: seed.externalId })
    .execute();
  await db
    .insertInto('playbook')
    .values({ key: 'stappenplan-sexting', version: seed.playbookVersion, content_hash: 'x', content: '{}' })
    .execute();
  return db;
}
