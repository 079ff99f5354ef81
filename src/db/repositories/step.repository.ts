import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Step, StepStatus } from '../../core/incidents/incident.types.js';
import type { StepChanges, StepRepository } from '../../core/ports/store.js';
import type { StepTable } from '../tables/step.table.js';
import { pseudonymized } from './audit-actor.repository.js';
import { type Db, inTransaction, json, rowsWhere, withLock } from './db.js';

export function stepRepository(db: Db): StepRepository {
  const repository: StepRepository = {
    async insertAll(steps) {
      if (steps.length === 0) return;
      await db.insertInto('step').values(steps.map(toRow)).execute();
    },
    async get(incidentId, key, lock) {
      const query = rowsWhere(db, 'step', { incident_id: incidentId, key });
      const row = await withLock(query, lock).executeTakeFirst();
      return row && toStep(row);
    },
    async getMany(incidentId, keys, lock) {
      if (keys.length === 0) return [];
      const query = rowsWhere(db, 'step', { incident_id: incidentId })
        .where('key', 'in', keys)
        .orderBy('key');
      return (await withLock(query, lock).execute()).map(toStep);
    },
    async list(incidentId) {
      const rows = await rowsWhere(db, 'step', { incident_id: incidentId }).orderBy('position').execute();
      return rows.map(toStep);
    },
    update(step) {
      return repository.updateMany([step]);
    },
    async updateMany(steps) {
      if (steps.length === 0) return;
      await updateSteps(steps).execute(db);
    },
    writeChanges(changes) {
      return inTransaction(db, (trx) => writeChanges(trx, changes));
    },
  };
  return repository;
}

async function writeChanges(db: Db, { steps, audit: events, requests }: StepChanges): Promise<void> {
  const parts: RawBuilder<unknown>[] = [];
  if (steps.length > 0) parts.push(sql`s as (${updateSteps(steps)} returning 1)`);
  // The people's pseudonyms need a statement of their own (see pseudonymized).
  const audit = await pseudonymized(db, events);
  if (audit.length > 0) {
    const rows = audit.map(
      (event) => sql`(${event.workspaceId}::uuid, ${event.incidentId}::uuid, ${event.actorId}::text,
            ${event.action}::text, ${json(event.details)}::jsonb, ${event.at}::timestamptz)`,
    );
    parts.push(sql`a as (insert into audit_event (workspace_id, incident_id, actor_id, action, details, at)
          values ${sql.join(rows)} returning 1)`);
  }
  if (requests.keys.length > 0) {
    const rows = requests.keys.map((key) => sql`(${requests.scope}::text, ${key}::text)`);
    parts.push(sql`r as (insert into processed_request (scope, key) values ${sql.join(rows)}
          on conflict (scope, key) do nothing returning 1)`);
  }
  if (parts.length === 0) return;
  // The rest in one statement: a batch of actions costs one round trip, and one for the pseudonyms.
  await sql`with ${sql.join(parts)} select 1`.execute(db);
}

/** UPDATE … FROM (VALUES …): changes existing steps only, never adds one. */
function updateSteps(steps: Step[]): RawBuilder<unknown> {
  const rows = steps.map((step) => {
    const row = toRow(step);
    return sql`(${row.incident_id}::uuid, ${row.key}::text, ${row.status}::text, ${row.owner_id}::text,
      ${row.assigned_by}::text, ${row.due_at}::timestamptz, ${row.na_reason}::text, ${row.na_by_condition}::boolean,
      ${row.completed_at}::timestamptz, ${row.updated_at}::timestamptz, ${row.revision}::integer)`;
  });
  return sql`
    update step set status = v.status, owner_id = v.owner_id, assigned_by = v.assigned_by, due_at = v.due_at,
      na_reason = v.na_reason, na_by_condition = v.na_by_condition,
      completed_at = v.completed_at, updated_at = v.updated_at, revision = v.revision
    from (values ${sql.join(rows)}) as v(incident_id, key, status, owner_id, assigned_by, due_at, na_reason,
      na_by_condition, completed_at, updated_at, revision)
    where step.incident_id = v.incident_id and step.key = v.key`;
}

function toRow(step: Step) {
  return {
    incident_id: step.incidentId,
    key: step.key,
    phase_key: step.phaseKey,
    position: step.position,
    status: step.status,
    owner_id: step.ownerId,
    assigned_by: step.assignedBy,
    due_at: step.dueAt,
    na_reason: step.naReason,
    na_by_condition: step.naByCondition,
    completed_at: step.completedAt,
    updated_at: step.updatedAt,
    revision: step.revision,
  };
}

function toStep(row: Selectable<StepTable>): Step {
  return {
    incidentId: row.incident_id,
    key: row.key,
    phaseKey: row.phase_key,
    position: row.position,
    status: row.status as StepStatus,
    ownerId: row.owner_id,
    assignedBy: row.assigned_by,
    dueAt: row.due_at,
    naReason: row.na_reason,
    naByCondition: row.na_by_condition,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}
