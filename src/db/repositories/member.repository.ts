import type { Member } from '../../core/incidents/incident.types.js';
import type { MemberRepository } from '../../core/ports/store.js';
import { type Db, rowsWhere } from './db.js';

export function memberRepository(db: Db): MemberRepository {
  return {
    async add(members) {
      if (members.length === 0) return;
      await db
        .insertInto('incident_member')
        .values(
          members.map((member) => ({
            incident_id: member.incidentId,
            user_id: member.userId,
            display_name: member.displayName,
            added_by: member.addedBy,
            added_at: member.addedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
        .execute();
    },
    async remove(incidentId, userId) {
      await db
        .deleteFrom('incident_member')
        .where('incident_id', '=', incidentId)
        .where('user_id', '=', userId)
        .execute();
    },
    async list(incidentId) {
      const rows = await rowsWhere(db, 'incident_member', { incident_id: incidentId })
        .orderBy('added_at')
        .orderBy('user_id')
        .execute();
      return rows.map(toMember);
    },
    async get(incidentId, userId) {
      const row = await rowsWhere(db, 'incident_member', {
        incident_id: incidentId,
        user_id: userId,
      }).executeTakeFirst();
      return row && toMember(row);
    },
  };
}

/** A member row, as read directly or inside a JSON aggregate (where the time is text). */
export function toMember(row: {
  incident_id: string;
  user_id: string;
  display_name: string | null;
  added_by: string;
  added_at: Date | string;
}): Member {
  return {
    incidentId: row.incident_id,
    userId: row.user_id,
    displayName: row.display_name,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at),
  };
}
