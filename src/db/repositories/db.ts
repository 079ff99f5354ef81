import type { Kysely, Selectable, SelectQueryBuilder, SelectType } from 'kysely';
import type { RowLock } from '../../core/ports/store.js';
import type { Database } from '../database.js';

/** A database handle or an open transaction; repositories work on either. */
export type Db = Kysely<Database>;

export function withLock<QB extends SelectQueryBuilder<Database, keyof Database, object>>(
  query: QB,
  lock: RowLock | undefined,
): QB {
  if (lock === 'update') return query.forUpdate() as QB;
  if (lock === 'share') return query.forShare() as QB;
  return query;
}

/** jsonb values are sent as JSON text: the pg driver would turn a JS array into a Postgres array. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Runs `fn` in the caller's transaction, or in a new one when `db` is not one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Column values a row must have, by column name. */
export type RowMatch<T extends keyof Database> = {
  [C in keyof Database[T]]?: SelectType<Database[T][C]>;
};

/**
 * Every column of the rows of `table` whose columns equal `match`: the one shape most reads
 * share, so a repository only says which table, which row and in what order.
 */
export function rowsWhere<T extends keyof Database>(
  db: Db,
  table: T,
  match: RowMatch<T>,
): SelectQueryBuilder<Database, T, Selectable<Database[T]>> {
  const query = db
    .selectFrom(table as keyof Database)
    .selectAll()
    .where((eb) => eb.and(match as never));
  return query as unknown as SelectQueryBuilder<Database, T, Selectable<Database[T]>>;
}
