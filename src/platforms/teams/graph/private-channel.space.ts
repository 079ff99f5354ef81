import {
  addConversationMembers,
  conversationMember,
  removeConversationMembers,
} from './conversation-members.js';
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
 * The application permissions each call needs, named when Graph answers 403. Resource-specific
 * consent does not reach private channels' members ("Adapt your app for private and shared
 * channels"), so membership needs the tenant-wide ChannelMember.ReadWrite.All.
 */
export const CHANNEL_PERMISSIONS = {
  create: 'Channel.Create',
  list: 'Channel.ReadBasic.All',
  members: 'ChannelMember.ReadWrite.All',
  messages: 'ChannelMessage.Read.All',
  archive: 'ChannelSettings.ReadWrite.All',
} as const;

/**
 * An incident's private channel in the school's team, through Microsoft Graph
 * (https://learn.microsoft.com/graph/api/channel-post). Teams only lets the bot post there once a
 * member of the channel has added the app by hand; the gateway waits for that.
 */
export class PrivateChannelSpaces {
  constructor(private readonly graph: GraphClient) {}

  /** The channel made earlier under this name, or a new private one with the lead as owner. */
  async ensure(request: PrivateChannelRequest): Promise<{ id: string; webUrl: string | null }> {
    const existing = await this.find(request.tenantId, request.groupId, request.name);
    if (existing) return existing;
    try {
      const created = await this.graph.request<{ id: string; webUrl?: string | null }>(
        request.tenantId,
        'POST',
        `/teams/${encodeURIComponent(request.groupId)}/channels`,
        {
          displayName: request.name,
          membershipType: 'private',
          // App-only calls must name an owner; the lead is the owner, the others members.
          members: request.members.map((member) => this.member(member)),
        },
        CHANNEL_PERMISSIONS.create,
      );
      return { id: created.id, webUrl: created.webUrl ?? null };
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
    const members = userIds.map((userId) => this.member({ userId, owner: false }));
    return addConversationMembers(
      this.graph,
      tenantId,
      this.membersPath(groupId, channelId),
      members,
      CHANNEL_PERMISSIONS.members,
    );
  }

  /** Removes people from the channel; someone already gone is not an error. */
  async removeMembers(
    tenantId: string,
    groupId: string,
    channelId: string,
    userIds: string[],
  ): Promise<void> {
    return removeConversationMembers(
      this.graph,
      tenantId,
      this.membersPath(groupId, channelId),
      userIds,
      CHANNEL_PERMISSIONS.members,
    );
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
    }>(
      tenantId,
      'GET',
      `${this.channelPath(groupId, channelId)}/messages?$top=50`,
      undefined,
      CHANNEL_PERMISSIONS.messages,
    );
    const needle = JSON.stringify(marker);
    return posts.value.find((post) => post.attachments?.some((a) => a.content?.includes(needle)))?.id ?? null;
  }

  async archive(tenantId: string, groupId: string, channelId: string): Promise<void> {
    await this.graph.request(
      tenantId,
      'POST',
      `${this.channelPath(groupId, channelId)}/archive`,
      {},
      CHANNEL_PERMISSIONS.archive,
    );
  }

  private async find(
    tenantId: string,
    groupId: string,
    name: string,
  ): Promise<{ id: string; webUrl: string | null } | null> {
    const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
    const found = await this.graph.request<{
      value: Array<{ id: string; displayName: string; webUrl?: string | null }>;
    }>(
      tenantId,
      'GET',
      `/teams/${encodeURIComponent(groupId)}/channels?$filter=${filter}`,
      undefined,
      CHANNEL_PERMISSIONS.list,
    );
    const channel = found.value.find((candidate) => candidate.displayName === name);
    return channel ? { id: channel.id, webUrl: channel.webUrl ?? null } : null;
  }

  private membersPath(groupId: string, channelId: string): string {
    return `${this.channelPath(groupId, channelId)}/members`;
  }

  private channelPath(groupId: string, channelId: string): string {
    return `/teams/${encodeURIComponent(groupId)}/channels/${encodeURIComponent(channelId)}`;
  }

  private member(member: ChannelMember) {
    return conversationMember(this.graph, member.userId, member.owner);
  }
}
