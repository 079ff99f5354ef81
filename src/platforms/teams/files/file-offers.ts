import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import type { OutgoingFile } from '../../../core/ports/chat-gateway.js';
import type { Clock } from '../../../core/ports/clock.js';

/** Teams and the playground hold an offered file this long at most. */
export const OFFER_TTL_MS = 10 * 60_000;

/** One file offered to one person, and where to say that it was received. */
export interface FileOffer {
  id: string;
  workspaceId: string;
  incidentId: string;
  spaceId: string;
  incidentNumber: string;
  requesterId: string;
  requesterName: string;
  /** The workspace's language, for the line in the incident space. */
  locale: Locale;
  file: OutgoingFile;
  expiresAt: number;
}

/**
 * Files waiting for their person: in memory only, handed out once, and forgotten when taken or
 * after `ttlMs` (a timer frees the bytes even when nobody ever comes back).
 */
export class FileOffers {
  private readonly offers = new Map<string, FileOffer>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = OFFER_TTL_MS,
  ) {}

  add(offer: Omit<FileOffer, 'id' | 'expiresAt'>): FileOffer {
    const stored = { ...offer, id: randomUUID(), expiresAt: this.clock.now().getTime() + this.ttlMs };
    this.offers.set(stored.id, stored);
    setTimeout(() => this.offers.delete(stored.id), this.ttlMs).unref();
    return stored;
  }

  /** The offer, once, for the person it was made to; null when unknown, taken, expired or someone else's. */
  take(id: string, userId: string): FileOffer | null {
    const offer = this.offers.get(id);
    if (!offer || offer.requesterId !== userId) return null;
    this.offers.delete(id);
    return offer.expiresAt > this.clock.now().getTime() ? offer : null;
  }

  /** Forgets an offer that could not be made after all. */
  drop(id: string): void {
    this.offers.delete(id);
  }

  get size(): number {
    return this.offers.size;
  }
}
