import type { ConversationParameters } from 'botbuilder';
import type { Card } from '../../../core/cards/card.types.js';
import type { UserId, Workspace } from '../../../core/incidents/incident.types.js';
import type { ChatGateway, EnsureSpaceRequest, PostedMessage } from '../../../core/ports/chat-gateway.js';
import { cardMarker, type RenderContext } from '../cards/adaptive.types.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import type { PrivateChannelSpaces } from '../graph/private-channel.space.js';
import type { SpaceRef, TeamRef, TeamsReferenceRepository } from '../storage/teams-reference.repository.js';
import { cardActivity, textActivity } from './activities.js';
import type { ConnectorAccess } from './connector.access.js';

export interface TeamsGatewayDeps {
  workspace: Workspace;
  references: TeamsReferenceRepository;
  connector: ConnectorAccess;
  spaces: PrivateChannelSpaces;
  /** The bot as Teams names it in conversations it starts. */
  bot: { id: string; name: string };
  /** Members and stored answers for a card's inputs. */
  renderContext: (workspace: Workspace, card: Card) => Promise<RenderContext>;
  /** Display names for mentions. */
  nameOf: (workspace: Workspace, spaceId: string, userId: UserId) => Promise<string>;
}

/** Thrown when the bot has not seen the team yet (installation event or a message there). */
export class TeamUnknownError extends Error {
  constructor(workspaceId: string) {
    super(`The Teams team of workspace ${workspaceId} is not known yet`);
    this.name = 'TeamUnknownError';
  }
}

/**
 * The incident space in Microsoft Teams: a private channel made through Graph, cards posted and
 * updated through the Bot Framework Connector. User ids are Microsoft Entra object ids.
 */
export class TeamsGateway implements ChatGateway {
  constructor(private readonly deps: TeamsGatewayDeps) {}

  async ensureSpace(request: EnsureSpaceRequest): Promise<{ spaceId: string }> {
    const team = await this.team();
    if (!team.aadGroupId) throw new TeamUnknownError(team.workspaceId);
    const spaceId = await this.deps.spaces.ensure({
      tenantId: team.tenantId,
      groupId: team.aadGroupId,
      name: request.name,
      members: request.members.map((member) => ({ userId: member.userId, owner: member.isLead })),
    });
    await this.deps.references.saveSpace({
      workspaceId: team.workspaceId,
      spaceId,
      // Posting to the channel's own id starts a new thread in it.
      conversationId: spaceId,
      serviceUrl: team.serviceUrl,
      tenantId: team.tenantId,
    });
    return { spaceId };
  }

  /** A card a previous process posted but could not store (it died in between), found through Graph. */
  async findCard(spaceId: string, incidentId: string, cardKey: string): Promise<PostedMessage | null> {
    const team = await this.team();
    if (!team.aadGroupId) return null;
    const found = await this.deps.spaces
      .findPost(team.tenantId, team.aadGroupId, spaceId, cardMarker(incidentId, cardKey))
      // Not finding it (no permission, Graph down) means posting it again: a double card, never a lost one.
      .catch(() => null);
    return found ? { messageId: found } : null;
  }

  async postCard(spaceId: string, card: Card): Promise<PostedMessage> {
    const space = await this.space(spaceId);
    const activity = cardActivity(await this.render(card), card.fallback);
    const sent = await this.deps.connector.call(space.serviceUrl, (client) =>
      client.conversations.sendToConversation(space.conversationId, this.withContext(activity, space)),
    );
    return { messageId: requireId(sent.id) };
  }

  async updateCard(spaceId: string, messageId: string, card: Card): Promise<void> {
    const space = await this.space(spaceId);
    const activity = { ...cardActivity(await this.render(card), card.fallback), id: messageId };
    // A post in a channel is its own thread; Teams names it `<channel>;messageid=<post>`.
    const thread = `${space.conversationId};messageid=${messageId}`;
    await this.deps.connector.call(space.serviceUrl, (client) =>
      client.conversations.updateActivity(thread, messageId, this.withContext(activity, space)),
    );
  }

