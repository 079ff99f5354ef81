export interface NoteTable {
  id: string;
  incident_id: string;
  step_key: string | null;
  author_id: string;
  text: string;
  created_at: Date;
}
