import type { Generated } from 'kysely';

/** Where the bot reaches one Teams team (a workspace): tenant, team ids and the Connector's address. */
export interface TeamsTeamTable {
  workspace_id: string;
  tenant_id: string;
  /** The team's conversation id (`19:…@thread.tacv2`), as Bot Framework activities name it. */
  team_id: string;
  /** The team's Microsoft 365 group id, as Microsoft Graph names it. */
  aad_group_id: string | null;
  service_url: string;
  updated_at: Generated<Date>;
}

/** The conversation reference of an incident space: a group chat or a private channel. */
export interface TeamsConversationTable {
  workspace_id: string;
  space_id: string;
  conversation_id: string;
  service_url: string;
  tenant_id: string;
  kind: Generated<'chat' | 'channel'>;
  incident_id: string | null;
  /** `incident-2026-0042`: how a retry finds the space it made. */
  space_name: string | null;
  web_url: string | null;
  /** When the bot could post there; null while a private channel waits for the app. */
  app_ready_at: Date | null;
  app_reminded_at: Date | null;
  created_at: Generated<Date>;
}
