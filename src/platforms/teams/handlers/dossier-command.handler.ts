import type { TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf, localeOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { replyText } from './replies.js';

/** `incident dossier` in the incident's space: the same as the overview's **Dossier**, members only. */
export async function dossierCommand(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(context.activity, workspace ?? undefined);
  const spaceId = channelOf(context.activity);
  const incident =
    workspace && spaceId ? await deps.app.incidents.findBySpace(workspace.id, spaceId) : undefined;
  if (!workspace || !incident) return replyText(context, t(locale, 'command.notInIncident'));
  const result = await deps.app.interactions.handle({
    workspace,
    actor: actorOf(context.activity),
    payload: { incidentId: incident.id, kind: 'dossier' },
    spaceId,
    locale,
  });
  return replyText(context, result.message);
}
