import { type Kysely, sql } from 'kysely';

/**
 * How an incident's opening goes, for the person who asked: where their confirmation message is
 * (so it can be updated to a link or to an error) and why the last attempt failed, if it did.
 * A platform reference and a code only; no content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incident_opening')
    .addColumn('incident_id', 'uuid', (c) => c.primaryKey().references('incident.id').onDelete('cascade'))
    .addColumn('notice_ref', 'text')
    .addColumn('problem_code', 'text')
    .addColumn('problem_detail', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incident_opening').execute();
}
