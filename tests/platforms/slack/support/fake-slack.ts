import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FILE_METHODS, receiveUpload } from './fake-slack.files.js';
import { METHODS } from './fake-slack.methods.js';
import type { RateLimits } from './fake-slack.rate-limits.js';
import { ApiRefusal, FakeSlackState, type Json } from './fake-slack.state.js';
import { scopeFor } from './slack-scopes.js';

export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-test-token';
export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM_ID = 'T0SCHOOL';
export const BOT_USER_ID = 'UBOT0001';

export interface RecordedCall {
  method: string;
  args: Json;
  ok: boolean;
  error?: string;
  /** What Slack said besides the code (e.g. invalid_blocks errors). */
  detail?: Json;
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Json;
  at: number;
}

const RESPONSE_URL_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** What a call suffers instead of a normal answer. */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  /** Apply the call, then never answer: the caller waits, as when a process dies mid-call. */
  | { hang: true }
  /** Never answer and do nothing. */
  | { hangBefore: true };

/**
 * A stand-in for Slack's Web API on loopback: records every call, answers like Slack (ids, ts,
 * error codes) and refuses what Slack refuses (Block Kit limits, missing arguments, missing
 * scopes, taken names, expired trigger ids). Also takes response_url posts and, for Socket Mode,
 * apps.connections.open.
 */
export class FakeSlack {
  readonly state = new FakeSlackState(TEAM_ID, BOT_USER_ID, 'BBOT0001');
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Every path requested, including ones the fake does not serve (e.g. a file's url_private). */
  readonly requestedPaths: string[] = [];
  /** The URL apps.connections.open hands out (a local WebSocket server in the Socket Mode test). */
  socketUrl = '';
  /** Every response_url answers as one used five times already (a test's fault). */
  responseUrlsUsedUp = false;
  /** Slack's rate limits, when a test turns them on (`fake.rateLimits = new RateLimits()`). */
  rateLimits: RateLimits | null = null;
  private readonly faults: Array<{ method: string; fault: Fault; skip: number }> = [];
  private readonly hung: ServerResponse[] = [];
  private responseCounter = 0;
  private readonly responseUrls = new Map<
    string,
    { userId: string | undefined; channelId: string | undefined; issuedAt: number; uses: number }
  >();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly scopes: Set<string>,
  ) {}

