import type { OpeningProblem, OpeningRepository } from '../../core/ports/store.js';
import { type Db, rowsWhere } from './db.js';

export function openingRepository(db: Db): OpeningRepository {
  const upsert = async (
    incidentId: string,
    values: { notice_ref?: string; problem_code?: string | null; problem_detail?: string | null },
  ) => {
    const now = new Date();
    await db
      .insertInto('incident_opening')
      .values({ incident_id: incidentId, ...values, updated_at: now })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet({ ...values, updated_at: now }))
      .execute();
  };
  return {
    async get(incidentId) {
      const row = await rowsWhere(db, 'incident_opening', { incident_id: incidentId }).executeTakeFirst();
      if (!row) return undefined;
      return {
        incidentId: row.incident_id,
        noticeRef: row.notice_ref,
        problem: row.problem_code ? { code: row.problem_code, detail: row.problem_detail } : null,
      };
    },
    saveNotice: (incidentId, noticeRef) => upsert(incidentId, { notice_ref: noticeRef }),
    saveProblem: (incidentId, problem: OpeningProblem | null) =>
      upsert(incidentId, { problem_code: problem?.code ?? null, problem_detail: problem?.detail ?? null }),
  };
}
