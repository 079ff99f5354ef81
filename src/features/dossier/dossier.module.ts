import type { AppContext, AppModule, ExtensionPorts } from '../../app-module.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import { dossierFeature } from './dossier.extension.js';

/** The incident dossier: made on request, handed over by each platform, never stored. */
export function createDossierModule(): AppModule {
  let gatewayFor: ((workspace: Workspace) => ChatGateway) | null = null;
  return {
    name: 'dossier',
    extend(ports: ExtensionPorts) {
      return dossierFeature({
        store: ports.store,
        reminders: ports.stores.reminders,
        playbooks: ports.playbooks,
        clock: ports.clock,
        gatewayFor: () => gatewayFor,
      }).extension;
    },
    async start(app: AppContext) {
      gatewayFor = (workspace) => app.spaces.gatewayOf(workspace);
    },
    async stop() {},
  };
}