  static async start(scopes: string[]): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`, new Set(scopes));
    fake.state.uploadBase = fake.baseUrl;
    return fake;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** Forgets every fault still waiting to happen. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** `times` calls of `method`, after the next `after` normal ones, get `fault` instead of their answer. */
  fail(method: string, fault: Fault, times = 1, after = 0): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ method, fault, skip: after });
  }

  /**
   * A response_url for an interaction of `userId` in `channelId`. Like Slack's, it takes five
   * posts within 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses);
   * an ephemeral post shows to that person in that channel only.
   */
  newResponseUrl(userId?: string, channelId?: string): string {
    this.responseCounter += 1;
    const id = String(this.responseCounter);
    this.responseUrls.set(id, { userId, channelId, issuedAt: Date.now(), uses: 0 });
    return `${this.baseUrl}/respond/${id}`;
  }

  named(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Polls until `check` returns something truthy (or throws after `timeoutMs`). */
  async waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs = 10_000,
    what = 'condition',
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    for (const res of this.hung.splice(0)) res.socket?.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private respond(id: string, raw: string, res: ServerResponse): void {
    const url = this.responseUrls.get(id);
    if (!url) return void res.writeHead(404).end('invalid_url');
    // Slack's exact refusal text is not documented; what is: five uses within 30 minutes.
    if (Date.now() - url.issuedAt > RESPONSE_URL_LIFETIME_MS)
      return void res.writeHead(404).end('expired_url');
    if (url.uses >= RESPONSE_URL_USES || this.responseUrlsUsedUp)
      return void res.writeHead(404).end('used_url');
    const body = JSON.parse(raw || '{}') as Json & Record<string, unknown>;
    const ephemeral = body.response_type !== 'in_channel' && body.replace_original !== true;
    if (ephemeral && url.userId && url.channelId) {
      // Shown only to someone still in a channel that is still open, as chat.postEphemeral.
      const channel = this.state.channels.get(url.channelId);
      if (channel && (channel.isArchived || !channel.members.has(url.userId))) {
        return void res.writeHead(404).end(channel.isArchived ? 'is_archived' : 'user_not_in_channel');
      }
    }
    url.uses += 1;
    this.responses.push({ id, body, at: performance.now() });
    if (ephemeral && url.userId && url.channelId) {
      this.state.ephemerals.push({
        channel: url.channelId,
        user: url.userId,
        text: String(body.text ?? ''),
        at: performance.now(),
      });
    }
    res.writeHead(200).end('ok');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readAll(req);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    this.requestedPaths.push(path);
    if (path.startsWith('/upload/v1/')) return receiveUpload(this.state, req, bytes, res);
    if (path.startsWith('/respond/')) return this.respond(path.slice('/respond/'.length), raw, res);
    if (!path.startsWith('/api/')) return void res.writeHead(404).end();
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || String(args.token ?? '');
    const fault = this.takeFault(method);
    if (fault && 'hangBefore' in fault) {
      this.hung.push(res);
      return;
    }
    const wait =
      this.rateLimits && method !== 'apps.connections.open' ? this.rateLimits.retryAfter(method, args) : null;
    if (wait !== null) {
      this.record(method, args, false, 'http_429');
      return void res.writeHead(429, { 'retry-after': String(wait) }).end();
    }
    if (fault && 'status' in fault) {
      this.record(method, args, false, `http_${fault.status}`);
      const headers = fault.status === 429 ? { 'retry-after': String(fault.retryAfter) } : {};
      return void res.writeHead(fault.status, headers).end();
    }
    let body: Json;
    try {
      if (fault && 'error' in fault) throw new ApiRefusal(fault.error);
      body = { ok: true, ...this.call(method, args, auth) };
      this.record(method, args, true);
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      this.record(method, args, false, error.error, error.extra);
      body = { ok: false, error: error.error, ...error.extra };
    }
    if (fault && 'hang' in fault) {
      this.hung.push(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private takeFault(method: string): Fault | undefined {
    const index = this.faults.findIndex((entry) => entry.method === method);
    const entry = this.faults[index];
    if (!entry) return undefined;
    if (entry.skip > 0) {
      for (const other of this.faults) if (other.method === method) other.skip -= 1;
      return undefined;
    }
    this.faults.splice(index, 1);
    return entry.fault;
  }

  private call(method: string, args: Json, token: string): Json {
    if (method === 'apps.connections.open') {
      if (!token.startsWith('xapp-')) throw new ApiRefusal('not_allowed_token_type');
      return { url: this.socketUrl };
    }
    if (token !== BOT_TOKEN) throw new ApiRefusal('invalid_auth');
    const handler = METHODS[method] ?? FILE_METHODS[method];
    if (!handler) throw new ApiRefusal('unknown_method');
    const needed = scopeFor(method, args, (id) => this.state.channels.get(id)?.isPrivate ?? false);
    if (needed && !this.scopes.has(needed)) {
      throw new ApiRefusal('missing_scope', { needed, provided: [...this.scopes].join(',') });
    }
    return handler(this.state, args);
  }

  private record(method: string, args: Json, ok: boolean, error?: string, detail?: Json): void {
    this.calls.push({
      method,
      args,
      ok,
      ...(error ? { error } : {}),
      ...(detail ? { detail } : {}),
      at: performance.now(),
    });
  }
}

const JSON_FIELDS = ['blocks', 'metadata', 'view', 'attachments'];

function parseArgs(raw: string, contentType: string): Json {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.includes(key) ? JSON.parse(value) : value;
  }
  return args;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
