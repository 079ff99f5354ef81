import type { Database } from './database.js';

/** A table privilege the bot's role may be given; the others (TRUNCATE, REFERENCES, TRIGGER) never. */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const READ_ADD = ['SELECT', 'INSERT'] as const;

/**
 * What the bot's database role may do on each table when the tables belong to a separate
 * owner role (MIGRATION_DATABASE_URL). Only what the code does: a table whose rows are never
 * changed gets no UPDATE, one whose rows are never removed no DELETE. `Record` over every
 * table Kysely knows, so a new table does not compile until it has its line here.
 *
 * SELECT is everywhere because every write is read back (RETURNING, ON CONFLICT, FOR UPDATE),
 * and FOR UPDATE also needs UPDATE (PostgreSQL docs, SELECT, "The Locking Clause"): the tables
 * locked that way (incident, step, reminder) have it anyway.
 */
export const BOT_TABLE_PRIVILEGES: Readonly<Record<keyof Database, readonly TablePrivilege[]>> = {
  // Evidence: added to and read, never changed. The append-only triggers stay as a second wall.
  audit_event: READ_ADD,
  // Who an incident's audit pseudonyms are: added on first sight, removed by the purge, never changed.
  audit_actor: [...READ_ADD, 'DELETE'],
  // Made on first sight; its settings are changed by the school's administrator in the database
  // (WorkspaceService reads them again every 30 s), never by the bot. Never removed.
  workspace: READ_ADD,
  // A stored playbook version never changes (INSERT … ON CONFLICT DO NOTHING).
  playbook: READ_ADD,
  // The yearly number: INSERT … ON CONFLICT DO UPDATE last_seq + 1.
  incident_counter: [...READ_ADD, 'UPDATE'],
  // Status, lead, closing and the retention purge's blanking; an incident row is never removed.
  incident: [...READ_ADD, 'UPDATE'],
  // Removed by the lead and by the retention purge; a membership is never edited.
  incident_member: [...READ_ADD, 'DELETE'],
  // The requester's confirmation and the last opening problem: INSERT … ON CONFLICT DO UPDATE;
  // removed with the incident's content by the retention purge.
  incident_opening: [...READ_ADD, 'UPDATE', 'DELETE'],
  // Claims, statuses and the purge's blanking; steps are never removed.
  step: [...READ_ADD, 'UPDATE'],
  // Never edited; removed by the retention purge.
  note: [...READ_ADD, 'DELETE'],
  // Saved again as INSERT … ON CONFLICT DO UPDATE; removed by the retention purge.
  form_answer: [...READ_ADD, 'UPDATE', 'DELETE'],
  // Never edited; removed by the retention purge.
  card_message: [...READ_ADD, 'DELETE'],
  // Delivery ids: recorded once (ON CONFLICT DO NOTHING), forgotten after 30 days.
  processed_request: [...READ_ADD, 'DELETE'],
  // Claimed, sent, snoozed and cancelled in place; removed by the retention purge.
  reminder: [...READ_ADD, 'UPDATE', 'DELETE'],
  // Where the bot reaches a team: INSERT … ON CONFLICT DO UPDATE when it changes.
  teams_team: [...READ_ADD, 'UPDATE'],
  // An incident space's address, recorded once (ON CONFLICT DO NOTHING); marked when the app
  // can post there and when the lead was reminded to add it.
  teams_conversation: [...READ_ADD, 'UPDATE'],
};

/** Kysely's own bookkeeping of the migrations: the bot's role gets nothing there. */
export const MIGRATION_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];
