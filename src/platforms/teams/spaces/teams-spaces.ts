import type { UserId, Workspace } from '../../../core/incidents/incident.types.js';
import type { EnsureSpaceRequest } from '../../../core/ports/chat-gateway.js';
import { GatewayError } from '../../../core/ports/gateway-error.js';
import type { GroupChatSpaces } from '../graph/group-chat.space.js';
import type { PrivateChannelSpaces } from '../graph/private-channel.space.js';
import type {
  SpaceKind,
  SpaceRef,
  TeamRef,
  TeamsReferenceRepository,
} from '../storage/teams-reference.repository.js';

export interface TeamsSpacesDeps {
  workspace: Workspace;
  references: TeamsReferenceRepository;
  chats: GroupChatSpaces;
  channels: PrivateChannelSpaces;
  /** What new incidents get (TEAMS_SPACE); spaces made earlier keep their own kind. */
  strategy: SpaceKind;
  /** The manifest's id, to find the app in the tenant's catalogue. */
  manifestId: string;
  now: () => Date;
  /** Tells the lead how to add the app to a new private channel (it cannot be done by API). */
  askLeadToAddApp: (leadId: UserId, space: SpaceRef, link: string | null) => Promise<void>;
}

/** Thrown when the bot has not seen the team yet (installation event or a message there). */
export class TeamUnknownError extends Error {
  constructor(workspaceId: string) {
    super(`The Teams team of workspace ${workspaceId} is not known yet`);
    this.name = 'TeamUnknownError';
  }
}

/** `Incident 2026-0042`: a chat's topic, from the number only (never the title). */
export function chatTopic(number: string): string {
  return `Incident ${number}`;
}

/**
 * An incident's space in Teams, made, changed and closed the way its kind needs:
 * - a **group chat** (TEAMS_SPACE=chat, the default): made through Graph with every member as
 *   owner, its id stored at once, then the app installed in it; a retry after a crash finds the
 *   stored chat and finishes it rather than making a second one;
 * - a **private channel** (TEAMS_SPACE=channel): made through Graph, after which a member must add
 *   the app by hand ("Adapt your app for private and shared channels"). Until the bot receives its
 *   own `channelMemberAdded` there, opening waits (`waiting_for_app`) and the lead has a message
 *   with the steps.
 */
export class TeamsSpaces {
  constructor(private readonly deps: TeamsSpacesDeps) {}

  async ensure(request: EnsureSpaceRequest): Promise<string> {
    const team = await this.team();
    const made = await this.deps.references.spaceNamed(team.workspaceId, request.name);
    if (made) return this.finish(team, made, request);
    return this.deps.strategy === 'chat' ? this.makeChat(team, request) : this.makeChannel(team, request);
  }

  /** The stored address of a space, or (spaces from before addresses were stored) the channel's. */
  async space(spaceId: string): Promise<SpaceRef> {
    const stored = await this.deps.references.space(this.deps.workspace.id, spaceId);
    if (stored) return stored;
    const team = await this.team();
    return {
      workspaceId: team.workspaceId,
      spaceId,
      conversationId: spaceId,
      serviceUrl: team.serviceUrl,
      tenantId: team.tenantId,
      kind: 'channel',
    };
  }

