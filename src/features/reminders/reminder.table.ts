import type { Generated } from 'kysely';

export interface ReminderTable {
  id: Generated<string>;
  workspace_id: string;
  incident_id: string;
  kind: string;
  dedupe_key: string;
  step_key: string | null;
  ref: string | null;
  target_id: string;
  about: string | null;
  due_at: Date;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  outcome: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
