import type { Selectable } from 'kysely';
import type { Note } from '../../core/incidents/incident.types.js';
import type { NoteRepository } from '../../core/ports/store.js';
import type { NoteTable } from '../tables/note.table.js';
import { type Db, rowsWhere } from './db.js';

export function noteRepository(db: Db): NoteRepository {
  const newestFirst = (incidentId: string) =>
    rowsWhere(db, 'note', { incident_id: incidentId }).orderBy('created_at', 'desc').orderBy('id', 'desc');
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
      return (await newestFirst(incidentId).limit(limit).execute()).map(toNote);
    },
    async listForStep(incidentId, stepKey, limit) {
      const rows = await newestFirst(incidentId).where('step_key', '=', stepKey).limit(limit).execute();
      return rows.map(toNote);
    },
    async countByStep(incidentId) {
      const rows = await db
        .selectFrom('note')
        .select(['step_key', (eb) => eb.fn.countAll<string>().as('count')])
        .where('incident_id', '=', incidentId)
        .where('step_key', 'is not', null)
        .groupBy('step_key')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.step_key as string, Number(row.count)]));
    },
  };
}

function toNote(row: Selectable<NoteTable>): Note {
  return {
    id: row.id,
    incidentId: row.incident_id,
    stepKey: row.step_key,
    authorId: row.author_id,
    text: row.text,
    createdAt: row.created_at,
  };
}
