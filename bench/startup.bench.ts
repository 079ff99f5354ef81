/**
 * Start-up time and memory of the production build, for the embedded database and the server.
 *
 *   npm run bench:startup
 *
 * Each sample spawns `node dist/src/main.js` (no chat platform configured, so the playground
 * runs) and measures the time until `/readyz` answers ready, then the process's resident memory
 * after BENCH_IDLE_MS (default 3000) of idling. Three cases:
 * - embedded, first start: a DATA_DIR that does not exist yet;
 * - embedded, restart: a DATA_DIR made by an earlier start;
 * - server: a new, empty database on the PostgreSQL server (BENCH_DATABASE_URL, else
 *   TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
 *
 * The same cases run on a build of the base commit (BENCH_BASE, default: where this branch left
 * main; `none` skips it),
 * in alternation with this checkout, so both see the same load on a shared machine. Prints the
 * median of BENCH_RUNS (default 5) samples per case and the ratio after/before.
 * This checkout is built with `npm run build` when dist/ is missing; rebuild after changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshPostgres } from '../tests/support/fresh-postgres.js';
import { checkoutBase, ensureBuilt, measureStart, type StartSample } from './startup-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = resolve(import.meta.dirname, '..');

type CaseName = 'embedded, first start' | 'embedded, restart' | 'server';
const CASES: CaseName[] = ['embedded, first start', 'embedded, restart', 'server'];

interface Variant {
  key: 'before' | 'after';
  label: string;
  root: string;
  /** DATA_DIR reused by the restart case. */
  restartDir: string;
  samples: Map<CaseName, StartSample[]>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function sample(
  variant: Variant,
  name: CaseName,
  scratch: string,
  round: number,
): Promise<StartSample> {
  if (name === 'server') {
    const database = await freshPostgres(ADMIN_URL);
    try {
      return await measureStart(variant.root, { DATABASE_URL: database.url }, IDLE_MS);
    } finally {
      await database.drop();
    }
  }
  if (name === 'embedded, restart')
    return measureStart(variant.root, { DATA_DIR: variant.restartDir }, IDLE_MS);
  const dataDir = join(scratch, `${variant.key}-first-${round}`);
  try {
    return await measureStart(variant.root, { DATA_DIR: dataDir }, IDLE_MS);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function print(variants: Variant[]): void {
  const [before, after] = variants.length === 2 ? variants : [undefined, variants[0]];
  const cell = (value: number, unit: string) =>
    Number.isFinite(value) ? `${value.toFixed(unit === 's' ? 2 : 0)} ${unit}` : 'n/a';
  const ratio = (a?: number, b?: number) =>
    a && b && Number.isFinite(a) && Number.isFinite(b) ? `${(b / a).toFixed(2)}×` : '';
  const rows = [
    ['case', 'figure', before ? `before ${before.label}` : '', `after ${after?.label ?? ''}`, 'after/before'],
  ];
  for (const name of CASES) {
    const figures: Array<[string, (s: StartSample) => number, string]> = [
      ['ready', (s) => s.readyMs / 1000, 's'],
      ['idle RSS', (s) => s.idleRssMb, 'MB'],
      ['peak RSS', (s) => s.peakRssMb, 'MB'],
    ];
    for (const [figure, pick, unit] of figures) {
      const b = before ? median((before.samples.get(name) ?? []).map(pick)) : undefined;
      const a = median((after?.samples.get(name) ?? []).map(pick));
      rows.push([name, figure, b === undefined ? '' : cell(b, unit), cell(a, unit), ratio(b, a)]);
    }
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    console.log(row.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  '));
  console.log(
    `\nMedian of ${RUNS} starts each; memory after ${IDLE_MS} ms idle. Load now: ${loadAverage()}.`,
  );
}

function loadAverage(): string {
  const result = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split(' ').slice(0, 3).join(' ') : 'unknown';
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'stappenplan-bench-start-'));
  ensureBuilt(ROOT);
  const template = join(ROOT, 'dist/src/db/pglite-template.cli.js');
  if (existsSync(template)) spawnSync(process.execPath, [template], { cwd: ROOT, stdio: 'inherit' });

  const variants: Variant[] = [];
  const ref = baseRef();
  const base = ref === 'none' ? null : await checkoutBase(ROOT, ref);
  if (ref !== 'none' && !base) console.log(`Base "${ref}" not found; measuring this checkout only.`);
  if (base) variants.push(variant('before', `(${base.commit.slice(0, 7)})`, base.dir, scratch));
  variants.push(variant('after', '(this checkout)', ROOT, scratch));

  try {
    for (const each of variants) await measureStart(each.root, { DATA_DIR: each.restartDir }, 0);
    for (let round = 1; round <= RUNS; round++) {
      for (const name of CASES) {
        // Alternate which build goes first, so neither always meets the other's leftovers.
        const order = round % 2 ? variants : [...variants].reverse();
        for (const each of order) {
          const result = await sample(each, name, scratch, round);
          each.samples.get(name)?.push(result);
          const line = `${(result.readyMs / 1000).toFixed(2)} s, ${result.idleRssMb.toFixed(0)} MB`;
          console.log(`round ${round}/${RUNS}  ${name.padEnd(22)} ${each.label.padEnd(16)} ${line}`);
        }
      }
    }
    console.log('');
    print(variants);
  } finally {
    await rm(scratch, { recursive: true, force: true });
    if (base) await rm(base.dir, { recursive: true, force: true });
  }
}

function variant(key: Variant['key'], label: string, root: string, scratch: string): Variant {
  const samples = new Map(CASES.map((name): [CaseName, StartSample[]] => [name, []]));
  return { key, label, root, restartDir: join(scratch, `${key}-restart`), samples };
}

/** The commit this branch started from on main, unless BENCH_BASE names another. */
function baseRef(): string {
  if (process.env.BENCH_BASE) return process.env.BENCH_BASE;
  const result = spawnSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'main';
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
