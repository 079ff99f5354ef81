import type { ColumnType, Generated } from 'kysely';

export interface PlaybookTable {
  key: string;
  version: number;
  content_hash: string;
  content: ColumnType<unknown, string, never>;
  created_at: Generated<Date>;
}
