import { type Kysely, sql } from 'kysely';

/**
 * Closing ends the acute phase only; aftercare and the evaluation go on. An incident is
 * *finished* (`afgerond`) when those are done, or when its lead ends them with a reason.
 *
 * Incidents closed before this change were closed under the old rule, which ended everything
 * (their reminders were cancelled then): they become finished at the moment they were closed,
 * so the retention period, now counted from finishing, still runs from the same day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incident').addColumn('finished_at', 'timestamptz').execute();
  await db.schema.alterTable('incident').dropConstraint('incident_status_check').execute();
  await db.schema
    .alterTable('incident')
    .addCheckConstraint('incident_status_check', sql`status in ('opening', 'open', 'closed', 'finished')`)
    .execute();
  await db.schema
    .alterTable('incident')
    .addCheckConstraint('incident_finished_has_date', sql`status <> 'finished' or finished_at is not null`)
    .execute();
  await sql`update incident set status = 'finished', finished_at = closed_at where status = 'closed'`.execute(
    db,
  );
  await sql`drop index incident_retention_idx`.execute(db);
  await sql`create index incident_retention_idx on incident (finished_at) where status = 'finished' and purged_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index incident_retention_idx`.execute(db);
  await sql`update incident set status = 'closed' where status = 'finished'`.execute(db);
  await db.schema.alterTable('incident').dropConstraint('incident_finished_has_date').execute();
  await db.schema.alterTable('incident').dropConstraint('incident_status_check').execute();
  await db.schema
    .alterTable('incident')
    .addCheckConstraint('incident_status_check', sql`status in ('opening', 'open', 'closed')`)
    .execute();
  await db.schema.alterTable('incident').dropColumn('finished_at').execute();
  await sql`create index incident_retention_idx on incident (closed_at) where status = 'closed' and purged_at is null`.execute(
    db,
  );
}
