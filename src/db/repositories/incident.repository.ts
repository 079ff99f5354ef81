import type { Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Incident, IncidentKind, IncidentStatus } from '../../core/incidents/incident.types.js';
import type { IncidentFacts } from '../../core/playbook/playbook.types.js';
import type { IncidentRepository } from '../../core/ports/store.js';
import type { IncidentTable } from '../tables/incident.table.js';
import { type Db, json, rowsWhere, withLock } from './db.js';
import { toMember } from './member.repository.js';

export function incidentRepository(db: Db): IncidentRepository {
  return {
    async allocateNumber(workspaceId, year) {
      // One statement: concurrent openings queue on the counter row and each gets its own number.
      const row = await db
        .insertInto('incident_counter')
        .values({ workspace_id: workspaceId, year, last_seq: 1 })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'year'])
            .doUpdateSet((eb) => ({ last_seq: eb('incident_counter.last_seq', '+', 1) })),
        )
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      return row.last_seq;
    },
    async insert(incident) {
      await db.insertInto('incident').values(toRow(incident)).execute();
    },
    async update(incident) {
      const { id, workspace_id, number, created_at, ...changes } = toRow(incident);
      await db.updateTable('incident').set(changes).where('id', '=', id).execute();
    },
    async get(id, lock) {
      const row = await withLock(rowsWhere(db, 'incident', { id }), lock).executeTakeFirst();
      return row && toIncident(row);
    },
    async getWithMembers(id, lock) {
      // One round trip: every change by a member starts with this.
      const query = db
        .selectFrom('incident')
        .selectAll('incident')
        .select((eb) =>
          jsonArrayFrom(
            eb
              .selectFrom('incident_member as m')
              .selectAll('m')
              .whereRef('m.incident_id', '=', 'incident.id')
              .orderBy('m.added_at')
              .orderBy('m.user_id'),
          ).as('members'),
        )
        .where('incident.id', '=', id);
      const row = await withLock(query, lock).executeTakeFirst();
      if (!row) return undefined;
      const { members, ...incident } = row;
      return { incident: toIncident(incident), members: members.map(toMember) };
    },
    async findBySpace(workspaceId, spaceId) {
      const row = await rowsWhere(db, 'incident', {
        workspace_id: workspaceId,
        space_id: spaceId,
      }).executeTakeFirst();
      return row && toIncident(row);
    },
    async listForMember(workspaceId, userId, statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('incident')
        .innerJoin('incident_member', 'incident_member.incident_id', 'incident.id')
        .selectAll('incident')
        .where('incident.workspace_id', '=', workspaceId)
        .where('incident_member.user_id', '=', userId)
        .where('incident.status', 'in', statuses)
        .orderBy('incident.created_at', 'desc')
        .execute();
      return rows.map(toIncident);
    },
    async listForWorkspace(workspaceId, statuses, limit) {
      if (statuses.length === 0) return [];
      const rows = await rowsWhere(db, 'incident', { workspace_id: workspaceId })
        .where('status', 'in', statuses)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toIncident);
    },
    async listByStatus(status, limit) {
      const rows = await rowsWhere(db, 'incident', { status }).orderBy('created_at').limit(limit).execute();
      return rows.map(toIncident);
    },
  };
}

function toRow(incident: Incident) {
  return {
    id: incident.id,
    workspace_id: incident.workspaceId,
    number: incident.number,
    title: incident.title,
    kind: incident.kind,
    facts: json(incident.facts),
    status: incident.status,
    lead_id: incident.leadId,
    opened_by: incident.openedBy,
    playbook_key: incident.playbookKey,
    playbook_version: incident.playbookVersion,
    space_id: incident.spaceId,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    closed_at: incident.closedAt,
    finished_at: incident.finishedAt,
    purged_at: incident.purgedAt,
  };
}

function toIncident(row: Selectable<IncidentTable>): Incident {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    number: row.number,
    title: row.title,
    kind: row.kind as IncidentKind,
    facts: row.facts as unknown as IncidentFacts,
    status: row.status as IncidentStatus,
    leadId: row.lead_id,
    openedBy: row.opened_by,
    playbookKey: row.playbook_key,
    playbookVersion: row.playbook_version,
    spaceId: row.space_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    finishedAt: row.finished_at,
    purgedAt: row.purged_at,
  };
}
