import { validateBlocks, validateModal } from './block-kit.validator.js';
import { ApiRefusal, type FakeSlackState, type Json } from './fake-slack.state.js';

type Handler = (state: FakeSlackState, args: Json) => Json;

const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function required(args: Json, ...names: string[]): void {
  for (const name of names) {
    if (args[name] === undefined || args[name] === '')
      throw new ApiRefusal('invalid_arguments', { missing: name });
  }
}

function bool(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function checkMessage(args: Json): void {
  if (args.text === undefined && args.blocks === undefined) throw new ApiRefusal('no_text');
  if (args.blocks !== undefined) {
    const errors = validateBlocks(args.blocks, 'message');
    if (errors.length > 0) throw new ApiRefusal('invalid_blocks', { errors });
  }
  if (typeof args.text === 'string' && args.text.length > 40_000) throw new ApiRefusal('msg_too_long');
  if (args.metadata !== undefined) {
    const metadata = args.metadata as Json;
    if (typeof metadata?.event_type !== 'string' || typeof metadata.event_payload !== 'object') {
      throw new ApiRefusal('invalid_metadata_format');
    }
  }
}

function page<T>(items: T[], args: Json): { items: T[]; next: string } {
  const limit = Math.max(1, Math.min(Number(args.limit ?? 100) || 100, 1000));
  const start =
    typeof args.cursor === 'string' && args.cursor
      ? Number(Buffer.from(args.cursor, 'base64').toString())
      : 0;
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64') : '';
  return { items: slice, next };
}

/** Web API methods as Slack answers them, refusing what Slack refuses. */
export const METHODS: Record<string, Handler> = {
  'auth.test': (state) => ({
    user_id: state.botUserId,
    bot_id: state.botId,
    team_id: state.teamId,
    team: 'School',
  }),

  'conversations.create': (state, args) => {
    required(args, 'name');
    const name = String(args.name);
    if (name.length > 80) throw new ApiRefusal('invalid_name_maxlength');
    if (!CHANNEL_NAME.test(name)) throw new ApiRefusal('invalid_name_specials');
    if ([...state.channels.values()].some((channel) => channel.name === name))
      throw new ApiRefusal('name_taken');
    const channel = state.addChannel(name, { isPrivate: bool(args.is_private), members: [state.botUserId] });
    return { channel: { id: channel.id, name, is_private: channel.isPrivate, is_archived: false } };
  },

  'conversations.invite': (state, args) => {
    required(args, 'channel', 'users');
    const channel = state.botChannel(args.channel);
    if (channel.isArchived) throw new ApiRefusal('is_archived');
    const users = String(args.users).split(',').filter(Boolean);
    if (users.length > 1000) throw new ApiRefusal('too_many_users');
    if (users.includes(state.botUserId)) throw new ApiRefusal('cant_invite_self');
    const unknown = users.filter((id) => !state.users.has(id));
    if (unknown.length > 0 && !bool(args.force)) throw new ApiRefusal('user_not_found');
    const fresh = users.filter((id) => state.users.has(id) && !channel.members.has(id));
    if (fresh.length === 0) throw new ApiRefusal('already_in_channel');
    for (const id of fresh) channel.members.add(id);
    return { channel: { id: channel.id, name: channel.name } };
  },

  // https://api.slack.com/methods/conversations.kick: one user per call.
  'conversations.kick': (state, args) => {
    required(args, 'channel', 'user');
    const channel = state.botChannel(args.channel);
    const user = String(args.user);
    if (user === state.botUserId) throw new ApiRefusal('cant_kick_self');
    if (!state.users.has(user)) throw new ApiRefusal('user_not_found');
    if (!channel.members.has(user)) throw new ApiRefusal('not_in_channel');
    channel.members.delete(user);
    return {};
  },

  'conversations.list': (state, args) => {
    const types = String(args.types ?? 'public_channel').split(',');
    const visible = [...state.channels.values()].filter(
      (channel) =>
        types.includes(channel.isPrivate ? 'private_channel' : 'public_channel') &&
        (!channel.isPrivate || channel.members.has(state.botUserId)) &&
        !(bool(args.exclude_archived) && channel.isArchived),
    );
    const { items, next } = page(visible, args);
    return {
      channels: items.map((channel) => ({
        id: channel.id,
        name: channel.name,
        is_private: channel.isPrivate,
      })),
      response_metadata: { next_cursor: next },
    };
  },

  'conversations.history': (state, args) => {
    required(args, 'channel');
    const channel = state.botChannel(args.channel);
    const withMetadata = bool(args.include_all_metadata);
    const newestFirst = state.topLevel(channel.id).slice().reverse();
    const { items, next } = page(newestFirst, args);
    return {
      messages: items.map((message) => ({
        type: 'message',
        ts: message.ts,
        user: message.user,
        ...(message.user === state.botUserId ? { bot_id: state.botId } : {}),
        text: message.text,
        ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
      })),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  },

  'conversations.archive': (state, args) => {
    required(args, 'channel');
    const channel = state.botChannel(args.channel);
    if (channel.isArchived) throw new ApiRefusal('already_archived');
    channel.isArchived = true;
    return {};
  },

  'conversations.open': (state, args) => {
    required(args, 'users');
    const user = String(args.users);
    if (!state.users.has(user)) throw new ApiRefusal('user_not_found');
    let id = state.directMessages.get(user);
    if (!id) {
      id = state.next('D');
      state.directMessages.set(user, id);
      state.channels.set(id, {
        id,
        name: id,
        isPrivate: true,
        isArchived: false,
        members: new Set([user, state.botUserId]),
      });
    }
    return { channel: { id } };
  },

  'chat.postMessage': (state, args) => {
    required(args, 'channel');
    let channelId = String(args.channel);
    // Posting to a user id writes in the app's direct message with that person.
    if (state.users.has(channelId))
      channelId = String((METHODS['conversations.open']!(state, { users: channelId }).channel as Json).id);
    const channel = state.botChannel(channelId);
    if (channel.isArchived) throw new ApiRefusal('is_archived');
    checkMessage(args);
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    if (threadTs) state.message(channel.id, threadTs);
    const message = {
      channel: channel.id,
      ts: state.nextTs(),
      user: state.botUserId,
      text: String(args.text ?? ''),
      ...(args.blocks ? { blocks: args.blocks as Json[] } : {}),
      ...(args.metadata ? { metadata: args.metadata as Json } : {}),
      ...(threadTs ? { threadTs } : {}),
      updates: 0,
      writtenAt: performance.now(),
    };
    state.messages.push(message);
    return { channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts } };
  },

  'chat.update': (state, args) => {
    required(args, 'channel', 'ts');
    const channel = state.botChannel(args.channel);
    const message = state.message(channel.id, args.ts);
    if (message.user !== state.botUserId) throw new ApiRefusal('cant_update_message');
    checkMessage(args);
    message.text = String(args.text ?? message.text);
    if (args.blocks !== undefined) message.blocks = args.blocks as Json[];
    message.updates += 1;
    message.writtenAt = performance.now();
    return { channel: channel.id, ts: message.ts };
  },

  'chat.postEphemeral': (state, args) => {
    required(args, 'channel', 'user');
    const channel = state.botChannel(args.channel);
    if (channel.isArchived) throw new ApiRefusal('is_archived');
    if (!channel.members.has(String(args.user))) throw new ApiRefusal('user_not_in_channel');
    checkMessage(args);
    state.ephemerals.push({
      channel: channel.id,
      user: String(args.user),
      text: String(args.text ?? ''),
      at: performance.now(),
    });
    return { message_ts: state.nextTs() };
  },

  'pins.add': (state, args) => {
    required(args, 'channel', 'timestamp');
    const channel = state.botChannel(args.channel);
    state.message(channel.id, args.timestamp);
    const key = `${channel.id}:${String(args.timestamp)}`;
    if (state.pins.has(key)) throw new ApiRefusal('already_pinned');
    state.pins.add(key);
    return {};
  },

  'users.info': (state, args) => {
    required(args, 'user');
    const user = state.users.get(String(args.user));
    if (!user) throw new ApiRefusal('user_not_found');
    return {
      user: {
        id: user.id,
        name: user.name,
        real_name: user.displayName,
        is_bot: user.isBot === true,
        profile: { display_name: user.displayName, real_name: user.displayName },
      },
    };
  },

  'views.open': (state, args) => {
    required(args, 'trigger_id', 'view');
    const trigger = state.triggers.get(String(args.trigger_id));
    if (!trigger) throw new ApiRefusal('invalid_trigger_id');
    if (trigger.used) throw new ApiRefusal('exchanged_trigger_id');
    if (Date.now() - trigger.issuedAt > 3000) throw new ApiRefusal('expired_trigger_id');
    const errors = validateModal(args.view);
    if (errors.length > 0)
      throw new ApiRefusal('invalid_arguments', { response_metadata: { messages: errors } });
    trigger.used = true;
    const id = state.next('V');
    state.views.push({ id, view: args.view as Json, userId: trigger.userId, openedAt: performance.now() });
    return { view: { id, ...(args.view as Json), state: { values: {} } } };
  },

  'views.update': (state, args) => {
    required(args, 'view_id', 'view');
    const opened = state.views.find((candidate) => candidate.id === String(args.view_id));
    if (!opened) throw new ApiRefusal('not_found');
    if (args.hash !== undefined && args.hash !== (opened.hash ?? `h-${opened.id}`))
      throw new ApiRefusal('hash_conflict');
    const errors = validateModal(args.view);
    if (errors.length > 0)
      throw new ApiRefusal('invalid_arguments', { response_metadata: { messages: errors } });
    opened.view = args.view as Json;
    opened.hash = `h-${opened.id}-${state.next('u')}`;
    return { view: { id: opened.id, ...(args.view as Json), hash: opened.hash, state: { values: {} } } };
  },

  'files.info': () => {
    // The bot must never fetch a shared file; the tests fail on any call to this method.
    return { file: {} };
  },
};
