import type { Config } from './config/config.js';
import type { IncidentService } from './core/incidents/incident.service.js';
import type { Platform, Workspace } from './core/incidents/incident.types.js';
import type { StepService } from './core/incidents/step.service.js';
import type { CommandService } from './core/interactions/command.service.js';
import type { InteractionService } from './core/interactions/interaction.service.js';
import type { PlaybookRegistry } from './core/playbook/playbook.registry.js';
import type { ChatGateway } from './core/ports/chat-gateway.js';
import type { Clock } from './core/ports/clock.js';
import type { Store } from './core/ports/store.js';
import type { SpaceService } from './core/spaces/space.service.js';
import type { DatabaseHandle } from './db/connect.js';
import type { HttpServer } from './http/http-server.js';
import type { Logger } from './logging/logger.js';

/** What a module (a chat platform, the scheduler) gets from the composition root. */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  playbooks: PlaybookRegistry;
  incidents: IncidentService;
  steps: StepService;
  spaces: SpaceService;
  /** Every button and dialog submission goes through here. */
  interactions: InteractionService;
  /** Opening, status, closing, the file-share warning, form and assign dialogs. */
  commands: CommandService;
  server: HttpServer;
  /** Makes the platform's gateway the one used for its workspaces. */
  registerGateway(platform: Platform, gatewayFor: (workspace: Workspace) => ChatGateway): void;
  /** The database, for a module's own tables (the scheduler's reminders, Teams conversation references). */
  database: DatabaseHandle;
}

/** A part plugged into the process: a chat platform (Slack, Teams, the playground) or the scheduler. */
export interface AppModule {
  name: string;
  start(context: AppContext): Promise<void>;
  stop(): Promise<void>;
}
