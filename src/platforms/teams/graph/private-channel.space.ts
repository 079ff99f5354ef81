import type { GraphClient } from './graph.client.js';
import { GraphError } from './graph.client.js';

export interface ChannelMember {
  userId: string;
  owner: boolean;
}

export interface PrivateChannelRequest {
  tenantId: string;
  /** The team's Microsoft 365 group id. */
  groupId: string;
  name: string;
  members: ChannelMember[];
}

/**
 * Makes an incident's private channel through Microsoft Graph. This is one way to provide the
 * incident space; a group chat (`POST /chats` plus installing the app in it) would be another
 * behind the same gateway.
 */
export class PrivateChannelSpaces {
  constructor(private readonly graph: GraphClient) {}

  /** The channel made earlier under this name, or a new private one with the lead as owner. */
  async ensure(request: PrivateChannelRequest): Promise<string> {
    const existing = await this.find(request.tenantId, request.groupId, request.name);
    if (existing) return existing;
    try {
      const created = await this.graph.request<{ id: string }>(
        request.tenantId,
        'POST',
        `/teams/${encodeURIComponent(request.groupId)}/channels`,
        {
          displayName: request.name,
          membershipType: 'private',
          // App-only calls must name an owner; the lead is the owner, the others members.
          members: request.members.map((member) => this.member(member)),
        },
      );
      return created.id;
    } catch (error) {
      // Another attempt made it first (409 NameAlreadyExists): use that one.
      if (error instanceof GraphError && error.status === 409) {
        const made = await this.find(request.tenantId, request.groupId, request.name);
        if (made) return made;
      }
      throw error;
    }
  }

  async addMembers(tenantId: string, groupId: string, channelId: string, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await this.graph
        .request(
          tenantId,
          'POST',
          `${this.channelPath(groupId, channelId)}/members`,
          this.member({ userId, owner: false }),
        )
        .catch((error: unknown) => {
          // Already a member: nothing to do.
          if (!(error instanceof GraphError && error.status === 409)) throw error;
        });
    }
  }

  /**
   * A recent post in the channel whose card carries `marker` (a card posted by a process that
   * died before it could store the post's id). Reads the newest posts only.
   */
  async findPost(
    tenantId: string,
    groupId: string,
    channelId: string,
    marker: string,
  ): Promise<string | null> {
    const posts = await this.graph.request<{
      value: Array<{ id: string; attachments?: Array<{ content?: string | null }> }>;
    }>(tenantId, 'GET', `${this.channelPath(groupId, channelId)}/messages?$top=50`);
    const needle = JSON.stringify(marker);
    return posts.value.find((post) => post.attachments?.some((a) => a.content?.includes(needle)))?.id ?? null;
  }

  async archive(tenantId: string, groupId: string, channelId: string): Promise<void> {
    await this.graph.request(tenantId, 'POST', `${this.channelPath(groupId, channelId)}/archive`, {});
  }

  private async find(tenantId: string, groupId: string, name: string): Promise<string | null> {
    const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
    const found = await this.graph.request<{ value: Array<{ id: string; displayName: string }> }>(
      tenantId,
      'GET',
      `/teams/${encodeURIComponent(groupId)}/channels?$filter=${filter}`,
    );
    return found.value.find((channel) => channel.displayName === name)?.id ?? null;
  }

  private channelPath(groupId: string, channelId: string): string {
    return `/teams/${encodeURIComponent(groupId)}/channels/${encodeURIComponent(channelId)}`;
  }

  private member(member: ChannelMember) {
    return {
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      'user@odata.bind': `${this.graph.baseUrl}/users('${encodeURIComponent(member.userId)}')`,
      roles: member.owner ? ['owner'] : [],
    };
  }
}
