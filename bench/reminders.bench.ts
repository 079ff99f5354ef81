/**
 * Reminder tick benchmark on a real PostgreSQL server.
 *
 *   npm run bench:reminders
 *
 * Creates a database of its own (dropped afterwards; BENCH_KEEP=1 keeps it), then prints:
 * 1. the tick time with 1,000 and with 1,000,000 pending future reminders and the same 100 due
 *    ones, and their ratio (target: under 1.5 — the tick must follow the due rows, not all rows);
 * 2. how many due reminders per second one instance dispatches to a gateway that answers at once.
 *
 * Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { Card } from '../src/core/cards/card.types.js';
import { IncidentService } from '../src/core/incidents/incident.service.js';
import { StepService } from '../src/core/incidents/step.service.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../src/core/playbook/playbook.sync.js';
import type { ChatGateway } from '../src/core/ports/chat-gateway.js';
import { uuidGenerator } from '../src/core/ports/ids.js';
import { ReminderDispatcher } from '../src/core/reminders/reminder.dispatcher.js';
import { ReminderService } from '../src/core/reminders/reminder.service.js';
import { DEFAULT_REMINDER_RULES } from '../src/core/reminders/reminder.types.js';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.js';
import { createKyselyStore } from '../src/db/kysely-store.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { claimStatement, reminderRepository } from '../src/db/repositories/reminder.repository.js';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
/** Wednesday 25 November 2026, 10:00 in Amsterdam: school time. */
const NOW = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => NOW };
const RULES = { ...DEFAULT_REMINDER_RULES, nudgeAfterSchoolHours: 0 };
const REPEATS = 9;

