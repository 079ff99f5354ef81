import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { type EmbeddedOrigin, openEmbeddedDatabase } from './embedded-database.js';
import { PGliteDialect } from './pglite.dialect.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials, for the start-up log. */
  location: string;
  /** For the embedded database: whether this start created it, and how. */
  origin?: EmbeddedOrigin;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL server; without it the embedded database is used. */
  databaseUrl?: string | null;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** In memory only: start from an empty database instead of the ready-made (migrated) one. */
  empty?: boolean;
  poolMax?: number;
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 10 });
    pool.on('error', (error) => options.onPoolError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
  }
  const { pglite, origin } = await openEmbeddedDatabase(options.dataDir, undefined, {
    empty: options.empty === true,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const location = origin === 'memory' ? 'memory' : options.dataDir;
  // Kysely only closes a driver it has used, so PGlite is closed here too.
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  return { db, kind: 'pglite', location, origin, close };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable url)';
  }
}
