import type { TurnContext } from 'botbuilder';
import type { Card } from '../../../core/cards/card.types.js';
import { errorMessage, t } from '../../../core/i18n/catalogue.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf, isPersonal, localeOf, tenantOf } from '../teams.turn.js';
import { workspaceOfTeam, workspacesOfTenant } from '../teams.workspaces.js';
import { replyCard, replyText } from './replies.js';

/** `incident status`: in an incident's space its overview; elsewhere the caller's own incidents. */
export async function statusCommand(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const actor = actorOf(activity);
  if (isPersonal(activity)) {
    const locale = localeOf(activity);
    let shown = 0;
    for (const workspace of await workspacesOfTenant(deps, tenantOf(activity))) {
      const status = await deps.app.commands.status(workspace, actor, null, locale);
      if (status.kind === 'none') continue;
      await replyWithCard(deps, context, workspace, status.card);
      shown += 1;
    }
    if (shown === 0) await replyText(context, t(locale, 'command.noIncidents'));
    return;
  }
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  if (!workspace) return replyText(context, t(locale, 'teams.useTeamChannel'));
  try {
    const status = await deps.app.commands.status(workspace, actor, channelOf(activity), locale);
    if (status.kind === 'none') return replyText(context, status.text);
    await replyWithCard(deps, context, workspace, status.card);
  } catch (error) {
    await replyText(context, errorMessage(error, locale));
  }
}

/** `incident overzicht`: every incident of the school, for its coordinators (numbers and progress). */
export async function overviewCommand(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const actor = actorOf(activity);
  const workspaces = isPersonal(activity)
    ? await workspacesOfTenant(deps, tenantOf(activity))
    : [await workspaceOfTeam(deps, context)].filter((w): w is Workspace => w !== null);
  const locale = localeOf(activity, workspaces[0]);
  if (workspaces.length === 0) return replyText(context, t(locale, 'teams.useTeamChannel'));
  let refusal: unknown = null;
  let shown = 0;
  for (const workspace of workspaces) {
    try {
      await replyWithCard(
        deps,
        context,
        workspace,
        await deps.app.commands.schoolOverview(workspace, actor, locale),
      );
      shown += 1;
    } catch (error) {
      refusal = error;
    }
  }
  if (shown === 0) await replyText(context, errorMessage(refusal, locale));
}

async function replyWithCard(deps: TeamsDeps, context: TurnContext, workspace: Workspace, card: Card) {
  const renderContext = await deps.renderContext(workspace, card);
  await replyCard(context, toAdaptiveCard(card, renderContext), card.fallback);
}
