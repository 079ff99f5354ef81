import type { ColumnType, Generated } from 'kysely';

export interface WorkspaceTable {
  id: Generated<string>;
  platform: string;
  external_id: string;
  locale: string;
  timezone: string;
  settings: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}
