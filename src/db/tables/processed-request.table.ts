import type { Generated } from 'kysely';

export interface ProcessedRequestTable {
  scope: string;
  key: string;
  ref: string | null;
  created_at: Generated<Date>;
}
