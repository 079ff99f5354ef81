import type { Card, CardBlock } from '../cards/card.types.js';
import { DomainError } from '../errors/domain-error.js';
import { t } from '../i18n/catalogue.js';
import type { Actor } from '../incidents/incident.access.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Incident, IncidentStatus, UserId, Workspace } from '../incidents/incident.types.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { Store } from '../ports/store.js';
import type { SpaceService } from '../spaces/space.service.js';
import { summaryBlocks } from './incident-summary.js';

export interface OverviewDeps {
  store: Store;
  incidents: IncidentService;
  spaces: SpaceService;
  /** Coordinators for every workspace (COORDINATORS); a workspace's setting adds its own. */
  coordinators: readonly UserId[];
}

/** At most this many incidents in one list: a card must stay readable and within size limits. */
const MAX_LISTED = 20;
/** Statuses a list shows: everything not purged; the newest first. */
const LISTED: IncidentStatus[] = ['opening', 'open', 'closed', 'finished'];

/**
 * Lists of incidents outside an incident's own space: `incident status` (the asker's own
 * incidents) and `incident overzicht` (every incident of the school, for the coordinators;
 * numbers and progress only where the asker is not a member).
 */
export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  /** True when the workspace names this person as a care coordinator. */
  isCoordinator(workspace: Workspace, userId: UserId): boolean {
    const own = workspace.settings.coordinators;
    const listed = Array.isArray(own) ? own.filter((id): id is string => typeof id === 'string') : [];
    return this.deps.coordinators.includes(userId) || listed.includes(userId);
  }

  /** The asker's own incidents, with progress, what is overdue and the next aftercare moment. */
  async mine(workspace: Workspace, actor: Actor, locale: Locale): Promise<Card | null> {
    const mine = await this.deps.incidents.listForMember(workspace.id, actor.userId, LISTED);
    if (mine.length === 0) return null;
    return this.list(workspace, mine, actor, locale, t(locale, 'command.yourIncidents'), null);
  }

  /** Every incident of the school; coordinators only (NotCoordinator otherwise). */
  async school(workspace: Workspace, actor: Actor, locale: Locale): Promise<Card> {
    if (!this.isCoordinator(workspace, actor.userId)) throw new DomainError('NotCoordinator');
    const all = await this.deps.store.incidents.listForWorkspace(workspace.id, LISTED, MAX_LISTED + 1);
    return this.list(
      workspace,
      all,
      actor,
      locale,
      t(locale, 'overview.school.title'),
      t(locale, 'overview.school.note'),
    );
  }

  private async list(
    workspace: Workspace,
    incidents: Incident[],
    actor: Actor,
    locale: Locale,
    title: string,
    note: string | null,
  ): Promise<Card> {
    const gateway = this.deps.spaces.gatewayOf(workspace);
    const blocks: CardBlock[] = [{ type: 'header', text: title }];
    if (note) blocks.push({ type: 'text', text: note, tone: 'muted' });
    if (incidents.length === 0) blocks.push({ type: 'text', text: t(locale, 'command.noIncidentsSchool') });
    for (const incident of incidents.slice(0, MAX_LISTED)) {
      const view = await this.deps.incidents.view(incident.id);
      const member = view.members.some((m) => m.userId === actor.userId);
      const ctx = { ...(await this.deps.spaces.cardContext(view, workspace)), locale };
      const url =
        member && incident.spaceId && gateway.spaceLink
          ? await gateway.spaceLink(incident.spaceId).catch(() => null)
          : null;
      if (blocks.length > 2) blocks.push({ type: 'divider' });
      blocks.push(...summaryBlocks(ctx, { member, url }));
    }
    if (incidents.length > MAX_LISTED) {
      blocks.push({
        type: 'text',
        text: t(locale, 'overview.school.more', { count: MAX_LISTED }),
        tone: 'muted',
      });
    }
    return { key: 'list', incidentId: incidents[0]?.id ?? '', fallback: title, blocks };
  }
}
