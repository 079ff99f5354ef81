import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { openEmbeddedDatabase } from '../../src/db/embedded-database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureTemplate, type TemplateFile, templateFile } from '../../src/db/pglite-template.js';
import { openToOthers } from '../support/file-modes.js';

let scratch: string;
let template: TemplateFile;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'stappenplan-embedded-'));
  template = templateFile(join(scratch, 'template'));
  await ensureTemplate(template);
}, 120_000);
afterAll(async () => rm(scratch, { recursive: true, force: true }));

describe('a first start with the ready-made template', () => {
  it('unpacks a fully migrated database, private, and keeps it on restart', async () => {
    const dataDir = join(scratch, 'fresh', 'data');
    const first = await openEmbeddedDatabase(dataDir, template);
    expect(first.origin).toBe('template');
    await first.pglite.exec("insert into workspace (platform, external_id) values ('slack', 'T-kept')");
    await first.pglite.close();

    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await openToOthers(dataDir)).toEqual([]);
    expect(await readdir(dataDir)).not.toContain('.first-start-incomplete');

    // The template stays available, yet the existing database is opened, not replaced.
    const again = await openDatabase({ dataDir });
    try {
      expect(again.origin).toBe('existing');
      expect(await migrateToLatest(again.db)).toEqual([]);
      const rows = await again.db.selectFrom('workspace').select('external_id').execute();
      expect(rows).toEqual([{ external_id: 'T-kept' }]);
    } finally {
      await again.close();
    }
  });

  it('runs PostgreSQL with small shared buffers, on disk and in memory', async () => {
    const dataDir = join(scratch, 'buffers');
    for (const where of [dataDir, 'memory://']) {
      const { pglite } = await openEmbeddedDatabase(where, template);
      try {
        const { rows } = await pglite.query<{ shared_buffers: string }>('show shared_buffers');
        expect(rows[0]?.shared_buffers).toBe('16MB');
      } finally {
        await pglite.close();
      }
    }
  });
});

describe('a first start without a template for this version', () => {
  it('falls back to initdb and still leaves nothing open to others', async () => {
    const other = join(scratch, 'other-version');
    await mkdir(other);
    await writeFile(join(other, 'pglite-0.0.1-000000000000.tar.gz'), 'not for this version');
    const dataDir = join(scratch, 'initdb');
    const { pglite, origin } = await openEmbeddedDatabase(dataDir, templateFile(other));
    await pglite.close();
    expect(origin).toBe('initdb');
    expect((await readdir(dataDir)).length).toBeGreaterThan(10);
    expect(await openToOthers(dataDir)).toEqual([]);
  }, 120_000);
});

describe('a DATA_DIR that is not safe to use', () => {
  async function refusal(dataDir: string): Promise<string> {
    const error = await openEmbeddedDatabase(dataDir, template).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }

  it.each([
    [0o755, '0755'],
    [0o750, '0750'],
    [0o701, '0701'],
  ])('is refused when its mode is %o, and left as it was', async (mode, shown) => {
    const dataDir = join(scratch, `open-${shown}`);
    await mkdir(dataDir);
    await chmod(dataDir, mode);
    expect(await refusal(dataDir)).toBe(
      `Configuration error: DATA_DIR ${dataDir} can be opened by other users (mode ${shown}). Make it private with: chmod 700 ${dataDir}`,
    );
    expect((await stat(dataDir)).mode & 0o777).toBe(mode);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('is refused when a first start into it was interrupted', async () => {
    const dataDir = join(scratch, 'interrupted');
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(join(dataDir, '.first-start-incomplete'), '');
    await writeFile(join(dataDir, 'PG_VERSION'), '17\n');
    expect(await refusal(dataDir)).toMatch(/first start was interrupted\. Remove the folder/);
  });

  it('is refused when it holds other files, which stay untouched', async () => {
    const dataDir = join(scratch, 'someone-elses');
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(join(dataDir, 'notes.txt'), 'private', { mode: 0o644 });
    expect(await refusal(dataDir)).toMatch(/is not empty and holds no database/);
    expect(await readdir(dataDir)).toEqual(['notes.txt']);
    expect((await stat(join(dataDir, 'notes.txt'))).mode & 0o777).toBe(0o644);
  });

  it('is refused when it is a file', async () => {
    const path = join(scratch, 'a-file');
    await writeFile(path, '');
    expect(await refusal(path)).toBe(`Configuration error: DATA_DIR ${path} is not a folder.`);
  });
});
