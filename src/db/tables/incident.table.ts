import type { ColumnType, Generated } from 'kysely';

export interface IncidentCounterTable {
  workspace_id: string;
  year: number;
  last_seq: number;
}

export interface IncidentTable {
  id: string;
  workspace_id: string;
  number: string;
  title: string;
  kind: string;
  facts: ColumnType<Record<string, string>, string, string>;
  status: string;
  lead_id: string;
  opened_by: string;
  playbook_key: string;
  playbook_version: number;
  space_id: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  finished_at: Date | null;
  purged_at: Date | null;
  /** When the lead was told the idle incident will be purged in 30 days (retention). */
  idle_warned_at: Generated<Date | null>;
}

export interface IncidentMemberTable {
  incident_id: string;
  user_id: string;
  display_name: string | null;
  added_by: string;
  added_at: Date;
}
