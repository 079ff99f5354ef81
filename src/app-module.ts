import type { Config } from './config/config.js';
import type { CoreServices } from './core/core-services.js';
import type { CoreExtension } from './core/extension/core-extension.js';
import type { Platform, Workspace } from './core/incidents/incident.types.js';
import type { PlaybookRegistry } from './core/playbook/playbook.registry.js';
import type { ChatGateway } from './core/ports/chat-gateway.js';
import type { Clock } from './core/ports/clock.js';
import type { IdGenerator } from './core/ports/ids.js';
import type { Store } from './core/ports/store.js';
import type { ReminderStore } from './features/reminders/reminder.port.js';
import type { RetentionStore } from './features/retention/retention.port.js';
import type { HttpServer } from './http/http-server.js';
import type { Logger } from './logging/logger.js';
import type { TeamsReferenceRepository } from './platforms/teams/storage/teams-reference.repository.js';

/** The stores of the features and platforms that keep their own tables. */
export interface FeatureStores {
  reminders: ReminderStore;
  retention: RetentionStore;
  /** Where the bot reaches each Teams team and incident space. */
  teams: TeamsReferenceRepository;
}

/** What a module may use while it declares its extension, before the services exist. */
export interface ExtensionPorts {
  config: Config;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  store: Store;
  stores: FeatureStores;
  playbooks: PlaybookRegistry;
}

/** What a module (a chat platform, the reminders, the retention job) gets once the services are built. */
export interface AppContext extends ExtensionPorts, CoreServices {
  server: HttpServer;
  /** Makes the platform's gateway the one used for its workspaces. */
  registerGateway(platform: Platform, gatewayFor: (workspace: Workspace) => ChatGateway): void;
}

/** A part plugged into the process: a chat platform (Slack, Teams, the playground) or a feature's jobs. */
export interface AppModule {
  name: string;
  /** What the module adds to the core, declared before the services are built. */
  extend?(ports: ExtensionPorts): CoreExtension;
  start(app: AppContext): Promise<void>;
  stop(): Promise<void>;
}
