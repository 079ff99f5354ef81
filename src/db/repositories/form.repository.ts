import type { Selectable } from 'kysely';
import type { FormAnswer } from '../../core/incidents/incident.types.js';
import type { FormKind } from '../../core/playbook/playbook.types.js';
import type { FormRepository } from '../../core/ports/store.js';
import type { FormAnswerTable } from '../tables/form-answer.table.js';
import { type Db, json, rowsWhere } from './db.js';

export function formRepository(db: Db): FormRepository {
  return {
    async upsert(answer) {
      const row = {
        incident_id: answer.incidentId,
        step_key: answer.stepKey,
        kind: answer.kind,
        data: json(answer.data),
        updated_by: answer.updatedBy,
        updated_at: answer.updatedAt,
      };
      await db
        .insertInto('form_answer')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['incident_id', 'step_key']).doUpdateSet({
            kind: row.kind,
            data: row.data,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async get(incidentId, stepKey) {
      const row = await rowsWhere(db, 'form_answer', {
        incident_id: incidentId,
        step_key: stepKey,
      }).executeTakeFirst();
      return row && toAnswer(row);
    },
    async list(incidentId) {
      return (await rowsWhere(db, 'form_answer', { incident_id: incidentId }).execute()).map(toAnswer);
    },
  };
}

function toAnswer(row: Selectable<FormAnswerTable>): FormAnswer {
  return {
    incidentId: row.incident_id,
    stepKey: row.step_key,
    kind: row.kind as FormKind,
    data: row.data,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}
