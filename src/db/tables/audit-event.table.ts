import type { ColumnType, Generated } from 'kysely';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditEventTable {
  id: Generated<string>;
  workspace_id: string;
  incident_id: string | null;
  actor_id: string;
  action: string;
  details: ColumnType<Record<string, string | number | boolean | null>, string, never>;
  at: Date;
}
