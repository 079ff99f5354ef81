import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CONVERSATION_NOT_FOUND,
  fileCardRefusal,
  isPersonalConversation,
} from '../../../../src/platforms/playground/connector.rules.js';
import { MANIFEST_ID } from '../../../../src/platforms/teams/package/manifest-id.js';
import { ALL_ROLES, FakeGraph } from './fake-graph.js';
import { FakeOneDrive } from './fake-onedrive.js';

/** One request the bot made to the fake Connector, Graph or token endpoint. */
export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface Person {
  aad: string;
  name: string;
}

interface Fault {
  method: string;
  match: RegExp;
  status: number;
  headers: Record<string, string>;
  remaining: number;
}

export const TENANT = 'tenant-1';
export const TEAM_ID = '19:team-general@thread.tacv2';
export const GROUP_ID = 'group-1';

export interface FakeMicrosoftOptions {
  /** Application permissions granted to the app in the tenant (in its Graph tokens' roles). */
  roles?: readonly string[];
  /** The manifest id of the app in the tenant's catalogue; null when it was never uploaded. */
  catalogued?: string | null;
  /** Graph tokens as Entra gives them: a JWT whose `roles` claim lists the granted permissions. */
  jwtTokens?: boolean;
}

/**
 * Microsoft as far as the bot sees it, on 127.0.0.1: the Bot Framework Connector (conversations,
 * activities, team members), Microsoft Graph (chats and channels, ./fake-graph.ts) and the token
 * endpoint. It records every call and can be told to fail the next calls that match, e.g. with
 * 429 and Retry-After. Like the real Connector, it answers 404 for a conversation the bot is not
 * in: a chat the app was not installed in, a private channel no member has added the app to.
 */
export class FakeMicrosoft {
  readonly calls: RecordedCall[] = [];
  /** Messages per conversation id, as the bot last left them. */
  readonly activities = new Map<string, Map<string, Record<string, unknown>>>();
  readonly graph: FakeGraph;
  /** Conversations the bot is in: the team's channel, personal chats, chats and channels it was added to. */
  readonly botIn = new Set<string>([TEAM_ID]);
  roles: Set<string>;
  private readonly jwtTokens: boolean;
  /** Upload sessions of accepted file consents. */
  readonly onedrive = new FakeOneDrive(() => this.url);
  /** People whose personal chat with the bot cannot be made (the app is not installed for them). */
  readonly unreachable = new Set<string>();
  private readonly faults: Fault[] = [];
  private server: Server | null = null;
  private counter = 0;
  url = '';

  constructor(
    readonly people: Person[],
    options: FakeMicrosoftOptions = {},
  ) {
    this.roles = new Set(options.roles ?? ALL_ROLES);
    this.jwtTokens = options.jwtTokens === true;
    this.graph = new FakeGraph(
      TENANT,
      options.catalogued === undefined ? MANIFEST_ID : options.catalogued,
      (conversationId) => this.botIn.add(conversationId),
      (channelId) => this.cards(channelId, false),
    );
  }

  get channels() {
    return this.graph.channels;
  }

  get chats() {
    return this.graph.chats;
  }

  /** A member added the app to a private channel by hand: the bot is in it from now on. */
  addBotTo(conversationId: string): void {
    this.botIn.add(conversationId);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get serviceUrl(): string {
    return `${this.url}/connector/`;
  }

  /** The next `times` calls of `method` whose path matches fail with `status`. */
  fail(method: string, match: RegExp, status: number, times = 1, headers: Record<string, string> = {}): void {
    this.faults.push({ method, match, status, headers, remaining: times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  named(method: string, match: RegExp): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && match.test(call.path));
  }

  /** Cards posted as new messages (not replies) into a conversation, in order. */
  postedCards(conversationId: string): Array<{ id: string; card: Record<string, unknown> }> {
    return this.cards(conversationId, false);
  }

  /** Every card in a conversation (replies in threads too), as the bot last left it. */
  cards(conversationId: string, replies = true): Array<{ id: string; card: Record<string, unknown> }> {
    const messages = this.activities.get(conversationId) ?? new Map();
    return [...messages.entries()]
      .filter(([, activity]) => (replies || !activity.replyToId) && Array.isArray(activity.attachments))
      .map(([id, activity]) => ({
        id,
        card: (activity.attachments as Array<{ content: Record<string, unknown> }>)[0]?.content ?? {},
      }));
  }

  /** Text messages in a conversation (replies in threads too), in order. */
  texts(
    conversationId: string,
  ): Array<{ id: string; text: string; replyToId?: string; entities?: unknown[] }> {
    const messages = this.activities.get(conversationId) ?? new Map();
    return [...messages.entries()]
      .filter(([, activity]) => typeof activity.text === 'string')
      .map(([id, activity]) => ({
        id,
        text: String(activity.text),
        ...(activity.replyToId ? { replyToId: String(activity.replyToId) } : {}),
        ...(Array.isArray(activity.entities) ? { entities: activity.entities as unknown[] } : {}),
      }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if ((req.url ?? '').startsWith('/onedrive/'))
      return this.onedrive.receive(req, Buffer.concat(chunks), res);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // form-encoded token requests stay text
    }
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(req.url ?? '/');
    this.calls.push({ method, path, body, authorization: req.headers.authorization });
    const fault = this.faults.find((f) => f.remaining > 0 && f.method === method && f.match.test(path));
    if (fault) {
      fault.remaining -= 1;
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { code: 'fake', message: 'fake failure' } }));
      return;
    }
    const answer = this.route(method, path, body, req.headers.authorization);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  /** The roles of a Graph token: the fake's own tokens carry the granted roles; a JWT its claim. */
  private rolesOf(authorization: string | undefined): Set<string> {
    const token = (authorization ?? '').replace(/^Bearer /, '');
    const payload = token.split('.')[1];
    if (token.split('.').length === 3 && payload) {
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
        if (Array.isArray(claims.roles)) return new Set(claims.roles.map(String));
      } catch {
        return new Set();
      }
    }
    return token.startsWith('token-for-') ? this.roles : new Set();
  }

