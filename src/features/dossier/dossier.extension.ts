import type { CoreExtension } from '../../core/extension/core-extension.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import { type DossierDeps, DossierService } from './dossier.service.js';
import { buildDossierOfferCard } from './dossier-offer.card.js';

export type DossierFeatureDeps = Omit<DossierDeps, 'gatewayFor'> & {
  /** The platforms' gateways; known once the services are built (before any click arrives). */
  gatewayFor: () => ((workspace: Workspace) => ChatGateway) | null;
};

/**
 * What the dossier adds to the core: the **Dossier** button (overview menu, the offer after
 * closing, and the `dossier` command, which the platforms send as the same action), and the
 * offer "Dossier maken?" in the space when an incident is closed.
 */
export function dossierFeature(deps: DossierFeatureDeps): {
  service: DossierService;
  extension: CoreExtension;
} {
  const gatewayFor = (workspace: Workspace) => {
    const find = deps.gatewayFor();
    if (!find) throw new Error('The dossier was asked for before the platforms started');
    return find(workspace);
  };
  const service = new DossierService({ ...deps, gatewayFor });
  const extension: CoreExtension = {
    actions: [
      [
        'dossier',
        async (request, locale) => ({
          changed: false,
          message: await service.deliver({
            workspace: request.workspace,
            actor: request.actor,
            incidentId: request.payload.incidentId,
            spaceId: request.spaceId,
            locale,
          }),
        }),
      ],
    ],
    onChange: async (incidentId, kind) => {
      if (kind !== 'close') return;
      const incident = await deps.store.incidents.get(incidentId);
      const workspace = incident && (await deps.store.workspaces.get(incident.workspaceId));
      if (!incident?.spaceId || !workspace) return;
      await gatewayFor(workspace).postCard(
        incident.spaceId,
        buildDossierOfferCard(incident, workspace.locale),
      );
    },
  };
  return { service, extension };
}
