import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server for this run, or null when server tests are skipped. */
    postgresUrl: string | null;
  }
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Finds the PostgreSQL server for the server-only tests. Without one they are skipped with a
 * printed reason; under CI (CI=true) a missing server fails the run instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const problem = await probe(url);
  if (problem === null) {
    project.provide('postgresUrl', url);
    return;
  }
  const where = url.replace(/:[^:@/]+@/, ':***@');
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but the PostgreSQL server at ${where} is not reachable: ${problem}`);
  }
  console.warn(
    `\n[tests] PostgreSQL server tests are SKIPPED: no server at ${where} (${problem}). ` +
      'Set TEST_DATABASE_URL to run them; the embedded PGlite tests still run.\n',
  );
  project.provide('postgresUrl', null);
}

async function probe(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
