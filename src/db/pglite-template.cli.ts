import { stat } from 'node:fs/promises';
import { useBaselineWasmCompiler } from './pglite-settings.js';
import { ensureTemplate } from './pglite-template.js';

/**
 * Makes the embedded database's ready-made template (see pglite-template.ts). Runs after
 * `npm install` (prepare) and at the end of `npm run build`; does nothing when it is up to date.
 */
async function run(): Promise<void> {
  const started = performance.now();
  useBaselineWasmCompiler();
  const { path, written } = await ensureTemplate();
  const size = `${((await stat(path)).size / 1_000_000).toFixed(1)} MB`;
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  process.stdout.write(
    written
      ? `Embedded database template written: ${path} (${size}, ${took})\n`
      : `Embedded database template up to date: ${path} (${size})\n`,
  );
}

run().catch((error) => {
  process.stderr.write(`Template error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
