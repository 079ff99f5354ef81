import type { TurnContext } from 'botbuilder';
import type { TeamsDeps } from '../teams.context.js';
import { channelDataOf, tenantOf } from '../teams.turn.js';

/**
 * The bot's own `channelMemberAdded` in a private channel it made for an incident: a member has
 * added the app by hand, so the opening that waited for it is finished now (cards posted, the
 * requester's confirmation updated). Teams sends the channel's events only from this moment
 * ("Adapt your app for private and shared channels").
 */
export async function appAddedToChannel(deps: TeamsDeps, context: TurnContext): Promise<number> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  if (!botId || !(activity.membersAdded ?? []).some((member) => member.id === botId)) return 0;
  const channelId = channelDataOf(activity).channel?.id;
  if (!channelId) return 0;
  let resumed = 0;
  for (const space of await deps.references.spacesWithConversation(tenantOf(activity), channelId)) {
    if (space.kind !== 'channel' || !space.incidentId) continue;
    await deps.references.markAppReady(space.workspaceId, space.spaceId, deps.app.clock.now());
    const incidentId = space.incidentId;
    const open = () => deps.app.spaces.finishOpening(incidentId);
    // An attempt still running from before the app was added ends "waiting": then once more.
    void open()
      .catch(open)
      .catch((error: unknown) => {
        deps.app.logger.warn({ err: error, incidentId }, 'opening after the app was added failed');
      });
    resumed += 1;
  }
  return resumed;
}
