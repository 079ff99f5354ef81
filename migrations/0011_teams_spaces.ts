import type { Kysely } from 'kysely';

/**
 * An incident space in Teams is a group chat or a private channel (TEAMS_SPACE). Per space:
 * - `kind`: `chat` or `channel` (rows from before are channels);
 * - `incident_id`: the incident the space belongs to (found again when the app is added);
 * - `space_name`: the name it was made under (`incident-2026-0042`), so a retry after a crash
 *   finds the chat it made instead of making a second one (chats have no unique name in Graph);
 * - `web_url`: the link Graph gave for it, shown as "open the incident";
 * - `app_ready_at`: when the bot could post there. A chat is ready at once (the app is installed
 *   in the same request); a private channel only once a member has added the app by hand and the
 *   bot received its own `channelMemberAdded`. Null while waiting.
 * - `app_reminded_at`: when the lead was reminded to add the app (once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams_conversation')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('channel'))
    .addColumn('incident_id', 'text')
    .addColumn('space_name', 'text')
    .addColumn('web_url', 'text')
    .addColumn('app_ready_at', 'timestamptz')
    .addColumn('app_reminded_at', 'timestamptz')
    .execute();
  // Spaces made before this version were posted to already.
  await db.updateTable('teams_conversation').set({ app_ready_at: new Date() }).execute();
  await db.schema
    .createIndex('teams_conversation_by_name')
    .on('teams_conversation')
    .columns(['workspace_id', 'space_name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('teams_conversation_by_name').execute();
  await db.schema
    .alterTable('teams_conversation')
    .dropColumn('kind')
    .dropColumn('incident_id')
    .dropColumn('space_name')
    .dropColumn('web_url')
    .dropColumn('app_ready_at')
    .dropColumn('app_reminded_at')
    .execute();
}
