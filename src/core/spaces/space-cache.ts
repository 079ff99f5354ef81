import { OVERVIEW_CARD_KEY } from '../cards/card-context.js';
import type { Incident } from '../incidents/incident.types.js';
import type { CardMessage, Store } from '../ports/store.js';

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
 * What every click would otherwise read again although it never changes: an incident's posted
 * cards, once its opening is finished.
 */
export class SpaceCache {
  private readonly spaces = new Map<string, PostedCards>();

  constructor(private readonly store: Store) {}

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

  /** A card posted after the opening (a card kind added later); kept with the others. */
  add(incidentId: string, message: CardMessage): void {
    const known = this.spaces.get(incidentId);
    if (known && !known.cards.some((card) => card.cardKey === message.cardKey)) known.cards.push(message);
  }

  /** The cards of an incident if they are known already, without reading anything. */
  knownCards(incidentId: string): PostedCards | undefined {
    return this.spaces.get(incidentId);
  }

  private remember(incidentId: string, posted: PostedCards): void {
    if (this.spaces.size >= MAX_SPACES) {
      const oldest = this.spaces.keys().next().value;
      if (oldest !== undefined) this.spaces.delete(oldest);
    }
    this.spaces.set(incidentId, posted);
  }
}
