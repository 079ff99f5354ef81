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
import { callSlack, nextCursor, requireString, type SlackResponse } from './api/slack-api.js';
import { messageText, toBlockKit } from './block-kit/block-kit.renderer.js';
import {
  archiveChannel,
  createOrFindPrivateChannel,
  inviteToChannel,
  kickFromChannel,
} from './channels/private-channel.js';
import { uploadToChannel } from './files/file-upload.js';
import { postNotice, updateNotice } from './messages/direct-notice.js';
import { TimelineBatcher } from './timeline.batcher.js';

type WebClient = webApi.WebClient;

/** The message metadata that marks a card, so it can be found again after a crash. */
export const CARD_EVENT_TYPE = 'stappenplan_card';

/** Pages of history searched for a card posted before a crash; openings are young channels. */
const HISTORY_PAGES = 5;
const KNOWN_CARDS_TTL_MS = 60_000;

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
 * (which waits out 429 Retry-After and backs off on 5xx); refusals become SlackApiError. The
 * channel's life (create, invite, kick, archive) is in channels/private-channel.ts, the direct
 * notices in messages/direct-notice.ts.
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
    const channel = await createOrFindPrivateChannel(this.client, request.name);
    const spaceId = channel.id;
    // A channel just made holds no cards yet: no need to read its history.
    if (channel.created)
      this.knownCards.set(spaceId, { at: this.options.clock.now().getTime(), cards: new Map() });
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
    return inviteToChannel(this.client, this.identity.botUserId, spaceId, userIds);
  }

  async removeMembers(spaceId: string, userIds: UserId[]): Promise<void> {
    return kickFromChannel(this.client, this.identity.botUserId, spaceId, userIds);
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
   * The requester's confirmation, as a direct message from the bot that can be updated later,
   * so it can say what really happened. Returns its reference (`channel|ts`).
   */
  async postNotice(userId: UserId, card: Card): Promise<string> {
    return postNotice(this.client, userId, toBlockKit(card, { locale: this.options.locale() }));
  }

  async updateNotice(noticeRef: string, card: Card): Promise<void> {
    return updateNotice(this.client, noticeRef, toBlockKit(card, { locale: this.options.locale() }));
  }

  /** The dossier as files in the incident's private channel (files.uploadV2). */
  handOverFiles(handover: FileHandover): Promise<HandoverResult> {
    return uploadToChannel(this.client, handover);
  }

  async archiveSpace(spaceId: string): Promise<void> {
    return archiveChannel(this.client, spaceId);
  }
}

interface HistoryMessage {
  ts?: string;
  user?: string;
  metadata?: { event_type?: string; event_payload?: { incident?: unknown; card?: unknown } };
}
