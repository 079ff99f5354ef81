import fc from 'fast-check';
import { sql } from 'kysely';
import type { App } from '../../../src/app.js';

/** Runs per door: FUZZ_RUNS (npm run test:resilience sets 10,000); 500 in a normal test run. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** Strings that have broken parsers, renderers and databases elsewhere. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  '\u200b\u200b\u200b',
  '\ud800',
  '\udfff\ud800',
  '💥'.repeat(500),
  'é'.normalize('NFD').repeat(300),
  '\r\n\t\u2028\u2029',
  "'; drop table incident; --",
  '<at>Stappenplan</at> incident nieuw',
  '<!channel> <@U0ANNA> <#C123|x>',
  '__proto__',
  'constructor',
  'incident nieuw',
  'incident status',
  'incident overzicht',
  'incident help',
  'NaN',
  '-1',
  '1e309',
  '2100-13-45',
  '{"k":"o"}',
  'sp:claim',
];

/** Deep nesting: an object inside an object, `depth` times. */
function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A value of the wrong kind, size or shape, or a real id that belongs to someone else. */
export function nastyValue(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...EDGE_STRINGS), weight: 4 },
    { arbitrary: fc.constantFrom(...ids), weight: 6 },
    { arbitrary: fc.string(), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 1000 }).map(deep), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), weight: 3 },
    { arbitrary: fc.array(fc.string(), { maxLength: 5 }), weight: 1 },
    { arbitrary: fc.object({ maxDepth: 3 }), weight: 1 },
  );
}

export interface Mutation {
  /** Which place in the payload (modulo the number of places). */
  at: number;
  op: 'replace' | 'delete' | 'add';
  value: unknown;
}

export function mutations(ids: readonly string[]): fc.Arbitrary<Mutation[]> {
  return fc.array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom<Mutation['op']>('replace', 'replace', 'delete', 'add'),
      value: nastyValue(ids),
    }),
    { minLength: 0, maxLength: 4 },
  );
}

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) in a JSON value, outermost first. */
function places(value: unknown, out: Array<[Container, string]> = []): Array<[Container, string]> {
  if (typeof value !== 'object' || value === null) return out;
  for (const key of Object.keys(value)) {
    out.push([value as Container, key]);
    places((value as Record<string, unknown>)[key], out);
  }
  return out;
}

/** A copy of `base` with the mutations applied (keys such as `__proto__` become own keys). */
export function mutate<T>(base: T, list: readonly Mutation[]): T {
  const copy = structuredClone(base);
  for (const { at, op, value } of list) {
    const all = places(copy);
    if (all.length === 0) break;
    const [container, key] = all[at % all.length] as [Container, string];
    if (op === 'delete' && !Array.isArray(container)) delete container[key];
    else if (op === 'add' && !Array.isArray(container)) {
      const name = typeof value === 'string' && value.length < 40 ? value : `extra${at}`;
      Object.defineProperty(container, name, { value, enumerable: true, writable: true, configurable: true });
    } else (container as Record<string, unknown>)[key] = value;
  }
  return copy;
}

/** Tables that hold an incident's data, with the column naming the incident. */
const INCIDENT_TABLES: Array<[string, string]> = [
  ['incident', 'id'],
  ['incident_member', 'incident_id'],
  ['step', 'incident_id'],
  ['note', 'incident_id'],
  ['form_answer', 'incident_id'],
  ['card_message', 'incident_id'],
  ['audit_event', 'incident_id'],
  ['incident_opening', 'incident_id'],
  ['reminder', 'incident_id'],
];

/** Everything stored about one incident, as sorted JSON lines: diffed before and after. */
export async function snapshotIncident(app: App, incidentId: string): Promise<string[]> {
  const lines: string[] = [];
  for (const [table, column] of INCIDENT_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(
      column,
    )} = ${incidentId}`.execute(app.database.db);
    lines.push(...rows.rows.map((row) => `${table} ${JSON.stringify(row)}`).sort());
  }
  return lines;
}

/** Counts what would end the process: uncaught exceptions and unhandled rejections. */
export function crashCounter(): { count(): number; stop(): void } {
  let crashes = 0;
  const onCrash = () => {
    crashes += 1;
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    count: () => crashes,
    stop() {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}

/** Waits until `size()` has not changed for `quietMs` (the app's follow-up work is done). */
export async function settle(size: () => number, quietMs = 300, limitMs = 30_000): Promise<void> {
  const started = Date.now();
  let last = size();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = size();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Lines in one snapshot and not the other. */
export function diffCount(before: string[], after: string[]): number {
  const a = new Set(before);
  const b = new Set(after);
  return [...a].filter((line) => !b.has(line)).length + [...b].filter((line) => !a.has(line)).length;
}

export interface FuzzReport {
  requests: number;
  statuses: Map<number, number>;
  /** Answers of 500 or more (but see `allowed`), with what was sent (cut short). */
  failures: Array<{ status: number; text: string; sent: string }>;
  /** 5xx answers the door's protocol prescribes for this request (counted, not failures). */
  allowed: number;
  seconds: number;
  seed: number;
}

/**
 * Sends `runs` values of `arbitrary`, `concurrency` at a time (Bolt holds a request no handler
 * takes for 3 s before its 404, so one at a time would mostly wait). Values are drawn in chunks
 * from FUZZ_SEED (printed, to replay a run) so 10,000 huge payloads never sit in memory at once.
 */
export async function fire<T>(
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  send: (value: T) => Promise<{ status: number; text: string }>,
  concurrency = 24,
  prescribed: (value: T, status: number) => boolean = () => false,
): Promise<FuzzReport> {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const report: FuzzReport = { requests: 0, statuses: new Map(), failures: [], allowed: 0, seconds: 0, seed };
  const started = performance.now();
  for (let chunk = 0; chunk * 250 < runs; chunk += 1) {
    const queue = fc.sample(arbitrary, { numRuns: Math.min(250, runs - chunk * 250), seed: seed + chunk });
    const worker = async () => {
      for (let value = queue.shift(); value !== undefined; value = queue.shift()) {
        const answer = await send(value).catch((error: unknown) => ({ status: 0, text: String(error) }));
        report.requests += 1;
        report.statuses.set(answer.status, (report.statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 && prescribed(value, answer.status)) report.allowed += 1;
        else if (answer.status >= 500 || answer.status === 0) {
          report.failures.push({
            status: answer.status,
            text: answer.text.slice(0, 200),
            sent: describe(value),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 3000);
  } catch {
    return String(value).slice(0, 600);
  }
}

/** The figures of one door, in one block. */
export function printReport(door: string, report: FuzzReport, crashes: number, changed: number): void {
  const fiveXx = [...report.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  console.log(
    [
      '',
      `── Fuzzing ${door} ──`,
      `requests                        ${report.requests} (seed ${report.seed}, ${report.seconds.toFixed(1)} s)`,
      `answers by status               ${[...report.statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`,
      `5xx answers                     ${fiveXx - report.allowed}${report.allowed ? ` (and ${report.allowed} × 501 Not Implemented for invoke names the bot does not handle)` : ''}`,
      `no answer (connection failed)   ${report.statuses.get(0) ?? 0}`,
      `process crashes                 ${crashes}`,
      `changes to incidents the sender is not a member of   ${changed}`,
      ...report.failures.slice(0, 3).map((f) => `  ${f.status}: ${f.text} ← ${f.sent}`),
      '',
    ].join('\n'),
  );
}
