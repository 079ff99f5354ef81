import { type Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';
import { migrations } from '../../migrations/index.js';

function migrator<DB>(db: Kysely<DB>): Migrator {
  // biome-ignore lint/suspicious/noExplicitAny: the Migrator works on any schema by design
  return new Migrator({ db: db as Kysely<any>, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema to the newest version; throws with the failing migration's name. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  return applied(await migrator(db).migrateToLatest());
}

/** Undoes every migration (tests and manual rollback). */
export async function migrateDownAll<DB>(db: Kysely<DB>): Promise<string[]> {
  return applied(await migrator(db).migrateTo(NO_MIGRATIONS));
}

export async function migrateDownOne<DB>(db: Kysely<DB>): Promise<string[]> {
  return applied(await migrator(db).migrateDown());
}

function applied(result: MigrationResultSet): string[] {
  const failed = result.results?.find((item) => item.status === 'Error');
  if (result.error || failed) {
    const cause =
      result.error instanceof Error ? result.error.message : String(result.error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: result.error });
  }
  return (result.results ?? []).map((item) => `${item.migrationName} ${item.direction.toLowerCase()}`);
}
