import type { App } from '@slack/bolt';
import { t } from '../../../core/i18n/catalogue.js';
import type { SlackContext } from '../slack.context.js';

/** Message subtypes that are a new post; edits, deletions and joins are not a new share. */
const NEW_POST_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * Someone shared a file in an incident channel: within seconds the bot answers in the channel,
 * mentioning the sender, that images of pupils must not be shared there and asks to delete it.
 * Only the fact is recorded. The file itself is never opened, downloaded or stored: the bot reads
 * nothing but the ids in the event.
 */
export function registerFileShareWarning(bolt: App, slack: SlackContext): void {
  bolt.event('message', async ({ event, body }) => {
    const message = event as {
      subtype?: string;
      channel?: string;
      user?: string;
      files?: Array<{ id?: string }>;
    };
    if (!NEW_POST_SUBTYPES.has(message.subtype)) return;
    const fileIds = (message.files ?? []).map((file) => file.id).filter((id): id is string => Boolean(id));
    if (fileIds.length === 0 || !message.channel || !message.user) return;
    await warn(slack, teamOf(body), message.channel, message.user, fileIds);
  });
  // Only delivered when the app subscribes to file_shared (needs files:read); handled the same way.
  bolt.event('file_shared', async ({ event, body }) => {
    await warn(slack, teamOf(body), event.channel_id, event.user_id, [event.file_id]);
  });
}

function teamOf(body: { team_id?: string }): string {
  return body.team_id ?? '';
}

async function warn(
  slack: SlackContext,
  teamId: string,
  channelId: string,
  userId: string,
  fileIds: string[],
): Promise<void> {
  try {
    const workspace = await slack.workspace(teamId);
    const incident = await slack.app.incidents.findBySpace(workspace.id, channelId);
    if (!incident) return;
    // One warning per file, whether it arrives as a message, a file_shared event or a retry.
    const keys = fileIds.map((fileId) => `${teamId}:${channelId}:${fileId}`);
    if (!(await slack.app.commands.firstDelivery('slack.file_shared', keys))) return;
    const sender = (await slack.directory.lookup(userId)).name ?? t(workspace.locale, 'slack.sender');
    const warning = await slack.app.commands.fileShared(workspace, channelId, userId, sender);
    if (warning === null) return;
    await slack.app.spaces.gatewayOf(workspace).postText(channelId, warning, { mention: [userId] });
  } catch (error) {
    slack.logger.error({ err: error, channel: channelId }, 'could not warn about a shared file');
  }
}
