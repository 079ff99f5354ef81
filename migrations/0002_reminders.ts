import { type Kysely, sql } from 'kysely';

/**
 * Reminders: one row per scheduled message, claimed by scheduler instances under a lease.
 * Also an index for the retention job's search for incidents closed long ago.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminder')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspace.id'))
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('aftercare', 'rest_end', 'overdue', 'nudge', 'evaluation')`),
    )
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('step_key', 'text')
    .addColumn('ref', 'text')
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('about', 'text')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('done', 'snoozed', 'stopped')`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('reminder_incident_key', ['incident_id', 'dedupe_key'])
    .addCheckConstraint('reminder_sending_has_lease', sql`status <> 'sending' or lease_until is not null`)
    .execute();
  // The tick's two questions, each answered from an index that holds only the rows concerned:
  // its cost follows the number of due (or in-flight) reminders, not of all ever stored.
  await sql`create index reminder_pending_due_idx on reminder (due_at) where status = 'pending'`.execute(db);
  await sql`create index reminder_sending_lease_idx on reminder (lease_until) where status = 'sending'`.execute(
    db,
  );
  await sql`create index incident_retention_idx on incident (closed_at) where status = 'closed' and purged_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists incident_retention_idx`.execute(db);
  await db.schema.dropTable('reminder').execute();
}
