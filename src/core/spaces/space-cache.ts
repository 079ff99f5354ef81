import { OVERVIEW_CARD_KEY } from '../cards/card-context.js';
import { ExpiringCache } from '../concurrency/expiring-cache.js';
import { DomainError } from '../errors/domain-error.js';
import type { Incident, Workspace } from '../incidents/incident.types.js';
import type { CardMessage, Store } from '../ports/store.js';

/** How long workspace settings (language, time zone) are kept before they are read again. */
export const WORKSPACE_TTL_MS = 30_000;
/** Incidents whose posted cards are kept; the oldest is dropped first. */
const MAX_SPACES = 1000;

/** Where an incident's cards are, once its opening is finished. */
export interface PostedCards {
  workspaceId: string;
  /** The incident's channel or chat. */
  spaceId: string | null;
  cards: CardMessage[];
  /** The overview message: the timeline is its thread. */
  overview: CardMessage | null;
}

/**
 * What every click would otherwise read again although it hardly ever changes: an incident's
 * posted cards never change once its opening is finished, and workspace settings are read at
 * most every 30 seconds (a change made in the database shows within that time).
 */
export class SpaceCache {
  private readonly spaces = new Map<string, PostedCards>();
  private readonly workspaces: ExpiringCache<Workspace>;

  constructor(
    private readonly store: Store,
    now: () => number = Date.now,
  ) {
    this.workspaces = new ExpiringCache(WORKSPACE_TTL_MS, now);
  }

  /** The cards posted for the incident. */
  async cards(incident: Incident): Promise<PostedCards> {
    const known = this.spaces.get(incident.id);
    if (known) return known;
    const cards = await this.store.cards.list(incident.id);
    const posted = {
      workspaceId: incident.workspaceId,
      spaceId: incident.spaceId,
      cards,
      overview: cards.find((card) => card.cardKey === OVERVIEW_CARD_KEY) ?? null,
    };
    if (incident.status !== 'opening') this.remember(incident.id, posted);
    return posted;
  }

  /** The cards of an incident if they are known already, without reading anything. */
  knownCards(incidentId: string): PostedCards | undefined {
    return this.spaces.get(incidentId);
  }

  workspace(id: string): Promise<Workspace> {
    return this.workspaces.get(id, async () => {
      const found = await this.store.workspaces.get(id);
      if (!found) throw new DomainError('WorkspaceNotFound', { workspace: id });
      return found;
    });
  }

  private remember(incidentId: string, posted: PostedCards): void {
    if (this.spaces.size >= MAX_SPACES) {
      const oldest = this.spaces.keys().next().value;
      if (oldest !== undefined) this.spaces.delete(oldest);
    }
    this.spaces.set(incidentId, posted);
  }
}
