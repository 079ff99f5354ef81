import type { Selectable } from 'kysely';
import type { Step, StepStatus } from '../../core/incidents/incident.types.js';
import type { StepRepository } from '../../core/ports/store.js';
import type { StepTable } from '../tables/step.table.js';
import { type Db, withLock } from './db.js';

export function stepRepository(db: Db): StepRepository {
  return {
    async insertAll(steps) {
      if (steps.length === 0) return;
      await db.insertInto('step').values(steps.map(toRow)).execute();
    },
    async get(incidentId, key, lock) {
      const query = db
        .selectFrom('step')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('key', '=', key);
      const row = await withLock(query, lock).executeTakeFirst();
      return row && toStep(row);
    },
    async list(incidentId) {
      const rows = await db
        .selectFrom('step')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('position')
        .execute();
      return rows.map(toStep);
    },
    async update(step) {
      const { incident_id, key, phase_key, position, ...changes } = toRow(step);
      await db
        .updateTable('step')
        .set(changes)
        .where('incident_id', '=', incident_id)
        .where('key', '=', key)
        .execute();
    },
  };
}

function toRow(step: Step) {
  return {
    incident_id: step.incidentId,
    key: step.key,
    phase_key: step.phaseKey,
    position: step.position,
    status: step.status,
    owner_id: step.ownerId,
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
    dueAt: row.due_at,
    naReason: row.na_reason,
    naByCondition: row.na_by_condition,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}
