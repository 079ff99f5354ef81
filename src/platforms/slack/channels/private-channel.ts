import type { webApi } from '@slack/bolt';
import type { UserId } from '../../../core/incidents/incident.types.js';
import { callSlack, nextCursor, requireString, SlackApiError } from '../api/slack-api.js';

type WebClient = webApi.WebClient;

const LIST_PAGES = 50;
/** Name suffixes tried when the incident's channel name belongs to a channel the bot is not in. */
const NAME_SUFFIXES = 9;

/**
 * A new private channel, or the bot's own channel of that name made before a crash. A name
 * taken by a channel the bot is not in gets a suffix: the incident must not wait on it.
 * `created` says the channel is new (it holds no messages yet).
 * https://api.slack.com/methods/conversations.create
 */
export async function createOrFindPrivateChannel(
  client: WebClient,
  name: string,
): Promise<{ id: string; created: boolean }> {
  for (let attempt = 0; attempt <= NAME_SUFFIXES; attempt += 1) {
    const candidate = attempt === 0 ? name : `${name}-${attempt + 1}`;
    const created = await callSlack(
      client,
      'conversations.create',
      { name: candidate, is_private: true },
      { accept: ['name_taken'] },
    );
    if (created.ok !== false) {
      const id = requireString((created.channel as { id?: unknown } | undefined)?.id, 'conversations.create');
      return { id, created: true };
    }
    const mine = await findOwnPrivateChannel(client, candidate);
    if (mine) return { id: mine, created: false };
  }
  throw new SlackApiError('conversations.create', 'name_taken');
}

/** https://api.slack.com/methods/conversations.list: lists only the private channels the bot is in. */
async function findOwnPrivateChannel(client: WebClient, name: string): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < LIST_PAGES; page += 1) {
    const answer = await callSlack(client, 'conversations.list', {
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

/** https://api.slack.com/methods/conversations.invite: up to 1000 people per call, comma-separated. */
export async function inviteToChannel(
  client: WebClient,
  botUserId: string,
  channel: string,
  userIds: UserId[],
): Promise<void> {
  const users = [...new Set(userIds)].filter((id) => id !== botUserId);
  if (users.length === 0) return;
  // force: invite the others when one cannot be invited (a deactivated account, a guest).
  await callSlack(
    client,
    'conversations.invite',
    { channel, users: users.join(','), force: true },
    { accept: ['already_in_channel'] },
  );
}

/** https://api.slack.com/methods/conversations.kick: one person per call; one already gone is fine. */
export async function kickFromChannel(
  client: WebClient,
  botUserId: string,
  channel: string,
  userIds: UserId[],
): Promise<void> {
  for (const user of new Set(userIds)) {
    if (user === botUserId) continue;
    await callSlack(client, 'conversations.kick', { channel, user }, { accept: ['not_in_channel'] });
  }
}

/** https://api.slack.com/methods/conversations.archive: archiving twice is fine. */
export async function archiveChannel(client: WebClient, channel: string): Promise<void> {
  await callSlack(client, 'conversations.archive', { channel }, { accept: ['already_archived'] });
}
