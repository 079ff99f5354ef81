import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { MemberChoice } from '../cards/adaptive.types.js';

/** The most colleagues offered in the opening form; a school's care team is far smaller. */
const MAX_COLLEAGUES = 200;

/**
 * The members of a team as people to invite: Entra object id and name. A private channel can
 * only take members of its team, so this is also the list of who can be invited.
 */
export async function teamColleagues(context: TurnContext, teamId: string): Promise<MemberChoice[]> {
  const people: MemberChoice[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 100, continuationToken);
    for (const member of page.members ?? []) {
      const userId = member.aadObjectId || member.id;
      if (userId) people.push({ userId, displayName: member.name || null });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken && people.length < MAX_COLLEAGUES);
  return people.slice(0, MAX_COLLEAGUES);
}

/**
 * The colleagues chosen in a card, with the names Teams shows for them, or null when one of
 * them is not in the team (a forged choice): only the team's members can be added.
 */
export async function colleaguesInTeam(
  context: TurnContext,
  teamId: string | undefined,
  chosen: ReadonlyArray<{ userId: string }>,
): Promise<Array<{ userId: string; displayName: string | null }> | null> {
  const people = teamId ? await teamColleagues(context, teamId) : [];
  const names = new Map(people.map((person) => [person.userId, person.displayName]));
  if (chosen.some((colleague) => !names.has(colleague.userId))) return null;
  return chosen.map((colleague) => ({
    userId: colleague.userId,
    displayName: names.get(colleague.userId) ?? null,
  }));
}
