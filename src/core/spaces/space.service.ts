import type { Card } from '../cards/card.types.js';
import type { CardContext } from '../cards/card-context.js';
import { NOW_CARD_KEY, OVERVIEW_CARD_KEY, phaseCardKey } from '../cards/card-context.js';
import { buildIncidentCards } from '../cards/incident-cards.js';
import { buildNowCard, nowPhaseKeys } from '../cards/now.card.js';
import { buildOverviewCard } from '../cards/overview.card.js';
import { buildPhaseCard } from '../cards/phase.card.js';
import { DomainError } from '../errors/domain-error.js';
import type { OverviewExtras } from '../extension/core-extension.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Incident, IncidentView, Workspace } from '../incidents/incident.types.js';
import type { PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { ChatGateway } from '../ports/chat-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { CardMessage, Store } from '../ports/store.js';
import type { WorkspaceService } from '../workspaces/workspace.service.js';
import { OpeningNotices } from './opening-notices.js';
import { type RefreshParts, RefreshQueue } from './refresh-queue.js';
import { SpaceCache } from './space-cache.js';

export interface SpaceServiceDeps {
  store: Store;
  incidents: IncidentService;
  workspaces: WorkspaceService;
  playbooks: PlaybookRegistry;
  clock: Clock;
  /** The gateway of the platform the workspace lives on. */
  gatewayFor: (workspace: Workspace) => ChatGateway;
  /** Extra overview input from features (next aftercare moment, failed reminders). */
  overviewExtras?: OverviewExtras;
  /** Hears work after a change that failed without harming state (a notice not updated). */
  reportError?: (error: unknown, incidentId: string) => void;
}

/** Cards pinned in the space: "Nu eerst" (posted first) and the overview. */
const PINNED = new Set([NOW_CARD_KEY, OVERVIEW_CARD_KEY]);

/** Space name from the incident number only: the title may hint at a pupil. */
export function spaceNameFor(incident: Pick<Incident, 'number'>): string {
  return `incident-${incident.number}`;
}

/**
 * Keeps an incident's private space in step with its state: creates the space and posts the
 * cards (finishing an interrupted opening on the next start) and redraws cards after changes.
 */
export class SpaceService {
  private readonly queue = new RefreshQueue((incidentId, parts) => this.redraw(incidentId, parts));
  private readonly openings = new Map<string, Promise<Incident>>();
  private readonly cache: SpaceCache;
  /** The requester's confirmation message, kept true while the opening goes on. */
  readonly notices: OpeningNotices;

  constructor(private readonly deps: SpaceServiceDeps) {
    this.cache = new SpaceCache(deps.store);
    this.notices = new OpeningNotices(deps);
  }

  /**
   * Creates the space, posts every card not yet posted, pins the overview, marks the incident
   * open and redraws the overview (it said "wordt geopend" while the cards were posted). A
   * failed attempt is recorded and told to the requester; the incident stays, to be finished by
   * a retry or the next start.
   */
  finishOpening(incidentId: string): Promise<Incident> {
    const running = this.openings.get(incidentId);
    if (running) return running;
    const promise = this.attempt(incidentId).finally(() => this.openings.delete(incidentId));
    this.openings.set(incidentId, promise);
    return promise;
  }

  private async attempt(incidentId: string): Promise<Incident> {
    let opened: Incident;
    try {
      opened = await this.openOnce(incidentId);
    } catch (error) {
      await this.notices
        .failed(incidentId, error)
        .catch((noticeError: unknown) => this.deps.reportError?.(noticeError, incidentId));
      throw error;
    }
    await this.refresh(incidentId, []).catch((error: unknown) => this.deps.reportError?.(error, incidentId));
    await this.notices.opened(opened).catch((error: unknown) => this.deps.reportError?.(error, incidentId));
    return opened;
  }

  /** Finishes every opening a previous process left halfway. Returns how many were finished. */
  async resumeUnfinished(onError: (incident: Incident, error: unknown) => void): Promise<number> {
    let finished = 0;
    for (const incident of await this.deps.incidents.listUnfinishedOpenings()) {
      try {
        await this.finishOpening(incident.id);
        finished += 1;
      } catch (error) {
        onError(incident, error);
      }
    }
    return finished;
  }

  /** Redraws the overview and the given phase cards; concurrent requests are folded together. */
  refresh(incidentId: string, phaseKeys: string[] = [], overview = true): Promise<void> {
    return this.queue.request(incidentId, overview, phaseKeys);
  }

  /** Redraws every card, e.g. after closing. */
  async refreshAll(incidentId: string): Promise<void> {
    const { incident } = await this.load(incidentId);
    const playbook = this.deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
    await this.refresh(
      incidentId,
      playbook.phases.map((phase) => phase.key),
      true,
    );
  }

  /** Adds a line to the incident's timeline; failures are the caller's to log, state is not touched. */
  async timeline(incidentId: string, text: string): Promise<void> {
    // Every click posts here: once the cards are known, this reads nothing.
    let posted = this.cache.knownCards(incidentId);
    if (!posted) {
      const { incident } = await this.load(incidentId);
      if (!incident.spaceId) return;
      posted = await this.cache.cards(incident);
    }
    if (!posted.spaceId) return;
    const workspace = await this.deps.workspaces.get(posted.workspaceId);
    await this.deps
      .gatewayFor(workspace)
      .postTimeline(posted.spaceId, posted.overview?.messageId ?? null, text);
  }

  /** The gateway of the platform the workspace lives on. */
  gatewayOf(workspace: Workspace): ChatGateway {
    return this.deps.gatewayFor(workspace);
  }

  /** One card of the incident as it is now (for platforms that answer a click with the card). */
  async buildCard(incidentId: string, cardKey: string): Promise<Card> {
    const view = await this.deps.incidents.view(incidentId);
    const ctx = await this.cardContext(view, await this.deps.workspaces.get(view.incident.workspaceId));
    const card = buildIncidentCards(ctx).find((candidate) => candidate.key === cardKey);
    if (!card) throw new DomainError('InvalidAction', { card: cardKey });
    return card;
  }

  /** The cards posted for the incident (kept once its opening is finished). */
  async postedCards(incident: Incident): Promise<CardMessage[]> {
    return (await this.cache.cards(incident)).cards;
  }

  /** The context every card of the incident is built from. */
  async cardContext(view: IncidentView, workspace: Workspace): Promise<CardContext> {
    const extras = this.deps.overviewExtras ? await this.deps.overviewExtras(view, workspace) : {};
    return {
      view,
      playbook: this.deps.playbooks.get(view.incident.playbookKey, view.incident.playbookVersion),
      locale: workspace.locale,
      timeZone: workspace.timezone,
      now: this.deps.clock.now(),
      ...extras,
    };
  }

  private async openOnce(incidentId: string): Promise<Incident> {
    let { incident, workspace } = await this.load(incidentId);
    const gateway = this.deps.gatewayFor(workspace);
    if (incident.status === 'closed' || incident.status === 'finished') return incident;
    if (!incident.spaceId) {
      const members = await this.deps.store.members.list(incident.id);
      const { spaceId } = await gateway.ensureSpace({
        workspace,
        incident,
        name: spaceNameFor(incident),
        members: members.map((member) => ({
          userId: member.userId,
          displayName: member.displayName,
          isLead: member.userId === incident.leadId,
        })),
      });
      incident = await this.deps.incidents.attachSpace(incident.id, spaceId);
    }
    const spaceId = incident.spaceId as string;
    const view = await this.deps.incidents.view(incident.id);
    const cards = buildIncidentCards(await this.cardContext(view, workspace));
    const posted = new Map(
      (await this.deps.store.cards.list(incident.id)).map((card) => [card.cardKey, card]),
    );
    for (const card of cards) {
      if (posted.has(card.key)) continue;
      const earlier = gateway.findCard ? await gateway.findCard(spaceId, incident.id, card.key) : null;
      const message = earlier ?? (await gateway.postCard(spaceId, card));
      await this.deps.store.cards.save({
        incidentId: incident.id,
        cardKey: card.key,
        spaceId,
        messageId: message.messageId,
        createdAt: this.deps.clock.now(),
      });
      // Pinning again is harmless; a card found after a crash may not have been pinned yet.
      if (PINNED.has(card.key) && gateway.pinCard) await gateway.pinCard(spaceId, message.messageId);
    }
    return this.deps.incidents.markReady(incident.id);
  }

  private async redraw(incidentId: string, parts: RefreshParts): Promise<void> {
    // A redraw sits between a click and its card update: one read of the state, the rest is kept.
    const view = await this.deps.incidents.view(incidentId);
    const [posted, workspace] = await Promise.all([
      this.cache.cards(view.incident),
      this.deps.workspaces.get(view.incident.workspaceId),
    ]);
    const ctx = await this.cardContext(view, workspace);
    const gateway = this.deps.gatewayFor(workspace);
    const updates: Array<[CardMessage, Card]> = [];
    const byKey = new Map(posted.cards.map((card) => [card.cardKey, card]));
    if (parts.overview && posted.overview) updates.push([posted.overview, buildOverviewCard(ctx)]);
    const now = byKey.get(NOW_CARD_KEY);
    if (now && nowPhaseKeys(ctx).some((phaseKey) => parts.phases.has(phaseKey))) {
      updates.push([now, buildNowCard(ctx)]);
    } else if (!now && view.incident.status === 'open' && posted.spaceId) {
      // An incident opened before the "Nu eerst" card existed gets it on its first redraw.
      await this.postLate(posted.spaceId, buildNowCard(ctx), gateway).catch((error: unknown) =>
        this.deps.reportError?.(error, incidentId),
      );
    }
    for (const phaseKey of parts.phases) {
      const message = byKey.get(phaseCardKey(phaseKey));
      if (message && ctx.playbook.phases.some((phase) => phase.key === phaseKey)) {
        updates.push([message, buildPhaseCard(ctx, phaseKey)]);
      }
    }
    await Promise.all(
      updates.map(([message, card]) => gateway.updateCard(message.spaceId, message.messageId, card)),
    );
  }

  /** Posts a card the incident's opening did not post (it did not exist yet), and remembers it. */
  private async postLate(spaceId: string, card: Card, gateway: ChatGateway): Promise<void> {
    const earlier = gateway.findCard ? await gateway.findCard(spaceId, card.incidentId, card.key) : null;
    const message = earlier ?? (await gateway.postCard(spaceId, card));
    const saved = await this.deps.store.cards.save({
      incidentId: card.incidentId,
      cardKey: card.key,
      spaceId,
      messageId: message.messageId,
      createdAt: this.deps.clock.now(),
    });
    this.cache.add(card.incidentId, saved);
    if (PINNED.has(card.key) && gateway.pinCard) await gateway.pinCard(spaceId, message.messageId);
  }

  private async load(incidentId: string): Promise<{ incident: Incident; workspace: Workspace }> {
    const incident = await this.deps.store.incidents.get(incidentId);
    if (!incident) throw new DomainError('IncidentNotFound', { incident: incidentId });
    return { incident, workspace: await this.deps.workspaces.get(incident.workspaceId) };
  }
}
