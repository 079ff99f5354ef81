import type { Clock } from '../../../core/ports/clock.js';
import type { MemberChoice } from '../cards/adaptive.types.js';
import type { TeamsReferenceRepository } from '../storage/teams-reference.repository.js';
import type { ConnectorAccess } from './connector.access.js';

/** The most colleagues offered in a card; a school's care team is far smaller. */
const MAX_COLLEAGUES = 200;
/** A team's members change rarely; a card redraw should not ask the Connector every time. */
const KEEP_MS = 60_000;

/**
 * The members of a workspace's team as people to add to an incident, outside a turn (a card
 * redrawn after a click): read through the Connector's paged members of the team's conversation
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context), kept for a
 * minute per team.
 */
interface TeamMember extends MemberChoice {
  /** The id Teams itself uses for the person in this team (`29:…`), e.g. in a card's refresh. */
  teamsId: string;
}

export class TeamRoster {
  private readonly kept = new Map<string, { at: number; people: TeamMember[] }>();

  constructor(
    private readonly connector: ConnectorAccess,
    private readonly references: TeamsReferenceRepository,
    private readonly clock: Clock,
  ) {}

  async colleagues(workspaceId: string): Promise<MemberChoice[]> {
    const people = await this.members(workspaceId);
    return people.map(({ userId, displayName }) => ({ userId, displayName }));
  }

  /** Teams' own ids of the team's members, by the user id the bot stores. */
  async teamsIds(workspaceId: string): Promise<Record<string, string>> {
    const people = await this.members(workspaceId);
    return Object.fromEntries(people.filter((p) => p.teamsId).map((p) => [p.userId, p.teamsId]));
  }

  private async members(workspaceId: string): Promise<TeamMember[]> {
    const now = this.clock.now().getTime();
    const known = this.kept.get(workspaceId);
    if (known && now - known.at < KEEP_MS) return known.people;
    const team = await this.references.team(workspaceId);
    if (!team) return [];
    const people: TeamMember[] = [];
    let token: string | undefined;
    do {
      const page = await this.connector.call(team.serviceUrl, (client) =>
        client.conversations.getConversationPagedMembers(team.teamId, {
          pageSize: 100,
          ...(token ? { continuationToken: token } : {}),
        }),
      );
      for (const member of page.members ?? []) {
        const userId = member.aadObjectId || member.id;
        if (userId) people.push({ userId, displayName: member.name || null, teamsId: member.id || '' });
      }
      token = page.continuationToken || undefined;
    } while (token && people.length < MAX_COLLEAGUES);
    const list = people.slice(0, MAX_COLLEAGUES);
    this.kept.set(workspaceId, { at: now, people: list });
    return list;
  }
}
