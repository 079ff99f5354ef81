import type { TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import { LIMITS } from '../../../core/incidents/limits.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { encodeActionData } from '../cards/action-data.codec.js';
import { card, VERBS } from '../cards/adaptive.types.js';
import { container, line } from '../cards/elements.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, isPersonal, localeOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { personalOpenCard } from './personal-open.handler.js';
import { replyCard, replyText } from './replies.js';

/**
 * `incident nieuw`. In a channel the bot posts a card that shows the form only to the person who
 * asked (Universal Actions refresh with their user id); everyone else sees who is opening one.
 * In a personal chat the form is posted as it is: nobody else sees that chat.
 */
export async function openCommand(deps: TeamsDeps, context: TurnContext, title: string): Promise<void> {
  const activity = context.activity;
  const actor = actorOf(activity);
  if (isPersonal(activity)) {
    const answer = await personalOpenCard(deps, context, title);
    if ('text' in answer) return replyText(context, answer.text);
    await replyCard(context, answer.card, t(localeOf(activity), 'command.openTitle'));
    return;
  }
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  if (!workspace) return replyText(context, t(locale, 'teams.useTeamChannel'));
  // The typed title is kept for the asker's form only, never put on the card the channel sees.
  // Everyone saw the command typed, so the form warns the asker about that.
  const messageId = await replyCard(
    context,
    pendingCard(locale, actor.userId, actor.displayName ?? '', activity.from?.id ?? actor.userId),
    t(locale, 'command.openTitle'),
  );
  deps.questions.remember(activity, messageId, 'open', actor.userId, typedTitle(title));
}

/** The words typed after the command, as a title for the form (at most the form's limit). */
export function typedTitle(typed: string): string | undefined {
  const title = typed.replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, LIMITS.title) : undefined;
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
