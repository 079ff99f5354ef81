import type { Kysely } from 'kysely';

/**
 * An incident that is never finished would otherwise be kept for ever. When nothing has happened
 * in it for almost the retention period, its lead is warned (`idle_warned_at`); thirty days later,
 * still without activity, its content is purged like a finished incident's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incident').addColumn('idle_warned_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incident').dropColumn('idle_warned_at').execute();
}
