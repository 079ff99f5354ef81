import type { NoteRepository } from '../../core/ports/store.js';
import { type Db, rowsWhere } from './db.js';

export function noteRepository(db: Db): NoteRepository {
  return {
    async add(note) {
      await db
        .insertInto('note')
        .values({
          id: note.id,
          incident_id: note.incidentId,
          step_key: note.stepKey,
          author_id: note.authorId,
          text: note.text,
          created_at: note.createdAt,
        })
        .execute();
    },
    async list(incidentId, limit) {
      const rows = await rowsWhere(db, 'note', { incident_id: incidentId })
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        incidentId: row.incident_id,
        stepKey: row.step_key,
        authorId: row.author_id,
        text: row.text,
        createdAt: row.created_at,
      }));
    },
  };
}
