import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';

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

/** The conversation an incident channel's messages go to. */
export interface SpaceRef {
  workspaceId: string;
  spaceId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
}

/** Teams addresses kept by the bot: teams it is in and the incident channels it made. */
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
    const row = await this.db
      .selectFrom('teams_team')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toTeam(row);
  }

  /** The teams of a tenant the bot is in, most recently used first. */
  async teamsOfTenant(tenantId: string): Promise<TeamRef[]> {
    const rows = await this.db
      .selectFrom('teams_team')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map(toTeam);
  }

  async saveSpace(space: SpaceRef): Promise<void> {
    await this.db
      .insertInto('teams_conversation')
      .values({
        workspace_id: space.workspaceId,
        space_id: space.spaceId,
        conversation_id: space.conversationId,
        service_url: space.serviceUrl,
        tenant_id: space.tenantId,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'space_id']).doNothing())
      .execute();
  }

  async space(workspaceId: string, spaceId: string): Promise<SpaceRef | undefined> {
    const row = await this.db
      .selectFrom('teams_conversation')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('space_id', '=', spaceId)
      .executeTakeFirst();
    return (
      row && {
        workspaceId: row.workspace_id,
        spaceId: row.space_id,
        conversationId: row.conversation_id,
        serviceUrl: row.service_url,
        tenantId: row.tenant_id,
      }
    );
  }
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
