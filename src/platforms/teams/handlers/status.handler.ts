import type { TurnContext } from 'botbuilder';
import { errorMessage, t } from '../../../core/i18n/catalogue.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf, isPersonal, localeOf, tenantOf } from '../teams.turn.js';
import { workspaceOfTeam, workspacesOfTenant } from '../teams.workspaces.js';
import { replyCard, replyText } from './replies.js';

/** `incident status`: in an incident channel its overview; elsewhere the caller's open incidents. */
export async function statusCommand(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const actor = actorOf(activity);
  if (isPersonal(activity)) {
    const locale = localeOf(activity);
    const lines: string[] = [];
    for (const workspace of await workspacesOfTenant(deps, tenantOf(activity))) {
      const status = await deps.app.commands.status(workspace, actor, null, locale);
      if (status.kind === 'list' && status.text !== t(locale, 'command.noIncidents')) lines.push(status.text);
    }
    return replyText(context, lines.length > 0 ? lines.join('\n') : t(locale, 'command.noIncidents'));
  }
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(activity, workspace ?? undefined);
  if (!workspace) return replyText(context, t(locale, 'teams.useTeamChannel'));
  try {
    const status = await deps.app.commands.status(workspace, actor, channelOf(activity), locale);
    if (status.kind === 'list') return replyText(context, status.text);
    const renderContext = await deps.renderContext(workspace, status.card);
    await replyCard(context, toAdaptiveCard(status.card, renderContext), status.card.fallback);
  } catch (error) {
    await replyText(context, errorMessage(error, locale));
  }
}
