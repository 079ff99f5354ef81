import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite.dialect.js';
import { pgliteStartParams } from './pglite-settings.js';
import { unpackTar } from './tar-unpack.js';

/**
 * A ready-made embedded database: initdb and every migration already done, dumped with PGlite's
 * `dumpDataDir` (https://pglite.dev/docs/api#dumpdatadir) and unpacked into DATA_DIR on a first
 * start. That skips initdb, which runs in a second PGlite instance and makes a first start slow
 * and memory-hungry.
 *
 * The file is generated, not committed: it is about 5 MB and changes with every migration and
 * PGlite release. `npm install` (prepare) and `npm run build` make it in `.cache/pglite-template/`
 * of the package. Its name holds the PGlite version and the migration names; a start only uses a
 * file whose name matches, since PGlite documents dumps as tied to its own version, and otherwise
 * falls back to initdb.
 */
export interface TemplateFile {
  /** Folder holding the template; defaults to `.cache/pglite-template` in the package root. */
  dir: string;
  /** File name for this PGlite version and this list of migrations. */
  name: string;
}

const CHUNK = 256 * 1024;

export function templateFile(dir = defaultTemplateDir()): TemplateFile {
  const names = Object.keys(migrations).join('\n');
  const digest = createHash('sha256').update(names).digest('hex').slice(0, 12);
  return { dir, name: `pglite-${pgliteVersion()}-${digest}.tar.gz` };
}

/**
 * Unpacks the template into the fresh folder `dataDir`; false when there is none for this version.
 * PGlite's own `loadDataDir` option does the same from a Blob, but it inflates and splits the whole
 * archive in memory (about 100 MB more resident memory after the start, measured) and writes every
 * file with mode 0666; this streams it, with files 0600 from the start.
 */
export async function unpackTemplate(dataDir: string, file = templateFile()): Promise<boolean> {
  const path = join(file.dir, file.name);
  if (!existsSync(path)) return false;
  // Large chunks: with the default 16 KB ones the archive takes five times as long to inflate.
  const source = createReadStream(path, { highWaterMark: CHUNK });
  const gunzip = createGunzip({ chunkSize: CHUNK });
  source.on('error', (error) => gunzip.destroy(error));
  try {
    await unpackTar(source.pipe(gunzip), dataDir);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new Error(`The database template ${path} cannot be used (${problem}). Delete it and start again.`);
  }
  return true;
}

/** The template's bytes, or null when there is none for this PGlite version and these migrations. */
export async function readTemplate(file = templateFile()): Promise<Buffer | null> {
  const path = join(file.dir, file.name);
  return existsSync(path) ? readFile(path) : null;
}

/**
 * Writes the template unless it is already there; removes templates of other versions.
 * Returns the path and whether it was written now.
 */
export async function ensureTemplate(file = templateFile()): Promise<{ path: string; written: boolean }> {
  const path = join(file.dir, file.name);
  if (existsSync(path)) return { path, written: false };
  const pglite = await PGlite.create({ startParams: pgliteStartParams() });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
    // A checkpoint first, so a start from the dump has next to no write-ahead log to replay.
    await pglite.exec('CHECKPOINT');
    const dump = await pglite.dumpDataDir('gzip');
    await mkdir(file.dir, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  }
  for (const other of await readdir(file.dir)) {
    if (other !== file.name && other.startsWith('pglite-')) await rm(join(file.dir, other), { force: true });
  }
  return { path, written: true };
}

function pgliteVersion(): string {
  // The package exports no package.json, so find it next to the entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).version;
    dir = dirname(dir);
  }
  throw new Error('Cannot find the version of @electric-sql/pglite');
}

/** The package root is the nearest folder with a package.json, from src/ under tsx and from dist/. */
function defaultTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dir !== dirname(dir)) dir = dirname(dir);
  return join(dir, '.cache', 'pglite-template');
}
