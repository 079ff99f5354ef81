import type { RequestLog } from '../../core/ports/store.js';
import type { Db } from './db.js';

export function requestLogRepository(db: Db): RequestLog {
  return {
    async markProcessed(key, scope, ref = null) {
      const inserted = await db
        .insertInto('processed_request')
        .values({ scope, key, ref })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('ref')
        .executeTakeFirst();
      if (inserted) return { first: true, ref };
      const earlier = await db
        .selectFrom('processed_request')
        .select('ref')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      return { first: false, ref: earlier?.ref ?? null };
    },
    async seen(keys, scope) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('processed_request')
        .select('key')
        .where('scope', '=', scope)
        .where('key', 'in', keys)
        .execute();
      return new Set(rows.map((row) => row.key));
    },
  };
}