/** Answers at once, like a platform with no latency; counts what it got. */
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
  async sendDirect(_userId: string, _card: Card) {
    this.sent += 1;
    return { messageId: `M${this.sent}` };
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fmt = (value: number, digits = 1) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const name = `stappenplan_bench_${process.pid}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolMax: 10 });
  try {
    await run(handle);
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP !== '1') await admin(`drop database if exists ${name} with (force)`);
  }
}

async function run(handle: DatabaseHandle): Promise<void> {
  const { db } = handle;
  await migrateToLatest(db);
  const store = createKyselyStore(db);
  const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
  await syncPlaybooks(store, playbooks, [DEFAULT_PLAYBOOK]);
  const workspace = await store.workspaces.ensure('slack', 'T-BENCH', {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  const deps = {
    store,
    clock: { now: () => new Date('2026-11-25T07:30:00Z') },
    ids: uuidGenerator,
    playbooks,
  };
  const incidents = new IncidentService(deps);
  const steps = new StepService(deps);
  const reminders = reminderRepository(db);
  const service = new ReminderService({ store, reminders, playbooks, clock, rules: RULES });
  const lead = { userId: 'U-LEAD', displayName: 'Ilse' };

  /** Real incidents whose aftercare forms ask for `moments` reminders each, all due now. */
  const dueIncidents = async (count: number, moments: number, tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const opened = await incidents.open({
        workspaceId: workspace.id,
        actor: lead,
        title: `Bench ${tag} ${i}`,
        kind: 'nude_photo',
        facts: {
          madeVoluntarily: 'unknown',
          perpetratorKnown: 'unknown',
          perpetratorAtOtherSchool: 'unknown',
          spread: 'unknown',
        },
        invited: [],
      });
      const form = {
        moments: Array.from({ length: moments }, () => ({
          date: '2026-11-25',
          about: 'victim',
          remind: 'U-LEAD',
        })),
      };
      await steps.saveForm({ incidentId: opened.value.id, stepKey: 'plan-aftercare', actor: lead }, form);
      await service.sync(opened.value.id);
      ids.push(opened.value.id);
    }
    return ids;
  };

  const due = await dueIncidents(10, 10, 'due');
  // The future reminders belong to an incident of their own, as they would to many others.
  const [filler] = (await dueIncidents(1, 0, 'filler')) as [string];
  let future = 0;
  /** Bulk-inserts pending reminders due from 30 days on, up to `total`. */
  const fillFuture = async (total: number) => {
    const from = future + 1;
    await sql`
      insert into reminder (workspace_id, incident_id, kind, dedupe_key, target_id, due_at, status, created_at, updated_at)
      select ${workspace.id}, ${filler}, 'aftercare', 'bench:' || g, 'U-BENCH',
             ${new Date(NOW.getTime() + 30 * 86_400_000)}::timestamptz + g * interval '1 second',
             'pending', now(), now()
      from generate_series(${from}::int, ${total}::int) g`.execute(db);
    future = total;
    await settle();
  };
  /** What autovacuum would do in production; and no checkpoint in the middle of a measurement. */
  const settle = async () => {
    await sql`vacuum analyze reminder`.execute(db);
    await sql`checkpoint`.execute(db);
  };
  /** Back to the first 1,000 future reminders, for a second baseline after the large run. */
  const shrinkFuture = async (total: number) => {
    await sql`delete from reminder where dedupe_key like 'bench:%' and substr(dedupe_key, 7)::int > ${total}`.execute(
      db,
    );
    future = total;
    await settle();
  };
  const resetDue = () =>
    sql`update reminder set status = 'pending', attempts = 0, sent_at = null, lease_owner = null, lease_until = null
        where incident_id in (${sql.join(due)}) and dedupe_key not like 'bench:%'`.execute(db);

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

  const measure = async (pending: number) => {
    if (pending > future) await fillFuture(pending);
    else if (pending < future) await shrinkFuture(pending);
    const ticks: number[] = [];
    const idle: number[] = [];
    for (let round = 0; round < REPEATS; round += 1) {
      await resetDue();
      const started = performance.now();
      const report = await dispatcher.tick();
      ticks.push(performance.now() - started);
      if (report.sent !== 100) throw new Error(`expected 100 sent, got ${JSON.stringify(report)}`);
      const quiet = performance.now();
      await dispatcher.tick();
      idle.push(performance.now() - quiet);
    }
    return {
      pending,
      tick: median(ticks),
      min: Math.min(...ticks),
      max: Math.max(...ticks),
      idle: median(idle),
    };
  };

  console.log(
    `Reminder tick benchmark — ${(await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v.split(' on ')[0]}`,
  );
  console.log(
    `Each tick claims, checks and sends the same 100 due reminders (fake gateway); median of ${REPEATS}.\n`,
  );
  await dispatcher.tick(); // warm-up: connections, plans, caches
  const small = await measure(1_000);
  const large = await measure(1_000_000);
  const plan = await claimPlan();
  const again = await measure(1_000);
  const baseline = (small.tick + again.tick) / 2;
  const idleBaseline = (small.idle + again.idle) / 2;
  const rows = [small, large, again].map((r) => [
    fmt(r.pending, 0).padStart(9),
    '100'.padStart(3),
    fmt(r.tick).padStart(9),
    `${fmt(r.min)}–${fmt(r.max)}`.padStart(13),
    fmt(r.idle, 2).padStart(9),
  ]);
  console.log('  pending future | due | tick (ms) |  range (ms)   | idle tick (ms)');
  for (const row of rows) console.log(`  ${row[0]}      | ${row[1]} | ${row[2]} | ${row[3]} | ${row[4]}`);
  console.log(
    `\n  ratio tick(1,000,000) / tick(1,000) = ${fmt(large.tick / baseline, 2)}  (target < 1.5; ` +
      `baseline = mean of both 1,000 runs, ${fmt(baseline)} ms)`,
  );
  console.log(`  ratio idle tick                     = ${fmt(large.idle / idleBaseline, 2)}`);
  console.log(`  due claim plan with 1,000,000 pending rows: ${plan}`);

  async function claimPlan(): Promise<string> {
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
    const lines = result.rows.map((r) => r['QUERY PLAN'].trim());
    return lines.find((line) => line.includes('reminder_pending_due_idx')) ?? 'no partial index scan found';
  }

  // Throughput: one instance, 1,000 due reminders of 100 incidents.
  await dueIncidents(100, 10, 'rate');
  const before = gateway.sent;
  const started = performance.now();
  const report = await dispatcher.tick();
  const seconds = (performance.now() - started) / 1000;
  const sent = gateway.sent - before;
  console.log(
    `\n  dispatch rate: ${fmt(sent, 0)} due reminders in ${fmt(seconds, 2)} s = ${fmt(sent / seconds, 0)} reminders/s` +
      ` (one instance, ${report.claimed} claimed, 32 per round, 8 at a time, pool of 10 connections)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
