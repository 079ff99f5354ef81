import type { TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { encodeActionData } from '../cards/action-data.codec.js';
import { card, VERBS } from '../cards/adaptive.types.js';
import { container, line } from '../cards/elements.js';
import { openFormCard } from '../cards/open-form.card.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, isPersonal, localeOf, tenantOf } from '../teams.turn.js';
import { workspaceOfTeam, workspacesOfTenant } from '../teams.workspaces.js';
import { replyCard, replyText } from './replies.js';
import { teamColleagues } from './team-members.js';

/**
 * `incident nieuw`. In a channel the bot posts a card that shows the form only to the person who
 * asked (Universal Actions refresh with their user id); everyone else sees who is opening one.
 * In a personal chat the form is posted as it is: nobody else sees that chat.
 */
export async function openCommand(deps: TeamsDeps, context: TurnContext, title: string): Promise<void> {
  const activity = context.activity;
  const actor = actorOf(activity);
  if (isPersonal(activity)) {
    const locale = localeOf(activity);
    const workspaces = await workspacesOfTenant(deps, tenantOf(activity));
    const workspace = workspaces.length === 1 ? workspaces[0] : undefined;
    const team = workspace ? await deps.references.team(workspace.id) : undefined;
    if (!workspace || !team) return replyText(context, t(locale, 'teams.useTeamChannel'));
    const colleagues = await teamColleagues(context, team.teamId);
    const form = openFormCard({
      locale,
      requesterId: actor.userId,
      colleagues,
      values: title ? { title } : {},
      team: workspace.id,
    });
    await replyCard(context, form, t(locale, 'command.openTitle'));
    return;
  }
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  if (!workspace) return replyText(context, t(locale, 'teams.useTeamChannel'));
  // The title typed after the command is not carried on: this card is seen by the whole channel.
  const messageId = await replyCard(
    context,
    pendingCard(locale, actor.userId, actor.displayName ?? '', activity.from?.id ?? actor.userId),
    t(locale, 'command.openTitle'),
  );
  deps.questions.remember(activity, messageId, 'open', actor.userId);
}

/** What the channel sees while someone fills in the form; only the asker's client fetches the form. */
export function pendingCard(locale: Locale, requesterId: string, requesterName: string, teamsUserId: string) {
  return card(
    [container([line(t(locale, 'teams.openPending', { name: requesterName }))], { style: 'emphasis' })],
    {
      refresh: {
        action: {
          type: 'Action.Execute',
          title: t(locale, 'command.openTitle'),
          verb: VERBS.openForm,
          data: encodeActionData({ requester: { userId: requesterId, name: requesterName } }),
        },
        userIds: [teamsUserId],
      },
    },
  );
}
