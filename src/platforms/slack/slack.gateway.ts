import type { webApi } from '@slack/bolt';
import type { Card } from '../../core/cards/card.types.js';
import type { UserId } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type {
  ChatGateway,
  EnsureSpaceRequest,
  FileHandover,
  HandoverResult,
  PostedMessage,
} from '../../core/ports/chat-gateway.js';
import type { Clock } from '../../core/ports/clock.js';
import { callSlack, SlackApiError, type SlackResponse } from './api/slack-api.js';
import { messageText, toBlockKit } from './block-kit/block-kit.renderer.js';
import { uploadToChannel } from './files/file-upload.js';
import { TimelineBatcher } from './timeline.batcher.js';

type WebClient = webApi.WebClient;

/** The message metadata that marks a card, so it can be found again after a crash. */
export const CARD_EVENT_TYPE = 'stappenplan_card';

/** Pages of history searched for a card posted before a crash; openings are young channels. */
const HISTORY_PAGES = 5;
const LIST_PAGES = 50;
const KNOWN_CARDS_TTL_MS = 60_000;
/** Name suffixes tried when the incident's channel name belongs to a channel the bot is not in. */
const NAME_SUFFIXES = 9;

export interface SlackIdentity {
  botUserId: string;
}

export interface SlackGatewayOptions {
  /** Time for how long the cards read from a channel's history are kept. */
  clock: Clock;
  /** The workspace's language, for the words the renderer adds. */
  locale: () => Locale;
  /**
   * A client for timeline replies only. The Web API client pauses all its calls while it waits
   * out a 429, so the busiest kind of message must not hold up card updates and answers.
   */
  timelineClient?: WebClient;
}

/**
 * The incident space as a private Slack channel. Every call goes through the Web API client
 * (which waits out 429 Retry-After and backs off on 5xx); refusals become SlackApiError.
 */
export class SlackGateway implements ChatGateway {
  /** Cards known per channel during an opening, so history is read once, not once per card. */
  private readonly knownCards = new Map<string, { at: number; cards: Map<string, string> }>();
  private readonly timeline: TimelineBatcher;

  constructor(
    private readonly client: WebClient,
    private readonly identity: SlackIdentity,
    private readonly options: SlackGatewayOptions,
  ) {
    const timelineClient = options.timelineClient ?? client;
    this.timeline = new TimelineBatcher(async (thread, text) => {
      const [channel, threadTs] = thread.split(' ');
      await callSlack(timelineClient, 'chat.postMessage', {
        channel,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
      });
    });
  }

  async ensureSpace(request: EnsureSpaceRequest): Promise<{ spaceId: string }> {
    const spaceId = await this.createOrFind(request.name);
    await this.addMembers(
      spaceId,
      request.members.map((member) => member.userId),
    );
    return { spaceId };
  }

  async findCard(spaceId: string, incidentId: string, cardKey: string): Promise<PostedMessage | null> {
    const known = this.knownCards.get(spaceId);
    if (known && this.options.clock.now().getTime() - known.at < KNOWN_CARDS_TTL_MS) {
      const ts = known.cards.get(`${incidentId}:${cardKey}`);
      return ts ? { messageId: ts } : null;
    }
    const cards = await this.readCards(spaceId);
    for (const [id, entry] of this.knownCards) {
      if (this.options.clock.now().getTime() - entry.at >= KNOWN_CARDS_TTL_MS) this.knownCards.delete(id);
    }
    this.knownCards.set(spaceId, { at: this.options.clock.now().getTime(), cards });
    const ts = cards.get(`${incidentId}:${cardKey}`);
    return ts ? { messageId: ts } : null;
  }

  /** Every card the bot posted in the channel, from its history (a young channel: a few pages). */
  private async readCards(spaceId: string): Promise<Map<string, string>> {
    const cards = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const answer = await callSlack(this.client, 'conversations.history', {
        channel: spaceId,
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of (answer.messages as HistoryMessage[] | undefined) ?? []) {
        const payload = message.metadata?.event_payload;
        if (
          message.metadata?.event_type === CARD_EVENT_TYPE &&
          message.user === this.identity.botUserId &&
          message.ts &&
          typeof payload?.incident === 'string' &&
          typeof payload.card === 'string'
        ) {
          // History is newest first: keep the oldest copy, the one an opening would have stored.
          cards.set(`${payload.incident}:${payload.card}`, message.ts);
        }
      }
      cursor = nextCursor(answer);
      if (!cursor) break;
    }
    return cards;
  }

