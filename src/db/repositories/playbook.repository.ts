import type { Playbook } from '../../core/playbook/playbook.types.js';
import type { PlaybookRepository, StoredPlaybook } from '../../core/ports/store.js';
import { type Db, json, rowsWhere } from './db.js';

export function playbookRepository(db: Db): PlaybookRepository {
  const get = async (key: string, version: number): Promise<StoredPlaybook | undefined> => {
    const row = await rowsWhere(db, 'playbook', { key, version }).executeTakeFirst();
    return (
      row && {
        key: row.key,
        version: row.version,
        contentHash: row.content_hash,
        content: row.content as Playbook,
      }
    );
  };
  return {
    get,
    async insert(playbook) {
      await db
        .insertInto('playbook')
        .values({
          key: playbook.key,
          version: playbook.version,
          content_hash: playbook.contentHash,
          content: json(playbook.content),
        })
        .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
        .execute();
      const stored = await get(playbook.key, playbook.version);
      if (!stored) throw new Error(`Playbook ${playbook.key}@${playbook.version} was not stored`);
      return stored;
    },
    async list() {
      const rows = await db.selectFrom('playbook').selectAll().orderBy('key').orderBy('version').execute();
      return rows.map((row) => ({
        key: row.key,
        version: row.version,
        contentHash: row.content_hash,
        content: row.content as Playbook,
      }));
    },
  };
}
