import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { TeamsDeps } from './teams.context.js';
import { channelDataOf, isGroupChat, tenantOf } from './teams.turn.js';

/**
 * The workspace of the team an activity comes from (one workspace per Teams team), remembering
 * where the bot reaches that team; in an incident's group chat, the workspace of that incident.
 * Null elsewhere (a personal chat, a group chat the bot did not make).
 */
export async function workspaceOfTeam(deps: TeamsDeps, context: TurnContext): Promise<Workspace | null> {
  const activity = context.activity;
  if (isGroupChat(activity)) return workspaceOfChat(deps, context);
  const team = channelDataOf(activity).team;
  if (!team?.id) return null;
  const workspace = await deps.app.workspaces.ensure(deps.platform, team.id);
  const known = await deps.references.team(workspace.id);
  let aadGroupId = team.aadGroupId ?? known?.aadGroupId ?? null;
  if (!aadGroupId) {
    // Messages do not carry the team's group id; the Connector knows it.
    aadGroupId = (await TeamsInfo.getTeamDetails(context, team.id).catch(() => null))?.aadGroupId ?? null;
  }
  const serviceUrl = activity.serviceUrl ?? known?.serviceUrl ?? '';
  if (!known || known.aadGroupId !== aadGroupId || known.serviceUrl !== serviceUrl) {
    await deps.references.saveTeam({
      workspaceId: workspace.id,
      tenantId: tenantOf(activity),
      teamId: team.id,
      aadGroupId,
      serviceUrl,
    });
  }
  return workspace;
}

/** The workspaces (teams) of the tenant the bot is in, for commands typed in a personal chat. */
export async function workspacesOfTenant(deps: TeamsDeps, tenantId: string): Promise<Workspace[]> {
  const teams = await deps.references.teamsOfTenant(tenantId);
  const workspaces = await Promise.all(
    teams.map((team) => deps.app.workspaces.get(team.workspaceId).catch(() => undefined)),
  );
  return workspaces.filter((workspace): workspace is Workspace => workspace !== undefined);
}

/** The workspace of an incident's group chat, known from the chat the bot made (same tenant only). */
async function workspaceOfChat(deps: TeamsDeps, context: TurnContext): Promise<Workspace | null> {
  const chatId = context.activity.conversation?.id ?? '';
  const [space] = await deps.references.spacesWithConversation(tenantOf(context.activity), chatId);
  if (!space) return null;
  return deps.app.workspaces.get(space.workspaceId).catch(() => null);
}
