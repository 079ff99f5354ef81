import type { Activity, TurnContext } from 'botbuilder';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { replyText } from './replies.js';

/** Attachment types that are a file or a picture rather than the message text or a card. */
export function sharesFile(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some((attachment) => {
    const type = attachment.contentType ?? '';
    if (type.startsWith('image/') || type.startsWith('video/')) return true;
    if (type === 'reference' || type === 'application/vnd.microsoft.teams.file.download.info') return true;
    // A picture pasted into the message arrives as HTML with an <img>.
    return (
      type === 'text/html' && typeof attachment.content === 'string' && /<img\b/i.test(attachment.content)
    );
  });
}

/**
 * Someone shared a file or picture in a channel. In an incident channel the core records the fact
 * and the bot asks the sender to remove it. The file itself is never opened or downloaded.
 */
export async function fileShared(deps: TeamsDeps, context: TurnContext): Promise<boolean> {
  const spaceId = channelOf(context.activity);
  if (!spaceId || !sharesFile(context.activity)) return false;
  const workspace = await workspaceOfTeam(deps, context);
  if (!workspace) return false;
  const actor = actorOf(context.activity);
  const name = actor.displayName ?? '';
  const warning = await deps.app.commands.fileShared(workspace, spaceId, actor.userId, name);
  if (!warning) return false;
  const mention = context.activity.from?.id ? [{ id: context.activity.from.id, name }] : [];
  await replyText(context, warning, mention);
  return true;
}
