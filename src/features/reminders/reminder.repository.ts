import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/kysely-store.js';
import { type Db, rowsWhere } from '../../db/repositories/db.js';
import type { ClaimRequest, ReminderStore } from './reminder.port.js';
import type { ReminderTable } from './reminder.table.js';
import type {
  Reminder,
  ReminderKind,
  ReminderOutcome,
  ReminderState,
  ReminderStatus,
} from './reminder.types.js';

/** The reminder schedule on PostgreSQL or PGlite. */
export function reminderRepository(db: Kysely<Database>): ReminderStore {
  /** Settles a reminder this instance claimed; false when the claim is no longer ours. */
  const settle = async (id: string, owner: string, changes: Partial<Selectable<ReminderTable>>) => {
    const result = await db
      .updateTable('reminder')
      .set({ ...changes, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  };

  /** Records what a person decided (done, stopped); a reminder still waiting is cancelled. */
  const setOutcome = async (id: string, outcome: 'done' | 'stopped', now: Date) => {
    const result = await db
      .updateTable('reminder')
      .set((eb) => ({
        outcome,
        status: eb.case().when('status', '=', 'pending').then('cancelled').else(eb.ref('status')).end(),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('outcome', 'is distinct from', outcome)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  };

  return {
    async sync(incidentId, plan, now) {
      return db.transaction().execute(async (trx) => {
        // One sync per incident at a time, on every instance: each plans from the state it read
        // under the lock, so a slower sync can never undo a newer one.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`reminder-sync:${incidentId}`}, 0))`.execute(
          trx,
        );
        const state = await readState(trx, incidentId);
        if (!state) return { inserted: 0, cancelled: 0, kinds: [] };
        const wanted = plan(state);
        const kinds = new Set<ReminderKind>();
        let inserted = 0;
        if (wanted.length > 0) {
          const rows = await trx
            .insertInto('reminder')
            .values(
              wanted.map((item) => ({
                workspace_id: state.incident.workspaceId,
                incident_id: incidentId,
                kind: item.kind,
                dedupe_key: item.key,
                step_key: item.stepKey,
                ref: item.ref,
                target_id: item.targetId,
                about: item.about,
                due_at: item.dueAt,
                status: 'pending',
                created_at: now,
                updated_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['incident_id', 'dedupe_key']).doNothing())
            .returning('kind')
            .execute();
          inserted = rows.length;
          for (const row of rows) kinds.add(row.kind as ReminderKind);
        }
        let cancel = trx
          .updateTable('reminder')
          .set({ status: 'cancelled', updated_at: now })
          .where('incident_id', '=', incidentId)
          .where('status', '=', 'pending');
        if (wanted.length > 0) {
          cancel = cancel.where(
            'dedupe_key',
            'not in',
            wanted.map((item) => item.key),
          );
        }
        const cancelled = await cancel.returning('kind').execute();
        for (const row of cancelled) kinds.add(row.kind as ReminderKind);
        return { inserted, cancelled: cancelled.length, kinds: [...kinds] };
      });
    },

    loadState: (incidentId) => readState(db, incidentId),

    async get(id) {
      if (!isUuid(id)) return undefined;
      const row = await rowsWhere(db, 'reminder', { id }).executeTakeFirst();
      return row && toReminder(row);
    },

    async listForIncident(incidentId) {
      const rows = await rowsWhere(db, 'reminder', { incident_id: incidentId })
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toReminder);
    },

    async listIncidentsToSync(finishedSince, afterId, limit) {
      let query = db
        .selectFrom('incident')
        .select('id')
        .where('purged_at', 'is', null)
        .where((eb) => eb.or([eb('status', '<>', 'finished'), eb('finished_at', '>=', finishedSince)]))
        .orderBy('id')
        .limit(limit);
      if (afterId) query = query.where('id', '>', afterId);
      return (await query.execute()).map((row) => row.id);
    },

    async claimDue(request) {
      // Taken-over claims first: they have waited longest.
      const expired = await claimStatement(db, 'expired', request).execute();
      const rest = request.limit - expired.length;
      const due = rest > 0 ? await claimStatement(db, 'due', { ...request, limit: rest }).execute() : [];
      return [...expired, ...due].map(toReminder);
    },

    markSent: (id, owner, now) =>
      settle(id, owner, { status: 'sent', sent_at: now, last_error: null, updated_at: now }),

    async release(id, owner, dueAt, refund, now) {
      const result = await db
        .updateTable('reminder')
        .set((eb) => ({
          status: 'pending',
          due_at: dueAt,
          lease_owner: null,
          lease_until: null,
          attempts: refund ? eb('attempts', '-', 1) : eb.ref('attempts'),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    retryLater: (id, owner, dueAt, code, now) =>
      settle(id, owner, { status: 'pending', due_at: dueAt, last_error: code, updated_at: now }),

    markFailed: (id, owner, code, now) =>
      settle(id, owner, { status: 'failed', last_error: code, updated_at: now }),

    cancelClaimed: (id, owner, now) => settle(id, owner, { status: 'cancelled', updated_at: now }),

    markDone: (id, now) => setOutcome(id, 'done', now),

    async snooze(id, dueAt, now) {
      const result = await db
        .updateTable('reminder')
        .set({
          status: 'pending',
          due_at: dueAt,
          attempts: 0,
          last_error: null,
          outcome: 'snoozed',
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'sent', 'failed', 'cancelled'])
        .where('outcome', 'is distinct from', 'stopped')
        .where((eb) => eb.or([eb('status', '<>', 'pending'), eb('due_at', '<>', dueAt)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    stop: (id, now) => setOutcome(id, 'stopped', now),
  };
}

/**
 * Claims up to `limit` reminders in one statement: `due` takes pending ones whose time has come,
 * `expired` takes over those whose sender's lease ran out. SKIP LOCKED lets instances claim side
 * by side without waiting for or taking each other's rows; each query reads only its own
 * partial index (reminder_pending_due_idx, reminder_sending_lease_idx).
 */
export function claimStatement(db: Kysely<Database>, which: 'due' | 'expired', request: ClaimRequest) {
  const { now, owner, leaseUntil, limit } = request;
  const status = which === 'expired' ? 'sending' : 'pending';
  // The rows are picked in a materialised CTE: as `id IN (subquery … LIMIT … SKIP LOCKED)` the
  // planner may run the subquery more than once and claim more rows than the limit.
  return db
    .with(
      (cte) => cte('picked').materialized(),
      (qb) => {
        const rows = qb.selectFrom('reminder').select('id').where('status', '=', status);
        const ordered =
          which === 'expired'
            ? rows.where('lease_until', '<=', now).orderBy('lease_until')
            : rows.where('due_at', '<=', now).orderBy('due_at');
        return ordered.limit(limit).forUpdate().skipLocked();
      },
    )
    .updateTable('reminder')
    .from('picked')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_until: leaseUntil,
      attempts: eb('reminder.attempts', '+', 1),
      updated_at: now,
    }))
    .whereRef('reminder.id', '=', 'picked.id')
    .where('reminder.status', '=', status)
    .returningAll('reminder');
}

async function readState(db: Db, incidentId: string): Promise<ReminderState | undefined> {
  const repos = createRepositories(db);
  const incident = await repos.incidents.get(incidentId);
  if (!incident) return undefined;
  const workspace = await repos.workspaces.get(incident.workspaceId);
  if (!workspace) return undefined;
  const [members, steps, forms, rows] = await Promise.all([
    repos.members.list(incidentId),
    repos.steps.list(incidentId),
    repos.forms.list(incidentId),
    rowsWhere(db, 'reminder', { incident_id: incidentId }).execute(),
  ]);
  return { incident, workspace, members, steps, forms, reminders: rows.map(toReminder) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A payload may carry anything; PostgreSQL would refuse a malformed uuid with an error. */
function isUuid(value: string): boolean {
  return UUID.test(value);
}

function toReminder(row: Selectable<ReminderTable>): Reminder {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    incidentId: row.incident_id,
    kind: row.kind as ReminderKind,
    key: row.dedupe_key,
    stepKey: row.step_key,
    ref: row.ref,
    targetId: row.target_id,
    about: row.about,
    dueAt: row.due_at,
    status: row.status as ReminderStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    outcome: row.outcome as ReminderOutcome | null,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
