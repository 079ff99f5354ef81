import type { ColumnType } from 'kysely';

export interface IncidentOpeningTable {
  incident_id: string;
  notice_ref: string | null;
  problem_code: string | null;
  problem_detail: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