  async postCard(spaceId: string, card: Card): Promise<PostedMessage> {
    const message = toBlockKit(card, { locale: this.options.locale() });
    const incident = card.incidentId;
    let answer: SlackResponse;
    try {
      answer = await callSlack(this.client, 'chat.postMessage', {
        channel: spaceId,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: CARD_EVENT_TYPE, event_payload: { incident, card: card.key } },
      });
    } catch (error) {
      // The message may have been posted before the answer was lost: read the history next time.
      this.knownCards.delete(spaceId);
      throw error;
    }
    const ts = requireString(answer.ts, 'chat.postMessage');
    this.knownCards.get(spaceId)?.cards.set(`${incident}:${card.key}`, ts);
    return { messageId: ts };
  }

  async updateCard(spaceId: string, messageId: string, card: Card): Promise<void> {
    const message = toBlockKit(card, { locale: this.options.locale() });
    await callSlack(this.client, 'chat.update', { channel: spaceId, ts: messageId, ...message });
  }

  async pinCard(spaceId: string, messageId: string): Promise<void> {
    await callSlack(
      this.client,
      'pins.add',
      { channel: spaceId, timestamp: messageId },
      { accept: ['already_pinned'] },
    );
  }

  async postTimeline(spaceId: string, overviewMessageId: string | null, text: string): Promise<void> {
    await this.timeline.add(`${spaceId} ${overviewMessageId ?? ''}`.trim(), messageText(text));
  }

  async addMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    const users = [...new Set(userIds)].filter((id) => id !== this.identity.botUserId);
    if (users.length === 0) return;
    // force: invite the others when one cannot be invited (a deactivated account, a guest).
    await callSlack(
      this.client,
      'conversations.invite',
      { channel: spaceId, users: users.join(','), force: true },
      { accept: ['already_in_channel'] },
    );
  }

  /** https://api.slack.com/methods/conversations.kick: one person per call; one already gone is fine. */
  async removeMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    for (const user of new Set(userIds)) {
      if (user === this.identity.botUserId) continue;
      await callSlack(
        this.client,
        'conversations.kick',
        { channel: spaceId, user },
        { accept: ['not_in_channel'] },
      );
    }
  }

  async postText(
    spaceId: string,
    text: string,
    options: { mention?: UserId[] } = {},
  ): Promise<PostedMessage> {
    const mentions = (options.mention ?? [])
      .filter((id) => /^[UW][A-Z0-9]+$/.test(id))
      .map((id) => `<@${id}>`);
    const answer = await callSlack(this.client, 'chat.postMessage', {
      channel: spaceId,
      text: [...mentions, messageText(text)].join(' '),
      unfurl_links: false,
    });
    return { messageId: requireString(answer.ts, 'chat.postMessage') };
  }

  async sendDirect(userId: UserId, card: Card): Promise<PostedMessage> {
    const [, ts = ''] = (await this.postNotice(userId, card)).split('|');
    return { messageId: ts };
  }

  /**
   * The requester's confirmation, as a direct message from the bot: unlike an ephemeral answer
   * it can be updated later (chat.update), so it can say what really happened. Returns its
   * reference (`channel|ts`).
   */
  async postNotice(userId: UserId, card: Card): Promise<string> {
    const opened = await callSlack(this.client, 'conversations.open', { users: userId });
    const channel = requireString((opened.channel as { id?: unknown } | undefined)?.id, 'conversations.open');
    const answer = await callSlack(this.client, 'chat.postMessage', {
      channel,
      ...toBlockKit(card, { locale: this.options.locale() }),
      unfurl_links: false,
    });
    return `${channel}|${requireString(answer.ts, 'chat.postMessage')}`;
  }

  async updateNotice(noticeRef: string, card: Card): Promise<void> {
    const [channel, ts] = noticeRef.split('|');
    if (!channel || !ts) return;
    await callSlack(this.client, 'chat.update', {
      channel,
      ts,
      ...toBlockKit(card, { locale: this.options.locale() }),
    });
  }

  /** The dossier as files in the incident's private channel (files.uploadV2). */
  handOverFiles(handover: FileHandover): Promise<HandoverResult> {
    return uploadToChannel(this.client, handover);
  }

  async archiveSpace(spaceId: string): Promise<void> {
    await callSlack(
      this.client,
      'conversations.archive',
      { channel: spaceId },
      { accept: ['already_archived'] },
    );
  }

  /**
   * A new private channel, or the bot's own channel of that name made before a crash. A name
   * taken by a channel the bot is not in gets a suffix: the incident must not wait on it.
   */
  private async createOrFind(name: string): Promise<string> {
    for (let attempt = 0; attempt <= NAME_SUFFIXES; attempt += 1) {
      const candidate = attempt === 0 ? name : `${name}-${attempt + 1}`;
      const created = await callSlack(
        this.client,
        'conversations.create',
        { name: candidate, is_private: true },
        { accept: ['name_taken'] },
      );
      if (created.ok !== false) {
        const id = requireString(
          (created.channel as { id?: unknown } | undefined)?.id,
          'conversations.create',
        );
        // A channel just made holds no cards yet: no need to read its history.
        this.knownCards.set(id, { at: this.options.clock.now().getTime(), cards: new Map() });
        return id;
      }
      const mine = await this.findOwnPrivateChannel(candidate);
      if (mine) return mine;
    }
    throw new SlackApiError('conversations.create', 'name_taken');
  }

  private async findOwnPrivateChannel(name: string): Promise<string | null> {
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page += 1) {
      const answer = await callSlack(this.client, 'conversations.list', {
        types: 'private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const channels = (answer.channels as Array<{ id?: string; name?: string }> | undefined) ?? [];
      const found = channels.find((channel) => channel.name === name && channel.id);
      if (found?.id) return found.id;
      cursor = nextCursor(answer);
      if (!cursor) return null;
    }
    return null;
  }
}

interface HistoryMessage {
  ts?: string;
  user?: string;
  metadata?: { event_type?: string; event_payload?: { incident?: unknown; card?: unknown } };
}

function nextCursor(answer: SlackResponse): string | undefined {
  const cursor = (answer.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
  return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

function requireString(value: unknown, method: string): string {
  if (typeof value !== 'string' || value === '') throw new SlackApiError(method, 'unexpected_response');
  return value;
}
