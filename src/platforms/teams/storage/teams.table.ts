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

/** The conversation reference of an incident channel. */
export interface TeamsConversationTable {
  workspace_id: string;
  space_id: string;
  conversation_id: string;
  service_url: string;
  tenant_id: string;
  created_at: Generated<Date>;
}
