import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { auditRepository } from '../../db/repositories/audit.repository.js';
import type { RetentionStore } from './retention.port.js';

/** The last entry in an incident's audit trail (every change writes one); its opening otherwise. */
const lastActivity = sql<Date>`coalesce((select max(a.at) from audit_event a where a.incident_id = incident.id), incident.created_at)`;

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

    async listIdle(lastActivityBefore, limit) {
      const rows = await db
        .selectFrom('incident')
        .select(['id', 'workspace_id', 'number', 'lead_id', 'idle_warned_at'])
        .select(lastActivity.as('last_activity'))
        .where('status', '<>', 'finished')
        .where('purged_at', 'is', null)
        .where(lastActivity, '<', lastActivityBefore)
        .orderBy('last_activity')
        .limit(limit)
        .execute();
      return rows.map((row) => {
        const last = new Date(row.last_activity);
        const warned = row.idle_warned_at && row.idle_warned_at > last ? row.idle_warned_at : null;
        return {
          incidentId: row.id,
          workspaceId: row.workspace_id,
          number: row.number,
          leadId: row.lead_id,
          lastActivity: last,
          warnedAt: warned,
        };
      });
    },

    async markIdleWarned(incidentId, at) {
      await db.updateTable('incident').set({ idle_warned_at: at }).where('id', '=', incidentId).execute();
    },

    async purge({ incidentId, finishedBefore, idle, marker, at, actorId }) {
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('incident')
          .select(['id', 'workspace_id'])
          .where('id', '=', incidentId)
          .where('purged_at', 'is', null);
        query = idle
          ? query
              .where('status', '<>', 'finished')
              .where('idle_warned_at', '<=', idle.warnedBefore)
              .where(lastActivity, '<', idle.lastActivityBefore)
              .where(lastActivity, '<', sql<Date>`incident.idle_warned_at`)
          : query.where('status', '=', 'finished').where('finished_at', '<', finishedBefore);
        const incident = await query.forUpdate().executeTakeFirst();
        if (!incident) return null;
        const removed = async (
          table:
            | 'incident_member'
            | 'note'
            | 'form_answer'
            | 'reminder'
            | 'card_message'
            | 'incident_opening',
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
        // Where the opener's confirmation is (their own chat with the bot) and the last opening problem.
        await removed('incident_opening');
        // Steps keep key, phase, status and dates; the owner and who assigned it (people) and the
        // free-text reason go. A step's assigner would otherwise name the pseudonym of its step.assigned entry.
        await trx
          .updateTable('step')
          .set({
            owner_id: sql<string | null>`case when status = 'claimed' then ${marker} else null end`,
            assigned_by: null,
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
        const counts = { members, notes, forms, reminders, steps: steps.total, stepsDone: steps.done };
        // Before the incident is marked purged: from then on no entry may name a person in it.
        await auditRepository(trx).append({
          workspaceId: incident.workspace_id,
          incidentId,
          actorId,
          action: 'incident.purged',
          details: counts,
          at,
        });
        await trx
          .updateTable('incident')
          .set({ title: marker, lead_id: marker, opened_by: marker, purged_at: at, updated_at: at })
          .where('id', '=', incidentId)
          .execute();
        // Last: from here on nothing in the database says who the pseudonyms in its audit trail are.
        await trx.deleteFrom('audit_actor').where('incident_id', '=', incidentId).execute();
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
