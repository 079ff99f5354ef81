import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file and folder under `dir` (itself included) that the group or others may use, with its mode. */
export async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const paths = [dir, ...(await readdir(dir, { recursive: true })).map((name) => join(dir, name))];
  for (const path of paths) {
    const { mode } = await stat(path);
    if ((mode & 0o077) !== 0) found.push(`${relative(dir, path) || '.'} ${(mode & 0o777).toString(8)}`);
  }
  return found;
}
