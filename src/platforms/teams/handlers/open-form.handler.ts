import type { TurnContext } from 'botbuilder';
import { fieldLabel, t } from '../../../core/i18n/catalogue.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import { decodeActionData } from '../cards/action-data.codec.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import { messageCard } from '../cards/message.card.js';
import { openFormCard, openFormValues } from '../cards/open-form.card.js';
import { formatNoticeRef } from '../connector/notice-ref.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, isPersonal, localeOf, tenantOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { afterReply } from './after-reply.js';
import { pendingCard } from './open-command.handler.js';
import { teamsOfRequester } from './personal-open.handler.js';
import { answerWithCard, answerWithMessage, replaceForEveryone } from './replies.js';
import { teamColleagues } from './team-members.js';

/** The refresh from the pending card: the form for the asker, the pending card for anyone else. */
export async function showOpenForm(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const activity = context.activity;
  const actor = actorOf(activity);
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  const { requester: asker, teamId } = decodeActionData(data);
  const requester = asker?.userId ?? '';
  const name = asker?.name ?? '';
  if (isPersonal(activity) && teamId) {
    // The team chosen in the personal chat: its form, if the clicker is a member of it.
    if (actor.userId !== requester) return answerWithMessage(context, t(locale, 'teams.notYourForm'));
    const chosen = (await teamsOfRequester(deps, context)).find((choice) => choice.workspace.id === teamId);
    if (!chosen) return answerWithMessage(context, t(locale, 'teams.noTeamForYou'));
    return answerWithCard(
      context,
      openFormCard({ locale, requesterId: actor.userId, colleagues: chosen.colleagues, team: teamId }),
    );
  }
  if (!workspace || actor.userId !== requester) {
    return answerWithCard(context, pendingCard(locale, requester, name, activity.from?.id ?? ''));
  }
  const title = deps.questions.typedBy(activity, 'open', actor.userId);
  const team = await deps.references.team(workspace.id);
  const colleagues = team ? await teamColleagues(context, team.teamId) : [];
  return answerWithCard(
    context,
    openFormCard({
      locale,
      requesterId: actor.userId,
      colleagues,
      // The title typed after the command is carried in, with a word that the channel saw it.
      ...(title ? { values: { title }, notice: t(locale, 'teams.typedInChannel') } : {}),
    }),
  );
}

/** The form was sent: open the incident, or show the form again with the problem and the answers. */
export async function submitOpenForm(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const activity = context.activity;
  const actor = actorOf(activity);
  const workspace = await targetWorkspace(deps, context, data);
  const locale = localeOf(activity, workspace ?? undefined);
  if (!workspace) return answerWithMessage(context, t(locale, 'teams.useTeamChannel'));
  if (decodeActionData(data).requester?.userId !== actor.userId)
    return answerWithMessage(context, t(locale, 'teams.notYourForm'));
  const team = await deps.references.team(workspace.id);
  const colleagues = team ? await teamColleagues(context, team.teamId) : [];
  const values = openFormValues(data);
  const formAgain = (error: string) =>
    answerWithCard(
      context,
      openFormCard({ locale, requesterId: actor.userId, colleagues, values, error, ...teamOf(data) }),
    );
  const names = new Map(colleagues.map((person) => [person.userId, person.displayName]));
  // From a personal chat, only a member of the team may open an incident in it.
  if (isPersonal(activity) && !names.has(actor.userId))
    return answerWithMessage(context, t(locale, 'teams.useTeamChannel'));
  const stranger = (values.invited ?? []).find((userId) => !names.has(userId));
  if (stranger) return formAgain(t(locale, 'input.notAMember', { field: fieldLabel('invited', locale) }));
  const dialog = `${actor.userId}:${activity.replyToId ?? ''}:open`;
  const result = await deps.app.commands.open(
    workspace,
    actor,
    {
      title: values.title ?? '',
      kind: values.kind ?? '',
      facts: values.facts ?? {},
      leadId: values.lead ?? null,
      invited: (values.invited ?? []).map((userId) => ({ userId, displayName: names.get(userId) ?? null })),
      privacyConfirmed: deps.privacy.take(dialog),
    },
    // The same form sent twice (a double click, a retry) opens one incident.
    `teams:open:${activity.conversation?.id ?? ''}:${activity.replyToId ?? activity.id ?? ''}`,
    locale,
  );
  if (!result.ok) {
    // The pupil-name question is asked once: the same form sent again opens the incident.
    if (result.confirmable) deps.privacy.remember(dialog);
    return formAgain(result.message);
  }
  // Only the truth: "wordt geopend…" now; the same card becomes a link into the new space, or
  // the reason with **Probeer opnieuw**, once the opening is done or has failed. The channel
  // learns only the number; the title stays in the incident's own space.
  const notice = await deps.app.commands.openingNotice(result.incident.id, actor, locale);
  const shown = toAdaptiveCard(notice, await deps.renderContext(workspace, notice));
  // In a channel the card is replaced for everyone, and kept up to date, only when it is the
  // pending card the bot posted for this person: `replyToId` may name any message. In the
  // personal chat the form is the asker's own.
  const ownCard = isPersonal(activity) || deps.questions.isAskedOf(activity, 'open', actor.userId);
  if (!isPersonal(activity) && ownCard) {
    deps.questions.forget(activity);
    await replaceForEveryone(context, shown, notice.fallback);
  }
  const formMessage = activity.replyToId;
  if (formMessage && ownCard) {
    const ref = formatNoticeRef({ conversationId: activity.conversation?.id ?? '', messageId: formMessage });
    // Attached once this answer is out, so a quick opening's link is not overwritten by it.
    afterReply(context, () => deps.app.commands.attachNotice(result.incident, ref));
  }
  return answerWithCard(context, shown);
}

/**
 * **Annuleren** on the opening form: only the asker may cancel, and only the card that shows the
 * channel someone is opening an incident is replaced for everyone.
 */
export async function cancelOpenForm(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const activity = context.activity;
  const workspace = isPersonal(activity) ? null : await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  const actor = actorOf(activity);
  if (decodeActionData(data).requester?.userId !== actor.userId)
    return answerWithMessage(context, t(locale, 'teams.notYourForm'));
  const card = messageCard([t(locale, 'teams.openCancelled')]);
  if (!isPersonal(activity) && deps.questions.isAskedOf(activity, 'open', actor.userId)) {
    deps.questions.forget(activity);
    await replaceForEveryone(context, card, t(locale, 'command.openTitle'));
  }
  return answerWithCard(context, card);
}

/** The team the form is for: the channel's own, or (personal chat) the one named in the form. */
async function targetWorkspace(
  deps: TeamsDeps,
  context: TurnContext,
  data: Record<string, unknown>,
): Promise<Workspace | null> {
  if (!isPersonal(context.activity)) return workspaceOfTeam(deps, context);
  const teamId = decodeActionData(data).teamId;
  if (!teamId) return null;
  const team = await deps.references.team(teamId).catch(() => undefined);
  // A form from another tenant's team is refused rather than trusted.
  if (!team || team.tenantId !== tenantOf(context.activity)) return null;
  return deps.app.workspaces.get(team.workspaceId).catch(() => null);
}

function teamOf(data: Record<string, unknown>): { team?: string } {
  const teamId = decodeActionData(data).teamId;
  return teamId ? { team: teamId } : {};
}
