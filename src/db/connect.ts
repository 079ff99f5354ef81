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
  /** The server's connection pool now: connections, idle ones, and requests waiting for one. */
  poolStats?(): { total: number; idle: number; waiting: number };
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

/** How long opening one connection to the PostgreSQL server may take. */
const CONNECT_TIMEOUT_MS = 5000;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    // A server that cannot be reached fails a request within seconds instead of holding it.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    pool.on('error', (error) => options.onPoolError?.(error));
    // A client checked out of the pool (held by a transaction between two queries) has no error
    // listener of the pool's; when its connection drops it emits 'error', which would otherwise
    // end the process. The query waiting on it fails on its own. See "error" under
    // https://node-postgres.com/apis/client and https://node-postgres.com/apis/pool#error
    pool.on('connect', (client) => client.on('error', (error) => options.onPoolError?.(error)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
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
