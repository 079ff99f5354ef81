export interface StepTable {
  incident_id: string;
  key: string;
  phase_key: string;
  position: number;
  status: string;
  owner_id: string | null;
  assigned_by: string | null;
  due_at: Date | null;
  na_reason: string | null;
  na_by_condition: boolean;
  completed_at: Date | null;
  updated_at: Date;
  revision: number;
}
