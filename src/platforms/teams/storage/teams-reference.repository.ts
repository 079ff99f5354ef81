import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/database.js';
import { rowsWhere } from '../../../db/repositories/db.js';
import type { TeamsConversationTable } from './teams.table.js';

/** Where the bot reaches a team. */
export interface TeamRef {
  workspaceId: string;
  tenantId: string;
  /** Conversation id of the team (`19:…@thread.tacv2`). */
  teamId: string;
  /** Microsoft 365 group id, needed for Graph; learnt at installation or asked from the Connector. */
  aadGroupId: string | null;
  serviceUrl: string;
}

export type SpaceKind = 'chat' | 'channel';

/** The conversation an incident space's messages go to. */
export interface SpaceRef {
  workspaceId: string;
  spaceId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  /** Group chat or private channel; channel when not given (spaces made before chats existed). */
  kind?: SpaceKind;
  incidentId?: string | null;
  /** `incident-2026-0042`, how a retry finds it. */
  name?: string | null;
  /** Graph's link to the space in Teams. */
  webUrl?: string | null;
  /** When the bot could first post there; null while a private channel waits for the app. */
  appReadyAt?: Date | null;
  appRemindedAt?: Date | null;
}

/** Teams addresses kept by the bot: teams it is in and the incident spaces it made. */
export class TeamsReferenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async saveTeam(team: TeamRef): Promise<void> {
    await this.db
      .insertInto('teams_team')
      .values({
        workspace_id: team.workspaceId,
        tenant_id: team.tenantId,
        team_id: team.teamId,
        aad_group_id: team.aadGroupId,
        service_url: team.serviceUrl,
      })
      .onConflict((oc) =>
        oc.column('workspace_id').doUpdateSet((eb) => ({
          tenant_id: eb.ref('excluded.tenant_id'),
          team_id: eb.ref('excluded.team_id'),
          // A known group id is never replaced by "unknown".
          aad_group_id: eb.fn.coalesce('excluded.aad_group_id', 'teams_team.aad_group_id'),
          service_url: eb.ref('excluded.service_url'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  async team(workspaceId: string): Promise<TeamRef | undefined> {
    const row = await rowsWhere(this.db, 'teams_team', { workspace_id: workspaceId }).executeTakeFirst();
    return row && toTeam(row);
  }

  /** The teams of a tenant the bot is in, most recently used first. */
  async teamsOfTenant(tenantId: string): Promise<TeamRef[]> {
    const rows = await rowsWhere(this.db, 'teams_team', { tenant_id: tenantId })
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map(toTeam);
  }

  /** Records a space once; a second save of the same space changes nothing. */
  async saveSpace(space: SpaceRef): Promise<void> {
    await this.db
      .insertInto('teams_conversation')
      .values({
        workspace_id: space.workspaceId,
        space_id: space.spaceId,
        conversation_id: space.conversationId,
        service_url: space.serviceUrl,
        tenant_id: space.tenantId,
        kind: space.kind ?? 'channel',
        incident_id: space.incidentId ?? null,
        space_name: space.name ?? null,
        web_url: space.webUrl ?? null,
        app_ready_at: space.appReadyAt === undefined ? new Date() : space.appReadyAt,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'space_id']).doNothing())
      .execute();
  }

  async space(workspaceId: string, spaceId: string): Promise<SpaceRef | undefined> {
    const row = await rowsWhere(this.db, 'teams_conversation', {
      workspace_id: workspaceId,
      space_id: spaceId,
    }).executeTakeFirst();
    return row && toSpace(row);
  }

  /** The space made earlier under this name (a retry after a crash), if any. */
  async spaceNamed(workspaceId: string, name: string): Promise<SpaceRef | undefined> {
    const row = await rowsWhere(this.db, 'teams_conversation', {
      workspace_id: workspaceId,
      space_name: name,
    })
      .orderBy('created_at', 'asc')
      .executeTakeFirst();
    return row && toSpace(row);
  }

  /** Spaces of a tenant with this conversation id (the bot was added to a channel). */
  async spacesWithConversation(tenantId: string, conversationId: string): Promise<SpaceRef[]> {
    const rows = await rowsWhere(this.db, 'teams_conversation', {
      tenant_id: tenantId,
      conversation_id: conversationId,
    }).execute();
    return rows.map(toSpace);
  }

  /** The app can post in the space from now on. True when this call marked it (the first time). */
  async markAppReady(workspaceId: string, spaceId: string, at: Date): Promise<boolean> {
    return this.markOnce(workspaceId, spaceId, 'app_ready_at', at);
  }

  /** Private channels still waiting for the app since before `before`, not yet reminded about. */
  async waitingForApp(before: Date): Promise<SpaceRef[]> {
    const rows = await this.db
      .selectFrom('teams_conversation')
      .selectAll()
      .where('app_ready_at', 'is', null)
      .where('app_reminded_at', 'is', null)
      .where('created_at', '<=', before)
      .execute();
    return rows.map(toSpace);
  }

  /** Marks the lead as reminded; true only for the call that did it (one reminder, ever). */
  async markReminded(workspaceId: string, spaceId: string, at: Date): Promise<boolean> {
    return this.markOnce(workspaceId, spaceId, 'app_reminded_at', at);
  }

  /** Sets a moment that is set once; true only for the call that set it. */
  private async markOnce(
    workspaceId: string,
    spaceId: string,
    column: 'app_ready_at' | 'app_reminded_at',
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('teams_conversation')
      .set({ [column]: at })
      .where('workspace_id', '=', workspaceId)
      .where('space_id', '=', spaceId)
      .where(column, 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toSpace(row: Selectable<TeamsConversationTable>): SpaceRef {
  return {
    workspaceId: row.workspace_id,
    spaceId: row.space_id,
    conversationId: row.conversation_id,
    serviceUrl: row.service_url,
    tenantId: row.tenant_id,
    kind: row.kind,
    incidentId: row.incident_id,
    name: row.space_name,
    webUrl: row.web_url,
    appReadyAt: row.app_ready_at,
    appRemindedAt: row.app_reminded_at,
  };
}

function toTeam(row: {
  workspace_id: string;
  tenant_id: string;
  team_id: string;
  aad_group_id: string | null;
  service_url: string;
}): TeamRef {
  return {
    workspaceId: row.workspace_id,
    tenantId: row.tenant_id,
    teamId: row.team_id,
    aadGroupId: row.aad_group_id,
    serviceUrl: row.service_url,
  };
}
