import type { ColumnType } from 'kysely';

export interface FormAnswerTable {
  incident_id: string;
  step_key: string;
  kind: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  updated_by: string;
  updated_at: Date;
}
