import { PGlite } from '@electric-sql/pglite';
import {
  firstStartDone,
  markFirstStart,
  preparePrivateDataDir,
  removeGroupAndOtherAccess,
} from './data-dir.js';
import { pgliteStartParams, useBaselineWasmCompiler } from './pglite-settings.js';
import { readTemplate, type TemplateFile, templateFile, unpackTemplate } from './pglite-template.js';

/**
 * How this start got its database: `template` and `initdb` created it now (from the ready-made
 * template, or by PGlite's own initdb when there is none); `existing` opened the one in DATA_DIR;
 * `memory` is the in-memory database of the tests.
 */
export type EmbeddedOrigin = 'template' | 'initdb' | 'existing' | 'memory';

export interface EmbeddedDatabase {
  pglite: PGlite;
  origin: EmbeddedOrigin;
}

/**
 * Opens PGlite in `dataDir` (or in memory for `memory://`) with the lean memory settings. A new
 * or empty folder gets the ready-made template; an existing database is never replaced.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  template: TemplateFile = templateFile(),
  options: { empty?: boolean } = {},
): Promise<EmbeddedDatabase> {
  useBaselineWasmCompiler();
  const startParams = pgliteStartParams();
  if (dataDir === 'memory://')
    return { pglite: await openInMemory(template, options.empty === true), origin: 'memory' };

  const state = await preparePrivateDataDir(dataDir);
  if (state === 'existing') {
    const pglite = await PGlite.create({ dataDir, startParams });
    await removeGroupAndOtherAccess(dataDir);
    return { pglite, origin: 'existing' };
  }

  await markFirstStart(dataDir);
  const origin = (await unpackTemplate(dataDir, template)) ? 'template' : 'initdb';
  const pglite = await PGlite.create({ dataDir, startParams });
  try {
    // PGlite's own initdb gives the files it copies in mode 0666.
    await removeGroupAndOtherAccess(dataDir);
    await firstStartDone(dataDir);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return { pglite, origin };
}

/**
 * An in-memory database (the tests): from the ready-made template when there is one, which is
 * several times faster than PGlite's initdb; empty (initdb) when asked, e.g. to test migrations.
 */
async function openInMemory(template: TemplateFile, empty: boolean): Promise<PGlite> {
  const startParams = pgliteStartParams();
  const dump = empty ? null : await readTemplate(template);
  return dump
    ? PGlite.create({ loadDataDir: new Blob([dump]), startParams })
    : PGlite.create({ startParams });
}