  /** Timeline lines are replies in the overview's thread, like Slack's thread under the overview. */
  async postTimeline(spaceId: string, overviewMessageId: string | null, text: string): Promise<void> {
    const space = await this.space(spaceId);
    const activity = this.withContext(textActivity(text), space);
    await this.deps.connector.call(space.serviceUrl, (client) =>
      overviewMessageId
        ? client.conversations.replyToActivity(space.conversationId, overviewMessageId, activity)
        : client.conversations.sendToConversation(space.conversationId, activity),
    );
  }

  async addMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    const team = await this.team();
    if (!team.aadGroupId) throw new TeamUnknownError(team.workspaceId);
    await this.deps.spaces.addMembers(team.tenantId, team.aadGroupId, spaceId, userIds);
  }

  async postText(
    spaceId: string,
    text: string,
    options: { mention?: UserId[] } = {},
  ): Promise<PostedMessage> {
    const space = await this.space(spaceId);
    const mention = await Promise.all(
      (options.mention ?? []).map(async (id) => ({
        id,
        name: await this.deps.nameOf(this.deps.workspace, spaceId, id),
      })),
    );
    const sent = await this.deps.connector.call(space.serviceUrl, (client) =>
      client.conversations.sendToConversation(
        space.conversationId,
        this.withContext(textActivity(text, mention), space),
      ),
    );
    return { messageId: requireId(sent.id) };
  }

  /** A card in the person's chat with the bot; Teams hands back the existing chat when there is one. */
  async sendDirect(userId: UserId, card: Card): Promise<PostedMessage> {
    const team = await this.team();
    const conversation = await this.deps.connector.call(team.serviceUrl, (client) =>
      client.conversations.createConversation({
        isGroup: false,
        bot: { id: this.deps.bot.id, name: this.deps.bot.name },
        members: [{ id: userId, name: '' }],
        tenantId: team.tenantId,
        channelData: { tenant: { id: team.tenantId } },
      } as ConversationParameters),
    );
    const conversationId = requireId(conversation.id);
    const activity = cardActivity(await this.render(card), card.fallback);
    const sent = await this.deps.connector.call(team.serviceUrl, (client) =>
      client.conversations.sendToConversation(conversationId, {
        ...activity,
        conversation: {
          id: conversationId,
          isGroup: false,
          conversationType: 'personal',
          name: '',
          tenantId: team.tenantId,
        },
      }),
    );
    return { messageId: `${conversationId}|${requireId(sent.id)}` };
  }

  async archiveSpace(spaceId: string): Promise<void> {
    const team = await this.team();
    if (!team.aadGroupId) throw new TeamUnknownError(team.workspaceId);
    await this.deps.spaces.archive(team.tenantId, team.aadGroupId, spaceId);
  }

  private async render(card: Card) {
    return toAdaptiveCard(card, await this.deps.renderContext(this.deps.workspace, card));
  }

  private withContext<T extends object>(activity: T, space: SpaceRef): T {
    return {
      ...activity,
      conversation: {
        id: space.conversationId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        tenantId: space.tenantId,
      },
      channelData: { channel: { id: space.spaceId }, tenant: { id: space.tenantId } },
    };
  }

  private async team(): Promise<TeamRef> {
    const team = await this.deps.references.team(this.deps.workspace.id);
    if (!team) throw new TeamUnknownError(this.deps.workspace.id);
    return team;
  }

  /** The stored reference, or one built from the team (the channel id is the conversation id). */
  private async space(spaceId: string): Promise<SpaceRef> {
    const stored = await this.deps.references.space(this.deps.workspace.id, spaceId);
    if (stored) return stored;
    const team = await this.team();
    return {
      workspaceId: team.workspaceId,
      spaceId,
      conversationId: spaceId,
      serviceUrl: team.serviceUrl,
      tenantId: team.tenantId,
    };
  }
}

function requireId(id: string | undefined): string {
  if (!id) throw new Error('The Connector did not return an id');
  return id;
}
