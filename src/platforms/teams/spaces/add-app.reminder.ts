import type { AppContext } from '../../../app-module.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import type { TeamsGateway } from '../connector/teams.gateway.js';
import type { TeamsReferenceRepository } from '../storage/teams-reference.repository.js';
import { addAppCard } from './add-app.card.js';

/** How long a new private channel may wait for the app before the lead is reminded (once). */
export const ADD_APP_REMINDER_AFTER_MS = 10 * 60_000;

/**
 * Reminds the lead once when a private channel still waits for the app ten minutes after it was
 * made. Marked before sending, so two processes never both remind. Returns how many were sent.
 */
export async function remindLeadsToAddApp(
  app: AppContext,
  references: TeamsReferenceRepository,
  gatewayFor: (workspace: Workspace) => TeamsGateway,
): Promise<number> {
  const now = app.clock.now();
  let sent = 0;
  for (const space of await references.waitingForApp(new Date(now.getTime() - ADD_APP_REMINDER_AFTER_MS))) {
    if (!space.incidentId) continue;
    const view = await app.incidents.view(space.incidentId).catch(() => null);
    if (view?.incident.status !== 'opening') continue;
    if (!(await references.markReminded(space.workspaceId, space.spaceId, now))) continue;
    try {
      const workspace = await app.workspaces.get(space.workspaceId);
      const gateway = gatewayFor(workspace);
      const link = await gateway.spaceLink(space.spaceId).catch(() => null);
      await gateway.sendDirect(view.incident.leadId, addAppCard(space, link, workspace.locale, true));
      sent += 1;
    } catch (error) {
      app.logger.warn({ err: error, incidentId: space.incidentId }, 'add-the-app reminder not sent');
    }
  }
  return sent;
}
