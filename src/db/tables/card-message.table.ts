export interface CardMessageTable {
  incident_id: string;
  card_key: string;
  space_id: string;
  message_id: string;
  created_at: Date;
}
