import type { Kysely } from 'kysely';

/**
 * Who gave a step to its owner ("Toegewezen aan Zoë door Tom"); empty when the owner picked it
 * up themselves. A user id, like owner_id; the retention job clears it with the owner.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('step').addColumn('assigned_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('step').dropColumn('assigned_by').execute();
}
