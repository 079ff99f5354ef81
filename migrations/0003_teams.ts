import { type Kysely, sql } from 'kysely';

/**
 * Microsoft Teams: per workspace (one Teams team) where the bot reaches it, and per incident
 * channel the conversation the bot posts into. Ids and addresses only, no content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams_team')
    .addColumn('workspace_id', 'uuid', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('aad_group_id', 'text')
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('teams_team_tenant_idx').on('teams_team').column('tenant_id').execute();

  await db.schema
    .createTable('teams_conversation')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('teams_conversation_pkey', ['workspace_id', 'space_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('teams_conversation').execute();
  await db.schema.dropTable('teams_team').execute();
}
