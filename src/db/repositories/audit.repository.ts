import type { AuditAction } from '../../core/incidents/incident.types.js';
import type { AuditRepository } from '../../core/ports/store.js';
import { pseudonymized, reidentified } from './audit-actor.repository.js';
import { type Db, inTransaction, json, rowsWhere } from './db.js';

/**
 * Inserts and reads only: the table refuses UPDATE, DELETE and TRUNCATE. The people in an
 * incident's entries are stored as that incident's pseudonyms and read back as their ids.
 */
export function auditRepository(db: Db): AuditRepository {
  const repository: AuditRepository = {
    append(event) {
      return repository.appendMany([event]);
    },
    async appendMany(events) {
      if (events.length === 0) return;
      await inTransaction(db, async (trx) => {
        const stored = await pseudonymized(trx, events);
        await trx
          .insertInto('audit_event')
          .values(
            stored.map((event) => ({
              workspace_id: event.workspaceId,
              incident_id: event.incidentId,
              actor_id: event.actorId,
              action: event.action,
              details: json(event.details),
              at: event.at,
            })),
          )
          .execute();
      });
    },
    async list(incidentId) {
      const rows = await rowsWhere(db, 'audit_event', { incident_id: incidentId }).orderBy('id').execute();
      const events = rows.map((row) => ({
        id: String(row.id),
        workspaceId: row.workspace_id,
        incidentId: row.incident_id,
        actorId: row.actor_id,
        action: row.action as AuditAction,
        details: row.details,
        at: row.at,
      }));
      return reidentified(db, incidentId, events);
    },
  };
  return repository;
}
