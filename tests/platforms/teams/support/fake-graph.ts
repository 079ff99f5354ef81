/**
 * Microsoft Graph as far as the bot uses it, enforcing what the real service enforces:
 * - application permissions come from the token's `roles` (the fake's own tokens carry the roles
 *   granted to the app; a JWT its `roles` claim). A call without the permission its Graph
 *   reference page lists answers 403 Forbidden;
 * - resource-specific consent (the manifest's `*.Group` / `*.Chat` permissions) covers the team
 *   and the chats the app is installed in, but not a private channel's members: there Graph
 *   answers 403 "Caller does not have the required roles for accessing 'Private' channel data"
 *   ("Adapt your app for private and shared channels"), so ChannelMember.ReadWrite.All is needed.
 */

export interface GraphChat {
  id: string;
  topic: string;
  chatType: string;
  members: Array<{ id: string; userId: string; roles: string[] }>;
  installedApps: string[];
  webUrl: string;
}

export interface GraphChannel {
  id: string;
  displayName: string;
  membershipType: string;
  members: Array<Record<string, unknown>>;
  webUrl: string;
}

export type Answer = { status: number; body?: unknown };

/** Every application permission the bot may need; the default grant. */
export const ALL_ROLES = [
  'Chat.Create',
  'TeamsAppInstallation.ReadWriteSelfForChat.All',
  'AppCatalog.Read.All',
  'ChatMember.ReadWrite.All',
  'Channel.Create',
  'Channel.ReadBasic.All',
  'ChannelMember.ReadWrite.All',
  'ChannelMessage.Read.All',
  'ChannelSettings.ReadWrite.All',
] as const;

export const CATALOG_APP_ID = 'catalog-app-1';

const forbidden = (message = 'Missing role permissions on the request.'): Answer => ({
  status: 403,
  body: { error: { code: 'Forbidden', message } },
});

export class FakeGraph {
  readonly chats: GraphChat[] = [];
  readonly channels: GraphChannel[] = [];
  private counter = 0;

  constructor(
    private readonly tenant: string,
    /** The manifest id of the app uploaded to the tenant's catalogue; null when it is not there. */
    public catalogued: string | null,
    /** Bot conversations that became reachable (the app was installed in a chat). */
    private readonly onInstalled: (conversationId: string) => void,
    /** Channel messages for `GET …/messages` (cards posted by the bot). */
    private readonly postsOf: (channelId: string) => Array<{ id: string; card: Record<string, unknown> }>,
  ) {}

  route(method: string, path: string, body: Record<string, unknown>, roles: Set<string>): Answer | null {
    const need = (role: string) => roles.has(role);
    const on = (verb: string, pattern: RegExp) => (method === verb ? path.match(pattern) : null);

    const catalog = on('GET', /^\/graph\/appCatalogs\/teamsApps\?\$filter=externalId eq '(.+)'$/);
    if (catalog) {
      if (!need('AppCatalog.Read.All')) return forbidden();
      const value = catalog[1] === this.catalogued ? [{ id: CATALOG_APP_ID, externalId: catalog[1] }] : [];
      return { status: 200, body: { value } };
    }
    if (on('POST', /^\/graph\/chats$/)) return this.createChat(body, need('Chat.Create'));
    const chat = path.match(/^\/graph\/chats\/([^/?]+)(\/.*)?$/);
    if (chat) return this.chatRoute(method, chat[1] ?? '', chat[2] ?? '', body, need);
    return this.channelRoute(method, path, body, need);
  }

