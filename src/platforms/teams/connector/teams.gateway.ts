import type { ConversationParameters } from 'botbuilder';
import type { Card } from '../../../core/cards/card.types.js';
import type { UserId, Workspace } from '../../../core/incidents/incident.types.js';
import type {
  ChatGateway,
  EnsureSpaceRequest,
  FileHandover,
  HandoverResult,
  PostedMessage,
} from '../../../core/ports/chat-gateway.js';
import { cardMarker, type RenderContext } from '../cards/adaptive.types.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import { type TeamsSpaces, TeamUnknownError } from '../spaces/teams-spaces.js';
import type { SpaceRef, TeamRef, TeamsReferenceRepository } from '../storage/teams-reference.repository.js';
import { cardActivity, textActivity } from './activities.js';
import type { ConnectorAccess } from './connector.access.js';
import { parseNoticeRef } from './notice-ref.js';

export { TeamUnknownError };

export interface TeamsGatewayDeps {
  workspace: Workspace;
  references: TeamsReferenceRepository;
  connector: ConnectorAccess;
  spaces: TeamsSpaces;
  /** The bot as Teams names it in conversations it starts. */
  bot: { id: string; name: string };
  /** Members and stored answers for a card's inputs. */
  renderContext: (workspace: Workspace, card: Card) => Promise<RenderContext>;
  /** Display names for mentions. */
  nameOf: (workspace: Workspace, spaceId: string, userId: UserId) => Promise<string>;
  /** How files reach a person (Teams: file consent cards; the playground: a download link). */
  handOverFiles?: (handover: FileHandover, team: TeamRef) => Promise<HandoverResult>;
}

/**
 * The incident space in Microsoft Teams: a group chat or a private channel (TeamsSpaces), cards
 * posted and updated through the Bot Framework Connector. User ids are Microsoft Entra object ids.
 */
export class TeamsGateway implements ChatGateway {
  constructor(private readonly deps: TeamsGatewayDeps) {}

  async ensureSpace(request: EnsureSpaceRequest): Promise<{ spaceId: string }> {
    return { spaceId: await this.deps.spaces.ensure(request) };
  }

  /** A card a previous process posted but could not store (it died in between), found through Graph. */
  async findCard(spaceId: string, incidentId: string, cardKey: string): Promise<PostedMessage | null> {
    const found = await this.deps.spaces
      .findPost(spaceId, cardMarker(incidentId, cardKey))
      // Not finding it (no permission, Graph down) means posting it again: a double card, never a lost one.
      .catch(() => null);
    return found ? { messageId: found } : null;
  }

  async postCard(spaceId: string, card: Card): Promise<PostedMessage> {
    const space = await this.deps.spaces.space(spaceId);
    const activity = cardActivity(await this.render(card), card.fallback);
    const sent = await this.deps.connector.call(space.serviceUrl, (client) =>
      client.conversations.sendToConversation(space.conversationId, this.withContext(activity, space)),
    );
    return { messageId: requireId(sent.id) };
  }

  async updateCard(spaceId: string, messageId: string, card: Card): Promise<void> {
    const space = await this.deps.spaces.space(spaceId);
    const activity = { ...cardActivity(await this.render(card), card.fallback), id: messageId };
    // A post in a channel is its own thread, `<channel>;messageid=<post>`; a chat has no threads.
    const conversation =
      space.kind === 'chat' ? space.conversationId : `${space.conversationId};messageid=${messageId}`;
    await this.deps.connector.call(space.serviceUrl, (client) =>
      client.conversations.updateActivity(conversation, messageId, this.withContext(activity, space)),
    );
  }

  /** Timeline lines: replies in the overview's thread in a channel, plain messages in a chat. */
  async postTimeline(spaceId: string, overviewMessageId: string | null, text: string): Promise<void> {
    const space = await this.deps.spaces.space(spaceId);
    const activity = this.withContext(textActivity(text), space);
    await this.deps.connector.call(space.serviceUrl, (client) =>
      overviewMessageId && space.kind !== 'chat'
        ? client.conversations.replyToActivity(space.conversationId, overviewMessageId, activity)
        : client.conversations.sendToConversation(space.conversationId, activity),
    );
  }

  addMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    return this.deps.spaces.addMembers(spaceId, userIds);
  }

  removeMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    return this.deps.spaces.removeMembers(spaceId, userIds);
  }

  async postText(
    spaceId: string,
    text: string,
    options: { mention?: UserId[] } = {},
  ): Promise<PostedMessage> {
    const space = await this.deps.spaces.space(spaceId);
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

  /** The requester's confirmation ("wordt geopend…") replaced by what really happened. */
  async updateNotice(noticeRef: string, card: Card): Promise<void> {
    const notice = parseNoticeRef(noticeRef);
    if (!notice) return;
    const team = await this.team();
    const activity = { ...cardActivity(await this.render(card), card.fallback), id: notice.messageId };
    await this.deps.connector.call(team.serviceUrl, (client) =>
      client.conversations.updateActivity(notice.conversationId, notice.messageId, activity),
    );
  }

  async handOverFiles(handover: FileHandover): Promise<HandoverResult> {
    if (!this.deps.handOverFiles) throw new Error('No way to hand over files is configured');
    return this.deps.handOverFiles(handover, await this.team());
  }

  spaceLink(spaceId: string): Promise<string | null> {
    return this.deps.spaces.link(spaceId);
  }

  markSpaceClosed(spaceId: string, closed: { number: string; closedLabel: string }): Promise<void> {
    return this.deps.spaces.markClosed(spaceId, closed);
  }

  archiveSpace(spaceId: string): Promise<void> {
    return this.deps.spaces.archive(spaceId);
  }

  private async render(card: Card) {
    return toAdaptiveCard(card, await this.deps.renderContext(this.deps.workspace, card));
  }

  private withContext<T extends object>(activity: T, space: SpaceRef): T {
    if (space.kind === 'chat') {
      return {
        ...activity,
        conversation: {
          id: space.conversationId,
          isGroup: true,
          conversationType: 'groupChat',
          name: '',
          tenantId: space.tenantId,
        },
        channelData: { tenant: { id: space.tenantId } },
      };
    }
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
}

function requireId(id: string | undefined): string {
  if (!id) throw new Error('The Connector did not return an id');
  return id;
}