  async addMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    const [team, space] = await Promise.all([this.team(), this.space(spaceId)]);
    if (space.kind === 'chat') return this.deps.chats.addMembers(team.tenantId, spaceId, userIds);
    await this.deps.channels.addMembers(team.tenantId, groupOf(team), spaceId, userIds);
  }

  async removeMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    const [team, space] = await Promise.all([this.team(), this.space(spaceId)]);
    if (space.kind === 'chat') return this.deps.chats.removeMembers(team.tenantId, spaceId, userIds);
    await this.deps.channels.removeMembers(team.tenantId, groupOf(team), spaceId, userIds);
  }

  /** A chat's topic becomes `Incident 2026-0042 (gesloten)`; a channel keeps its name. */
  async markClosed(spaceId: string, closed: { number: string; closedLabel: string }): Promise<void> {
    const [team, space] = await Promise.all([this.team(), this.space(spaceId)]);
    if (space.kind !== 'chat') return;
    await this.deps.chats.rename(
      team.tenantId,
      spaceId,
      `${chatTopic(closed.number)} (${closed.closedLabel})`,
    );
  }

  /** Archives a private channel; a chat cannot be archived (its topic says it is closed). */
  async archive(spaceId: string): Promise<void> {
    const [team, space] = await Promise.all([this.team(), this.space(spaceId)]);
    if (space.kind === 'chat') return;
    await this.deps.channels.archive(team.tenantId, groupOf(team), spaceId);
  }

  /** A card a previous process posted but could not store; channels only (Graph reads their posts). */
  async findPost(spaceId: string, marker: string): Promise<string | null> {
    const [team, space] = await Promise.all([this.team(), this.space(spaceId)]);
    if (space.kind === 'chat' || !team.aadGroupId) return null;
    return this.deps.channels.findPost(team.tenantId, team.aadGroupId, spaceId, marker);
  }

  /**
   * Where people open the space: the address Graph gave, else Teams' documented deep link
   * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams).
   */
  async link(spaceId: string): Promise<string | null> {
    const space = await this.space(spaceId);
    if (space.webUrl) return space.webUrl;
    const tenant = encodeURIComponent(space.tenantId);
    if (space.kind === 'chat')
      return `https://teams.microsoft.com/l/chat/${encodeURIComponent(spaceId)}/0?tenantId=${tenant}`;
    const team = await this.team();
    if (!team.aadGroupId) return null;
    return `https://teams.microsoft.com/l/channel/${encodeURIComponent(spaceId)}/${encodeURIComponent(space.name ?? spaceId)}?groupId=${encodeURIComponent(team.aadGroupId)}&tenantId=${tenant}`;
  }

  private async makeChat(team: TeamRef, request: EnsureSpaceRequest): Promise<string> {
    // Looked up first, so a missing catalogue permission stops before a chat exists.
    await this.deps.chats.catalogAppId(team.tenantId, this.deps.manifestId);
    const chat = await this.deps.chats.create({
      tenantId: team.tenantId,
      topic: chatTopic(request.incident.number),
      memberIds: request.members.map((member) => member.userId),
    });
    const space = this.ref(team, request, 'chat', chat.id, chat.webUrl);
    // Stored before anything else: a retry finishes this chat instead of making another.
    await this.deps.references.saveSpace(space);
    return this.finish(team, space, request);
  }

  private async makeChannel(team: TeamRef, request: EnsureSpaceRequest): Promise<string> {
    const channel = await this.deps.channels.ensure({
      tenantId: team.tenantId,
      groupId: groupOf(team),
      name: request.name,
      members: request.members.map((member) => ({ userId: member.userId, owner: member.isLead })),
    });
    const space = this.ref(team, request, 'channel', channel.id, channel.webUrl);
    await this.deps.references.saveSpace(space);
    const lead = request.members.find((member) => member.isLead);
    if (lead) await this.deps.askLeadToAddApp(lead.userId, space, await this.link(space.spaceId));
    return this.finish(team, space, request);
  }

  /** The space exists: install the app in a chat, or wait until a member adds it to a channel. */
  private async finish(team: TeamRef, space: SpaceRef, request: EnsureSpaceRequest): Promise<string> {
    if (space.appReadyAt) return space.spaceId;
    if (space.kind === 'chat') {
      const catalogId = await this.deps.chats.catalogAppId(team.tenantId, this.deps.manifestId);
      await this.deps.chats.installApp(team.tenantId, space.spaceId, catalogId);
      await this.deps.references.markAppReady(team.workspaceId, space.spaceId, this.deps.now());
      return space.spaceId;
    }
    throw new GatewayError('waiting_for_app', false, {
      message: `Waiting until the app is added to the private channel of ${request.name}`,
    });
  }

  private ref(
    team: TeamRef,
    request: EnsureSpaceRequest,
    kind: SpaceKind,
    id: string,
    webUrl: string | null,
  ): SpaceRef {
    return {
      workspaceId: team.workspaceId,
      spaceId: id,
      conversationId: id,
      serviceUrl: team.serviceUrl,
      tenantId: team.tenantId,
      kind,
      incidentId: request.incident.id,
      name: request.name,
      webUrl,
      appReadyAt: null,
    };
  }

  private async team(): Promise<TeamRef> {
    const team = await this.deps.references.team(this.deps.workspace.id);
    if (!team) throw new TeamUnknownError(this.deps.workspace.id);
    return team;
  }
}

function groupOf(team: TeamRef): string {
  if (!team.aadGroupId) throw new TeamUnknownError(team.workspaceId);
  return team.aadGroupId;
}
