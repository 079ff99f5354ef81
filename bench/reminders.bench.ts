/**
 * Reminder tick benchmark on a real PostgreSQL server.
 *
 *   npm run bench:reminders
 *
 * Builds two databases of its own (dropped afterwards; BENCH_KEEP=1 keeps them): one with 1,000
 * and one with 1,000,000 pending future reminders (bulk-inserted with generate_series), both with
 * the same 100 due reminders of 10 real incidents. Ticks on the two are measured in alternation,
 * so load from other programs on the machine hits both alike. It prints:
 * 1. the median tick time for each and their ratio (target: under 1.5 — a tick must follow the
 *    due reminders, not all stored ones), plus the plan of the due claim;
 * 2. how many due reminders per second one instance dispatches to a gateway that answers at once.
 *
 * Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { sql } from 'kysely';
import { IncidentService } from '../src/core/incidents/incident.service.js';
import { StepService } from '../src/core/incidents/step.service.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../src/core/playbook/playbook.sync.js';
import type { ChatGateway } from '../src/core/ports/chat-gateway.js';
import { uuidGenerator } from '../src/core/ports/ids.js';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.js';
import { createKyselyStore } from '../src/db/kysely-store.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ReminderDispatcher } from '../src/features/reminders/reminder.dispatcher.js';
import { claimStatement, reminderRepository } from '../src/features/reminders/reminder.repository.js';
import { ReminderService } from '../src/features/reminders/reminder.service.js';
import { DEFAULT_REMINDER_RULES } from '../src/features/reminders/reminder.types.js';
import { freshPostgres } from '../tests/support/fresh-postgres.js';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
/** Wednesday 25 November 2026, 10:00 in Amsterdam: school time. */
const NOW = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => NOW };
const RULES = { ...DEFAULT_REMINDER_RULES, nudgeAfterSchoolHours: 0 };
const ROUNDS = 15;
const FACTS = {
  madeVoluntarily: 'unknown',
  perpetratorKnown: 'unknown',
  perpetratorAtOtherSchool: 'unknown',
  spread: 'unknown',
} as const;

