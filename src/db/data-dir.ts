import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config/config.js';

/**
 * `fresh`: the folder is new or empty, so this start creates the database in it.
 * `existing`: it already holds a database.
 */
export type DataDirState = 'fresh' | 'existing';

/** Left in a fresh folder until its database is complete, so a start cut short is noticed. */
const FIRST_START_MARKER = '.first-start-incomplete';

/**
 * Makes sure the embedded database's folder is private before anything is written in it. A new
 * folder is created with mode 0700; an existing one that the group or others can enter is refused
 * rather than fixed, because its files may have been readable for a while and the operator should
 * know. The data concerns minors, so this runs on every start.
 */
export async function preparePrivateDataDir(dir: string): Promise<DataDirState> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!found) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // The mode given to mkdir is reduced by the umask of whoever started the process.
    await chmod(dir, 0o700);
    return 'fresh';
  }
  if (!found.isDirectory()) throw new ConfigError('DATA_DIR', `${dir} is not a folder.`);
  if (process.platform !== 'win32' && (found.mode & 0o077) !== 0) {
    const mode = (found.mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigError(
      'DATA_DIR',
      `${dir} can be opened by other users (mode ${mode}). Make it private with: chmod 700 ${dir}`,
    );
  }
  const entries = await readdir(dir);
  if (entries.includes(FIRST_START_MARKER)) {
    throw new ConfigError(
      'DATA_DIR',
      `${dir} holds a database whose first start was interrupted. Remove the folder and start again.`,
    );
  }
  if (entries.length === 0) return 'fresh';
  if (entries.includes('PG_VERSION')) return 'existing';
  throw new ConfigError(
    'DATA_DIR',
    `${dir} is not empty and holds no database. Choose a new or empty folder for the database.`,
  );
}

/** Marks a fresh folder as being set up; `firstStartDone` removes the mark. */
export async function markFirstStart(dir: string): Promise<void> {
  await writeFile(join(dir, FIRST_START_MARKER), '', { mode: 0o600 });
}

export async function firstStartDone(dir: string): Promise<void> {
  await rm(join(dir, FIRST_START_MARKER), { force: true });
}

/**
 * Takes group and other permissions off everything in the folder. PGlite writes the files of a
 * new database through Emscripten's file system, which sets their mode explicitly (0666 for a
 * loaded or copied data directory), so neither the umask nor the folder's mode covers them.
 * Returns how many entries were changed.
 */
export async function removeGroupAndOtherAccess(dir: string): Promise<number> {
  let changed = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    const { mode } = await stat(path);
    if ((mode & 0o077) === 0) continue;
    await chmod(path, mode & 0o700);
    changed += 1;
  }
  return changed;
}
