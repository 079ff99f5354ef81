import { describe, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { freshPostgres } from './fresh-postgres.js';

export type TargetName = 'pglite' | 'postgres';

export interface OpenOptions {
  /** Run the migrations first (default true). */
  migrate?: boolean;
  poolMax?: number;
}

export interface DatabaseTarget {
  name: TargetName;
  available: boolean;
  open(options?: OpenOptions): Promise<DatabaseHandle>;
}

/** The embedded PGlite, and the real PostgreSQL server when this run has one. */
export function databaseTargets(): DatabaseTarget[] {
  const adminUrl = inject('postgresUrl');
  return [
    { name: 'pglite', available: true, open: (options) => openPglite(options) },
    {
      name: 'postgres',
      available: adminUrl !== null,
      open: (options) => openFreshPostgres(adminUrl ?? '', options),
    },
  ];
}

/** Runs a suite once per database; `serverOnly` for what PGlite's single connection cannot show. */
export function describeEachDatabase(
  title: string,
  body: (target: DatabaseTarget) => void,
  options: { serverOnly?: boolean } = {},
): void {
  for (const target of databaseTargets()) {
    if (options.serverOnly && target.name !== 'postgres') continue;
    describe.skipIf(!target.available)(`${title} [${target.name}]`, () => body(target));
  }
}

async function openPglite(options: OpenOptions = {}): Promise<DatabaseHandle> {
  // A database that must start without tables (the migration tests) starts empty.
  const handle = await openDatabase({ dataDir: 'memory://', empty: options.migrate === false });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

/** A new database on the server for this test file, dropped again on close. */
async function openFreshPostgres(adminUrl: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const fresh = await freshPostgres(adminUrl);
  const handle = await openDatabase({ databaseUrl: fresh.url, dataDir: '', poolMax: options.poolMax ?? 10 });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      await fresh.drop();
    },
  };
}
