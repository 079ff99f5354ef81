import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { json } from '../../db/repositories/db.js';
import type { RetentionStore } from './retention.port.js';

/** Facts are kept as codes for statistics; nothing in them names a person. */
export function retentionRepository(db: Kysely<Database>): RetentionStore {
  return {
    async listExpired(finishedBefore, limit) {
      const rows = await db
        .selectFrom('incident')
        .select(['id', 'workspace_id'])
        .where('status', '=', 'finished')
        .where('purged_at', 'is', null)
        .where('finished_at', '<', finishedBefore)
        .orderBy('finished_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ incidentId: row.id, workspaceId: row.workspace_id }));
    },

    async purge({ incidentId, finishedBefore, marker, at, actorId }) {
      return db.transaction().execute(async (trx) => {
        const incident = await trx
          .selectFrom('incident')
          .select(['id', 'workspace_id'])
          .where('id', '=', incidentId)
          .where('status', '=', 'finished')
          .where('purged_at', 'is', null)
          .where('finished_at', '<', finishedBefore)
          .forUpdate()
          .executeTakeFirst();
        if (!incident) return null;
        const removed = async (
          table: 'incident_member' | 'note' | 'form_answer' | 'reminder' | 'card_message',
        ) =>
          Number(
            (await trx.deleteFrom(table).where('incident_id', '=', incidentId).executeTakeFirst())
              .numDeletedRows,
          );
        const members = await removed('incident_member');
        const notes = await removed('note');
        const forms = await removed('form_answer');
        const reminders = await removed('reminder');
        await removed('card_message');
        // Steps keep key, phase, status and dates; the owner (a person) and the free-text reason go.
        await trx
          .updateTable('step')
          .set({
            owner_id: sql<string | null>`case when status = 'claimed' then ${marker} else null end`,
            na_reason: null,
          })
          .where('incident_id', '=', incidentId)
          .execute();
        const steps = await trx
          .selectFrom('step')
          .select([
            sql<number>`count(*)::int`.as('total'),
            sql<number>`(count(*) filter (where status = 'done'))::int`.as('done'),
          ])
          .where('incident_id', '=', incidentId)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('incident')
          .set({ title: marker, lead_id: marker, opened_by: marker, purged_at: at, updated_at: at })
          .where('id', '=', incidentId)
          .execute();
        const counts = { members, notes, forms, reminders, steps: steps.total, stepsDone: steps.done };
        await trx
          .insertInto('audit_event')
          .values({
            workspace_id: incident.workspace_id,
            incident_id: incidentId,
            actor_id: actorId,
            action: 'incident.purged',
            details: json(counts),
            at,
          })
          .execute();
        return counts;
      });
    },

    async forgetRequests(before) {
      const result = await db
        .deleteFrom('processed_request')
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
