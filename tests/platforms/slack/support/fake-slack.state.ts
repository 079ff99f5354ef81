/** The world the fake Slack keeps: people, channels, messages, views, pins. */
export type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  name: string;
  displayName: string;
  isBot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  members: Set<string>;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks?: Json[];
  metadata?: Json;
  threadTs?: string;
  /** How often chat.update replaced it. */
  updates: number;
  /** When it was last written, performance.now() ms. */
  writtenAt: number;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  at: number;
}

export interface FakeView {
  id: string;
  view: Json;
  userId: string;
  openedAt: number;
  /** Changes with every views.update; an update naming an older hash is refused. */
  hash?: string;
}

export interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** A file the bot announced with files.getUploadURLExternal, its bytes once sent, and where it was shared. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | null;
  /** Set by files.completeUploadExternal. */
  title?: string;
  channel?: string;
  initialComment?: string;
}

/** A refusal the way the Web API answers: HTTP 200 with `ok: false`. */
export class ApiRefusal extends Error {
  constructor(
    readonly error: string,
    readonly extra: Json = {},
  ) {
    super(error);
  }
}

export class FakeSlackState {
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views: FakeView[] = [];
  readonly pins = new Set<string>();
  readonly triggers = new Map<string, Trigger>();
  readonly directMessages = new Map<string, string>();
  readonly files = new Map<string, FakeFile>();
  /** Where upload URLs point (the fake's own address). */
  uploadBase = '';
  private counter = 0;
  private readonly second = Math.floor(Date.now() / 1000);

  constructor(
    readonly teamId: string,
    readonly botUserId: string,
    readonly botId: string,
  ) {
    this.users.set(botUserId, {
      id: botUserId,
      name: 'stappenplan',
      displayName: 'Stappenplan',
      isBot: true,
    });
  }

  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(6, '0')}`;
  }

  nextTs(): string {
    this.counter += 1;
    return `${this.second}.${String(this.counter).padStart(6, '0')}`;
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  addChannel(name: string, options: { isPrivate?: boolean; members?: string[] } = {}): FakeChannel {
    const channel: FakeChannel = {
      id: this.next('C'),
      name,
      isPrivate: options.isPrivate ?? false,
      isArchived: false,
      members: new Set(options.members ?? []),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channel(id: unknown): FakeChannel {
    const channel = typeof id === 'string' ? this.channels.get(id) : undefined;
    if (!channel) throw new ApiRefusal('channel_not_found');
    return channel;
  }

  /** A channel the bot can act in; a private channel it is not in does not exist for it. */
  botChannel(id: unknown): FakeChannel {
    const channel = this.channel(id);
    if (!channel.members.has(this.botUserId)) {
      throw new ApiRefusal(channel.isPrivate ? 'channel_not_found' : 'not_in_channel');
    }
    return channel;
  }

  message(channel: string, ts: unknown): FakeMessage {
    const found = this.messages.find((message) => message.channel === channel && message.ts === ts);
    if (!found) throw new ApiRefusal('message_not_found');
    return found;
  }

  issueTrigger(userId: string): string {
    const id = `${this.next('')}.${Math.floor(Math.random() * 1e9)}.${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { userId, issuedAt: Date.now(), used: false });
    return id;
  }

  topLevel(channel: string): FakeMessage[] {
    return this.messages.filter((message) => message.channel === channel && !message.threadTs);
  }

  thread(channel: string, ts: string): FakeMessage[] {
    return this.messages.filter((message) => message.channel === channel && message.threadTs === ts);
  }
}

/** Who a message would notify: `<!channel>`, `<!here>`, `<!everyone>` and `<@U…>` in its text. */
export function mentionsIn(text: string): string[] {
  return [...text.matchAll(/<(!channel|!here|!everyone|@[UW][A-Z0-9]+)(\|[^>]*)?>/g)].map(
    (match) => match[1] ?? '',
  );
}

/** Every mrkdwn and plain text string of a message's blocks, for mention and escape checks. */
export function textsOf(blocks: Json[] | undefined): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Json;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
        out.push(record.text);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(blocks ?? []);
  return out;
}
