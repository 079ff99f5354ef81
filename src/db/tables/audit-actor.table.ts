import type { Generated } from 'kysely';

/**
 * Who a pseudonym in an incident's audit trail stands for. Rows are added and removed (by the
 * retention purge), never changed.
 */
export interface AuditActorTable {
  incident_id: string;
  /** Random, made by the database on insert. */
  pseudonym: Generated<string>;
  user_id: string;
}