/** Answers at once, like a platform without latency; counts what it got. */
class CountingGateway implements ChatGateway {
  sent = 0;
  async ensureSpace() {
    return { spaceId: 'C-bench' };
  }
  async postCard() {
    return { messageId: 'M' };
  }
  async updateCard() {}
  async postTimeline() {}
  async addMembers() {}
  async postText() {
    return { messageId: 'M' };
  }
  async sendDirect() {
    this.sent += 1;
    return { messageId: `M${this.sent}` };
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fmt = (value: number, digits = 1) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One bench database: the services, a dispatcher on a counting gateway, N future reminders. */
async function prepare(handle: DatabaseHandle, future: number) {
  const { db } = handle;
  await migrateToLatest(db);
  const store = createKyselyStore(db);
  const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
  await syncPlaybooks(store, playbooks, [DEFAULT_PLAYBOOK]);
  const workspace = await store.workspaces.ensure('slack', 'T-BENCH', {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  const openedAt = { now: () => new Date('2026-11-25T07:30:00Z') };
  const deps = { store, clock: openedAt, ids: uuidGenerator, playbooks };
  const incidents = new IncidentService(deps);
  const steps = new StepService(deps);
  const reminders = reminderRepository(db);
  const service = new ReminderService({ store, reminders, playbooks, clock, rules: RULES });
  const lead = { userId: 'U-LEAD', displayName: 'Ilse' };

  /** Real incidents whose aftercare forms ask for `moments` reminders each, all due now. */
  const dueIncidents = async (count: number, moments: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const opened = await incidents.open({
        workspaceId: workspace.id,
        actor: lead,
        title: `Bench ${i}`,
        kind: 'nude_photo',
        facts: FACTS,
        invited: [],
      });
      const row = { date: '2026-11-25', about: 'victim', remind: 'U-LEAD' };
      const form = { moments: Array.from({ length: moments }, () => row) };
      await steps.saveForm({ incidentId: opened.value.id, stepKey: 'plan-aftercare', actor: lead }, form);
      await service.sync(opened.value.id);
      ids.push(opened.value.id);
    }
    return ids;
  };

  const due = await dueIncidents(10, 10);
  // The future reminders belong to an incident of their own, as they would to many others.
  const [filler] = (await dueIncidents(1, 0)) as [string];
  await sql`
    insert into reminder (workspace_id, incident_id, kind, dedupe_key, target_id, due_at, status, created_at, updated_at)
    select ${workspace.id}, ${filler}, 'aftercare', 'bench:' || g, 'U-BENCH',
           ${new Date(NOW.getTime() + 30 * 86_400_000)}::timestamptz + g * interval '1 second',
           'pending', now(), now()
    from generate_series(1, ${future}::int) g`.execute(db);
  // What autovacuum does in production; and no checkpoint in the middle of a measurement.
  await sql`vacuum analyze reminder`.execute(db);
  await sql`checkpoint`.execute(db);

  const gateway = new CountingGateway();
  const dispatcher = new ReminderDispatcher(
    {
      reminders,
      service,
      clock,
      gatewayFor: () => gateway,
      refreshOverview: async () => undefined,
      report: (event) => {
        if (event.type === 'error' || event.type === 'failed') console.error('dispatch problem', event);
      },
    },
    { owner: 'bench' },
  );
  const resetDue = () =>
    sql`update reminder set status = 'pending', attempts = 0, sent_at = null, lease_owner = null, lease_until = null
        where incident_id in (${sql.join(due)})`.execute(db);

  /** One measured round: the 100 due reminders, then a tick that finds nothing due. */
  const round = async () => {
    await resetDue();
    const started = performance.now();
    const report = await dispatcher.tick();
    const tick = performance.now() - started;
    if (report.sent !== 100) throw new Error(`expected 100 sent, got ${JSON.stringify(report)}`);
    const quiet = performance.now();
    await dispatcher.tick();
    return { tick, idle: performance.now() - quiet };
  };

  const claimPlan = async () => {
    const compiled = claimStatement(db, 'due', {
      now: NOW,
      owner: 'x',
      leaseUntil: NOW,
      limit: 32,
    }).compile();
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>({
      ...compiled,
      sql: `explain ${compiled.sql}`,
    });
    const lines = result.rows.map((row) => row['QUERY PLAN'].trim());
    return lines.find((line) => line.includes('reminder_')) ?? lines.join(' / ');
  };

  return { future, round, dispatcher, gateway, dueIncidents, claimPlan };
}

async function main(): Promise<void> {
  const handles: DatabaseHandle[] = [];
  const drops: Array<() => Promise<void>> = [];
  const open = async () => {
    const fresh = await freshPostgres(ADMIN_URL);
    drops.push(fresh.drop);
    const handle = await openDatabase({ databaseUrl: fresh.url, dataDir: '', poolMax: 10 });
    handles.push(handle);
    return handle;
  };
  try {
    const version = await sql<{ v: string }>`select version() as v`.execute((await open()).db);
    await open();
    console.log(`Reminder tick benchmark — ${version.rows[0]?.v.split(' on ')[0]}`);
    console.log('Preparing 1,000 and 1,000,000 pending future reminders …');
    const small = await prepare(handles[0] as DatabaseHandle, 1_000);
    const large = await prepare(handles[1] as DatabaseHandle, 1_000_000);
    await small.round(); // warm-up: connections, plans, caches
    await large.round();

    const samples = new Map(
      [small, large].map((bench) => [bench, { tick: [] as number[], idle: [] as number[] }]),
    );
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const bench of i % 2 === 0 ? [small, large] : [large, small]) {
        const { tick, idle } = await bench.round();
        samples.get(bench)?.tick.push(tick);
        samples.get(bench)?.idle.push(idle);
      }
    }
    console.log(`\nEach tick claims, checks and sends the same 100 due reminders (fake gateway).`);
    console.log(`Median of ${ROUNDS} rounds, the two databases measured in turn.\n`);
    console.log('  pending future | due | tick (ms) |   range (ms)   | idle tick (ms)');
    const result = (bench: typeof small) => {
      const s = samples.get(bench) as { tick: number[]; idle: number[] };
      const range = `${fmt(Math.min(...s.tick))}–${fmt(Math.max(...s.tick))}`;
      const line = `  ${fmt(bench.future, 0).padStart(9)}      | 100 | ${fmt(median(s.tick)).padStart(9)} | ${range.padStart(14)} | ${fmt(median(s.idle), 2).padStart(9)}`;
      console.log(line);
      return { tick: median(s.tick), idle: median(s.idle) };
    };
    const a = result(small);
    const b = result(large);
    console.log(`\n  ratio tick(1,000,000) / tick(1,000) = ${fmt(b.tick / a.tick, 2)}  (target < 1.5)`);
    console.log(`  ratio idle tick                     = ${fmt(b.idle / a.idle, 2)}`);
    console.log(`  due claim plan with 1,000,000 pending: ${await large.claimPlan()}`);

    // Throughput: one instance, 1,000 due reminders of 100 incidents, next to the million future ones.
    await large.dueIncidents(100, 10);
    const before = large.gateway.sent;
    const started = performance.now();
    const report = await large.dispatcher.tick();
    const seconds = (performance.now() - started) / 1000;
    const sent = large.gateway.sent - before;
    console.log(
      `\n  dispatch rate: ${fmt(sent, 0)} due reminders in ${fmt(seconds, 2)} s = ${fmt(sent / seconds, 0)} reminders/s` +
        ` (one instance; ${report.claimed} claimed, 32 per round, 8 at a time, pool of 10 connections)`,
    );
  } finally {
    for (const handle of handles) await handle.close();
    if (process.env.BENCH_KEEP !== '1') {
      for (const drop of drops) await drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
