import { type Kysely, sql } from 'kysely';

/**
 * A task on the action list that is past its last day nudges its owner: the reminder table
 * takes the kind `task`. Going down forgets those reminders, which the older code cannot send.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reminder drop constraint reminder_kind_check`.execute(db);
  await sql`alter table reminder add constraint reminder_kind_check
    check (kind in ('aftercare', 'rest_end', 'overdue', 'nudge', 'evaluation', 'task'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('reminder').where('kind', '=', 'task').execute();
  await sql`alter table reminder drop constraint reminder_kind_check`.execute(db);
  await sql`alter table reminder add constraint reminder_kind_check
    check (kind in ('aftercare', 'rest_end', 'overdue', 'nudge', 'evaluation'))`.execute(db);
}
