import { GatewayError } from '../../../core/ports/gateway-error.js';
import {
  addConversationMembers,
  conversationMember,
  removeConversationMembers,
  unlessStatus,
} from './conversation-members.js';
import type { GraphClient } from './graph.client.js';

export interface GroupChatRequest {
  tenantId: string;
  /** `Incident 2026-0042`: from the number only, never the title. */
  topic: string;
  /** Entra object ids of the lead and the invited staff; all become owners. */
  memberIds: string[];
}

/** The application permissions each call needs, named when Graph answers 403. */
export const CHAT_PERMISSIONS = {
  create: 'Chat.Create',
  install: 'TeamsAppInstallation.ReadWriteSelfForChat.All',
  catalog: 'AppCatalog.Read.All',
  members: 'ChatMember.ReadWrite.All',
  rename: 'ChatSettings.ReadWrite.Chat',
} as const;

export interface MadeChat {
  id: string;
  webUrl: string | null;
}

/**
 * An incident's group chat through Microsoft Graph (application permissions):
 * - made with `POST /chats`, `chatType: group`, a topic and every member as owner (Chat.Create;
 *   https://learn.microsoft.com/graph/api/chat-post), then the app installed in it with
 *   `POST /chats/{id}/installedApps` (TeamsAppInstallation.ReadWriteSelfForChat.All;
 *   https://learn.microsoft.com/graph/api/chat-post-installedapps). Two calls rather than
 *   `installedApps` in the first, so the chat's id is stored before the install and a retry
 *   finishes the same chat, and a 403 names the one permission that is missing;
 * - members added and removed through `/chats/{id}/members` (ChatMember.ReadWrite.All;
 *   https://learn.microsoft.com/graph/api/chat-post-members, .../conversationmember-delete);
 * - renamed at closing with `PATCH /chats/{id}` (ChatSettings.ReadWrite.Chat, granted through the
 *   manifest when the app is installed in the chat, or Chat.ReadWrite.All;
 *   https://learn.microsoft.com/graph/api/chat-patch).
 * Chats cannot be archived.
 */
export class GroupChatSpaces {
  private readonly catalogIds = new Map<string, string>();

  constructor(private readonly graph: GraphClient) {}

  async create(request: GroupChatRequest): Promise<MadeChat> {
    const made = await this.graph.request<{ id: string; webUrl?: string | null }>(
      request.tenantId,
      'POST',
      '/chats',
      {
        chatType: 'group',
        topic: request.topic,
        members: [...new Set(request.memberIds)].map((userId) => this.member(userId)),
      },
      CHAT_PERMISSIONS.create,
    );
    return { id: made.id, webUrl: made.webUrl ?? null };
  }

  /** Installs the app (the bot) in the chat; already there (409) is fine. */
  async installApp(tenantId: string, chatId: string, catalogAppId: string): Promise<void> {
    await this.graph
      .request(
        tenantId,
        'POST',
        `${this.path(chatId)}/installedApps`,
        {
          'teamsApp@odata.bind': `${this.graph.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`,
        },
        CHAT_PERMISSIONS.install,
      )
      .catch(unlessStatus(409));
  }

  /**
   * The app's id in the tenant's catalogue, from the manifest's id (`externalId`): an app the
   * school uploaded gets its own catalogue id (AppCatalog.Read.All;
   * https://learn.microsoft.com/graph/api/appcatalogs-list-teamsapps).
   */
  async catalogAppId(tenantId: string, manifestId: string): Promise<string> {
    const known = this.catalogIds.get(tenantId);
    if (known) return known;
    const filter = encodeURIComponent(`externalId eq '${manifestId.replace(/'/g, "''")}'`);
    const found = await this.graph.request<{ value: Array<{ id: string }> }>(
      tenantId,
      'GET',
      `/appCatalogs/teamsApps?$filter=${filter}`,
      undefined,
      CHAT_PERMISSIONS.catalog,
    );
    const id = found.value[0]?.id;
    // Not uploaded to the school's catalogue (or under another id): a person must act first.
    if (!id)
      throw new GatewayError('app_not_in_catalog', true, {
        message: 'The Teams app is not in the tenant catalogue',
      });
    this.catalogIds.set(tenantId, id);
    return id;
  }

  async addMembers(tenantId: string, chatId: string, userIds: string[]): Promise<void> {
    const members = userIds.map((userId) => this.member(userId));
    return addConversationMembers(
      this.graph,
      tenantId,
      this.membersPath(chatId),
      members,
      CHAT_PERMISSIONS.members,
    );
  }

  /** Removes people; someone already gone is not an error. */
  async removeMembers(tenantId: string, chatId: string, userIds: string[]): Promise<void> {
    return removeConversationMembers(
      this.graph,
      tenantId,
      this.membersPath(chatId),
      userIds,
      CHAT_PERMISSIONS.members,
    );
  }

  async rename(tenantId: string, chatId: string, topic: string): Promise<void> {
    await this.graph.request(tenantId, 'PATCH', this.path(chatId), { topic }, CHAT_PERMISSIONS.rename);
  }

  private path(chatId: string): string {
    return `/chats/${encodeURIComponent(chatId)}`;
  }

  private membersPath(chatId: string): string {
    return `${this.path(chatId)}/members`;
  }

  private member(userId: string) {
    return conversationMember(this.graph, userId, true);
  }
}
