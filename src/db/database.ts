import type { ReminderTable } from '../features/reminders/reminder.table.js';
import type { TeamsConversationTable, TeamsTeamTable } from '../platforms/teams/storage/teams.table.js';
import type { AuditActorTable } from './tables/audit-actor.table.js';
import type { AuditEventTable } from './tables/audit-event.table.js';
import type { CardMessageTable } from './tables/card-message.table.js';
import type { FormAnswerTable } from './tables/form-answer.table.js';
import type { IncidentCounterTable, IncidentMemberTable, IncidentTable } from './tables/incident.table.js';
import type { IncidentOpeningTable } from './tables/incident-opening.table.js';
import type { NoteTable } from './tables/note.table.js';
import type { PlaybookTable } from './tables/playbook.table.js';
import type { ProcessedRequestTable } from './tables/processed-request.table.js';
import type { StepTable } from './tables/step.table.js';
import type { WorkspaceTable } from './tables/workspace.table.js';

/** The database as Kysely sees it. Tables of later features add themselves here. */
export interface Database {
  workspace: WorkspaceTable;
  playbook: PlaybookTable;
  incident_counter: IncidentCounterTable;
  incident: IncidentTable;
  incident_member: IncidentMemberTable;
  step: StepTable;
  note: NoteTable;
  form_answer: FormAnswerTable;
  card_message: CardMessageTable;
  audit_event: AuditEventTable;
  audit_actor: AuditActorTable;
  incident_opening: IncidentOpeningTable;
  processed_request: ProcessedRequestTable;
  reminder: ReminderTable;
  teams_team: TeamsTeamTable;
  teams_conversation: TeamsConversationTable;
}
