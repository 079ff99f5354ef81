import type { Card } from '../cards/card.types.js';
import type { Incident, Workspace } from '../incidents/incident.types.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { ChatGateway } from '../ports/chat-gateway.js';
import { isGatewayError } from '../ports/gateway-error.js';
import type { OpeningProblem, Store } from '../ports/store.js';
import type { WorkspaceService } from '../workspaces/workspace.service.js';
import { buildOpeningNoticeCard, type OpeningState } from './opening-notice.card.js';

export interface OpeningNoticeDeps {
  store: Store;
  workspaces: WorkspaceService;
  gatewayFor: (workspace: Workspace) => ChatGateway;
  /** Hears a notice that could not be updated (the opening itself is not affected). */
  reportError?: (error: unknown, incidentId: string) => void;
}

/** The problem to record for a failed attempt: the platform's code, never its message text. */
export function problemOf(error: unknown): OpeningProblem {
  if (isGatewayError(error)) return { code: error.code, detail: error.detail ?? null };
  return { code: 'unknown', detail: null };
}

/**
 * Keeps the requester's confirmation message true: "wordt geopend…" while the space and cards
 * are made, a link once they exist, and the reason plus **Probeer opnieuw** when an attempt fails.
 */
export class OpeningNotices {
  constructor(private readonly deps: OpeningNoticeDeps) {}

  /** Remembers where the confirmation is and brings it up to date at once (opening may be done). */
  async attach(incident: Incident, noticeRef: string): Promise<void> {
    await this.deps.store.openings.saveNotice(incident.id, noticeRef);
    const current = await this.deps.store.incidents.get(incident.id);
    if (current && (current.status !== 'opening' || (await this.problem(current.id))))
      await this.show(current);
  }

  /** An attempt failed: remember why (a code) and say so. */
  async failed(incidentId: string, error: unknown): Promise<void> {
    await this.deps.store.openings.saveProblem(incidentId, problemOf(error));
    const incident = await this.deps.store.incidents.get(incidentId);
    if (incident) await this.show(incident);
  }

  /** A new attempt starts: the confirmation says "wordt geopend…" again. */
  async retrying(incident: Incident): Promise<void> {
    if (!(await this.problem(incident.id))) return;
    await this.deps.store.openings.saveProblem(incident.id, null);
    await this.show(incident);
  }

  /** The opening succeeded. */
  async opened(incident: Incident): Promise<void> {
    if (await this.problem(incident.id)) await this.deps.store.openings.saveProblem(incident.id, null);
    await this.show(incident);
  }

  /** The confirmation as it should read now, in `locale`. */
  async card(incident: Incident, locale: Locale): Promise<Card> {
    const workspace = await this.deps.workspaces.get(incident.workspaceId);
    return buildOpeningNoticeCard(incident, await this.state(incident, workspace), locale);
  }

  private async show(incident: Incident): Promise<void> {
    const record = await this.deps.store.openings.get(incident.id);
    if (!record?.noticeRef) return;
    try {
      const workspace = await this.deps.workspaces.get(incident.workspaceId);
      const gateway = this.deps.gatewayFor(workspace);
      if (!gateway.updateNotice) return;
      const card = buildOpeningNoticeCard(incident, await this.state(incident, workspace), workspace.locale);
      await gateway.updateNotice(record.noticeRef, card);
    } catch (error) {
      this.deps.reportError?.(error, incident.id);
    }
  }

  private async state(incident: Incident, workspace: Workspace): Promise<OpeningState> {
    if (incident.status !== 'opening') {
      const gateway = this.deps.gatewayFor(workspace);
      const url =
        incident.spaceId && gateway.spaceLink
          ? await gateway.spaceLink(incident.spaceId).catch(() => null)
          : null;
      return { kind: 'opened', url };
    }
    const problem = await this.problem(incident.id);
    return problem ? { kind: 'problem', problem } : { kind: 'opening' };
  }

  private async problem(incidentId: string): Promise<OpeningProblem | null> {
    return (await this.deps.store.openings.get(incidentId))?.problem ?? null;
  }
}