  private route(
    method: string,
    path: string,
    body: unknown,
    authorization?: string,
  ): { status: number; body?: unknown } {
    const b = (body ?? {}) as Record<string, unknown>;
    const on = (verb: string | null, pattern: RegExp) =>
      verb === null || method === verb ? path.match(pattern) : null;
    const token = on('POST', /^\/token\/([^/]+)$/);
    if (token) {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const jwt = `${part({ alg: 'none' })}.${part({ tid: token[1], roles: [...this.roles] })}.x`;
      return {
        status: 200,
        body: { access_token: this.jwtTokens ? jwt : `token-for-${token[1]}`, expires_in: 3600 },
      };
    }
    if (path.startsWith('/graph/')) {
      const answer = this.graph.route(method, path, b, this.rolesOf(authorization));
      if (answer) return answer;
    }
    const team = on('GET', /^\/connector\/v3\/teams\/([^/]+)$/);
    if (team) return { status: 200, body: { id: team[1], name: 'Zorgteam', aadGroupId: GROUP_ID } };
    if (on('GET', /^\/connector\/v3\/conversations\/[^/]+\/pagedmembers/)) {
      const members = this.people.map((p) => ({
        id: `29:${p.aad}`,
        name: p.name,
        aadObjectId: p.aad,
        tenantId: TENANT,
      }));
      return { status: 200, body: { members } };
    }
    if (on('POST', /^\/connector\/v3\/conversations$/)) {
      const member = ((b.members as Array<{ id: string }>) ?? [])[0]?.id ?? 'nobody';
      if (this.unreachable.has(member))
        return {
          status: 403,
          body: { error: { code: 'Forbidden', message: 'The bot is not installed for the user.' } },
        };
      this.botIn.add(`a:personal-${member}`);
      return { status: 201, body: { id: `a:personal-${member}`, activityId: '' } };
    }
    const activity = on(null, /^\/connector\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
    if (activity) return this.activity(method, activity[1] ?? '', activity[2], b);
    return { status: 404, body: { error: { code: 'NotFound' } } };
  }

  private activity(
    method: string,
    conversation: string,
    activityId: string | undefined,
    b: Record<string, unknown>,
  ) {
    const [conversationId = '', threadId] = conversation.split(';messageid=');
    if (!this.botIn.has(conversationId) && !isPersonalConversation(conversationId))
      return CONVERSATION_NOT_FOUND;
    const messages = this.activities.get(conversationId) ?? new Map<string, Record<string, unknown>>();
    this.activities.set(conversationId, messages);
    if (method === 'PUT' && activityId) {
      if (!messages.has(activityId)) return { status: 404 };
      messages.set(activityId, { ...b, replyToId: messages.get(activityId)?.replyToId });
      return { status: 200, body: { id: activityId } };
    }
    if (method !== 'POST') return { status: 405 };
    const refused = fileCardRefusal(conversationId, b);
    if (refused) return refused;
    this.counter += 1;
    const id = `${this.counter}${randomUUID().slice(0, 4)}`;
    const replyTo = activityId ?? threadId;
    messages.set(id, { ...b, ...(replyTo ? { replyToId: replyTo } : {}) });
    return { status: 200, body: { id } };
  }
}
