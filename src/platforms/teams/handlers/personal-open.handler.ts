import { TeamsInfo, type TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { encodeActionData } from '../cards/action-data.codec.js';
import type { MemberChoice } from '../cards/adaptive.types.js';
import { type AcElement, type AdaptiveCardJson, card, VERBS } from '../cards/adaptive.types.js';
import { line } from '../cards/elements.js';
import { inert } from '../cards/inert-text.js';
import { openFormCard } from '../cards/open-form.card.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, localeOf, tenantOf } from '../teams.turn.js';
import { workspacesOfTenant } from '../teams.workspaces.js';
import { teamColleagues } from './team-members.js';

/** A team of the tenant the requester is a member of, with its colleagues for the form. */
export interface TeamChoice {
  workspace: Workspace;
  teamId: string;
  colleagues: MemberChoice[];
}

/**
 * The teams (schools) an incident typed in a personal chat may belong to: those the bot is
 * installed in and the requester is a member of. A team the bot cannot read is left out.
 */
export async function teamsOfRequester(deps: TeamsDeps, context: TurnContext): Promise<TeamChoice[]> {
  const me = actorOf(context.activity).userId;
  const choices: TeamChoice[] = [];
  for (const workspace of await workspacesOfTenant(deps, tenantOf(context.activity))) {
    const team = await deps.references.team(workspace.id);
    if (!team) continue;
    const colleagues = await teamColleagues(context, team.teamId).catch(() => []);
    if (colleagues.some((person) => person.userId === me))
      choices.push({ workspace, teamId: team.teamId, colleagues });
  }
  return choices;
}

/**
 * `incident nieuw` in the personal chat: nothing shows up in a team. One team: its form. Several:
 * which team first (the form then lists that team's colleagues). None: what the Teams
 * administrator must do.
 */
export async function personalOpenCard(
  deps: TeamsDeps,
  context: TurnContext,
  title: string,
): Promise<{ card: AdaptiveCardJson } | { text: string }> {
  const locale = localeOf(context.activity);
  const requesterId = actorOf(context.activity).userId;
  const choices = await teamsOfRequester(deps, context);
  const only = choices.length === 1 ? choices[0] : undefined;
  if (only) {
    return {
      card: openFormCard({
        locale,
        requesterId,
        colleagues: only.colleagues,
        values: title ? { title } : {},
        team: only.workspace.id,
      }),
    };
  }
  if (choices.length === 0) return { text: t(locale, 'teams.noTeamForYou') };
  const names = await Promise.all(
    choices.map((choice) =>
      TeamsInfo.getTeamDetails(context, choice.teamId)
        .then((details) => details.name || choice.teamId)
        .catch(() => choice.teamId),
    ),
  );
  return { card: chooseTeamCard(locale, requesterId, choices, names) };
}

function chooseTeamCard(locale: Locale, requesterId: string, choices: TeamChoice[], names: string[]) {
  const actions: AcElement[] = choices.map((choice, index) => ({
    type: 'Action.Execute',
    title: inert(names[index] ?? choice.teamId, 75),
    verb: VERBS.openForm,
    data: encodeActionData({ requester: { userId: requesterId, name: '' }, teamId: choice.workspace.id }),
  }));
  return card([line(t(locale, 'teams.chooseTeam'), { strong: true })], { actions });
}