  private createChat(body: Record<string, unknown>, allowed: boolean): Answer {
    if (!allowed) return forbidden();
    if (body.chatType !== 'group') return { status: 400, body: { error: { code: 'BadRequest' } } };
    const members = (body.members as Array<Record<string, unknown>>) ?? [];
    // Graph: every member of a chat made with application permissions must be named, as owner.
    if (members.length < 1 || members.some((m) => !(m.roles as string[] | undefined)?.includes('owner')))
      return { status: 400, body: { error: { code: 'BadRequest', message: 'members must be owners' } } };
    this.counter += 1;
    const id = `19:chat-${this.counter}@thread.v2`;
    const made: GraphChat = {
      id,
      topic: String(body.topic ?? ''),
      chatType: 'group',
      members: members.map((m, i) => ({
        id: `m${this.counter}-${i}`,
        userId: userIdOf(m),
        roles: ['owner'],
      })),
      installedApps: [],
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${this.tenant}`,
    };
    this.chats.push(made);
    return { status: 201, body: { id, topic: made.topic, chatType: 'group', webUrl: made.webUrl } };
  }

  private chatRoute(
    method: string,
    chatId: string,
    rest: string,
    body: Record<string, unknown>,
    need: (role: string) => boolean,
  ): Answer {
    const chat = this.chats.find((c) => c.id === chatId);
    if (!chat) return { status: 404, body: { error: { code: 'NotFound' } } };
    // RSC for the chat is granted once the app is installed in it.
    const installed = chat.installedApps.length > 0;
    if (rest === '/installedApps' && method === 'POST') {
      if (!need('TeamsAppInstallation.ReadWriteSelfForChat.All')) return forbidden();
      const bind = String(body['teamsApp@odata.bind'] ?? '');
      if (!bind.endsWith(`/appCatalogs/teamsApps/${CATALOG_APP_ID}`))
        return { status: 404, body: { error: { code: 'NotFound' } } };
      if (installed) return { status: 409, body: { error: { code: 'Conflict' } } };
      chat.installedApps.push(CATALOG_APP_ID);
      this.onInstalled(chat.id);
      return { status: 201, body: {} };
    }
    if (rest === '' && method === 'PATCH') {
      if (!installed && !need('Chat.ReadWrite.All')) return forbidden();
      chat.topic = String(body.topic ?? chat.topic);
      return { status: 200, body: { id: chat.id, topic: chat.topic } };
    }
    if (rest === '/members') {
      if (!need('ChatMember.ReadWrite.All')) return forbidden();
      if (method === 'GET') return { status: 200, body: { value: chat.members } };
      if (method === 'POST') {
        const userId = userIdOf(body);
        if (chat.members.some((m) => m.userId === userId)) return { status: 409 };
        this.counter += 1;
        chat.members.push({ id: `m${this.counter}`, userId, roles: (body.roles as string[]) ?? [] });
        return { status: 201, body: {} };
      }
    }
    const member = rest.match(/^\/members\/([^/]+)$/);
    if (member && method === 'DELETE') {
      if (!need('ChatMember.ReadWrite.All')) return forbidden();
      const index = chat.members.findIndex((m) => m.id === member[1]);
      if (index < 0) return { status: 404 };
      chat.members.splice(index, 1);
      return { status: 204 };
    }
    return { status: 405 };
  }

  private channelRoute(
    method: string,
    path: string,
    body: Record<string, unknown>,
    need: (role: string) => boolean,
  ): Answer | null {
    const on = (verb: string, pattern: RegExp) => (method === verb ? path.match(pattern) : null);
    // Team-level RSC (Channel.Create.Group, ChannelSettings.Read.Group) comes with the app in the team.
    const find = on('GET', /^\/graph\/teams\/([^/]+)\/channels\?\$filter=displayName eq '(.+)'$/);
    if (find) return { status: 200, body: { value: this.channels.filter((c) => c.displayName === find[2]) } };
    if (on('POST', /^\/graph\/teams\/([^/]+)\/channels$/)) {
      if (this.channels.some((c) => c.displayName === body.displayName)) return { status: 409 };
      this.counter += 1;
      const id = `19:channel-${this.counter}@thread.tacv2`;
      const channel: GraphChannel = {
        id,
        displayName: String(body.displayName),
        membershipType: String(body.membershipType),
        members: (body.members as Array<Record<string, unknown>>) ?? [],
        webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(id)}/${encodeURIComponent(String(body.displayName))}`,
      };
      this.channels.push(channel);
      return { status: 201, body: channel };
    }
    const posts = on('GET', /^\/graph\/teams\/[^/]+\/channels\/([^/]+)\/messages/);
    if (posts) {
      const value = this.postsOf(posts[1] ?? '').map((post) => ({
        id: post.id,
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.stringify(post.card) },
        ],
      }));
      return { status: 200, body: { value } };
    }
    const members = path.match(/^\/graph\/teams\/[^/]+\/channels\/([^/]+)\/members(?:\/([^/]+))?$/);
    if (members) {
      const channel = this.channels.find((c) => c.id === members[1]);
      if (!channel) return { status: 404 };
      if (channel.membershipType === 'private' && !need('ChannelMember.ReadWrite.All'))
        return forbidden("Caller does not have the required roles for accessing 'Private' channel data");
      if (method === 'GET') {
        const value = channel.members.map((m, i) => ({ id: `cm${i}`, userId: userIdOf(m) }));
        return { status: 200, body: { value } };
      }
      if (method === 'POST') {
        channel.members.push(body);
        return { status: 201, body: {} };
      }
      if (method === 'DELETE') {
        const index = Number((members[2] ?? '').replace('cm', ''));
        if (!channel.members[index]) return { status: 404 };
        channel.members.splice(index, 1);
        return { status: 204 };
      }
    }
    if (on('POST', /^\/graph\/teams\/[^/]+\/channels\/[^/]+\/archive$/)) return { status: 202, body: {} };
    return null;
  }
}

/** `https://…/users('id')` → `id`. */
export function userIdOf(member: Record<string, unknown>): string {
  const bind = String(member['user@odata.bind'] ?? '');
  return decodeURIComponent(/users\('([^']+)'\)/.exec(bind)?.[1] ?? '');
}
