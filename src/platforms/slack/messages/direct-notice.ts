import type { webApi } from '@slack/bolt';
import { callSlack, requireString } from '../api/slack-api.js';
import type { BlockKitMessage } from '../block-kit/block-kit.renderer.js';

type WebClient = webApi.WebClient;

/**
 * A direct message from the bot: unlike an ephemeral answer it can be updated later
 * (chat.update), so it can say what really happened. Returns its reference (`channel|ts`).
 * https://api.slack.com/methods/conversations.open
 * https://api.slack.com/methods/chat.postMessage
 */
export async function postNotice(
  client: WebClient,
  userId: string,
  message: BlockKitMessage,
): Promise<string> {
  const opened = await callSlack(client, 'conversations.open', { users: userId });
  const channel = requireString((opened.channel as { id?: unknown } | undefined)?.id, 'conversations.open');
  const answer = await callSlack(client, 'chat.postMessage', { channel, ...message, unfurl_links: false });
  return `${channel}|${requireString(answer.ts, 'chat.postMessage')}`;
}

/** https://api.slack.com/methods/chat.update: a reference that is not `channel|ts` is left alone. */
export async function updateNotice(
  client: WebClient,
  noticeRef: string,
  message: BlockKitMessage,
): Promise<void> {
  const [channel, ts] = noticeRef.split('|');
  if (!channel || !ts) return;
  await callSlack(client, 'chat.update', { channel, ts, ...message });
}
