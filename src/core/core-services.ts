import { type CoreExtension, gatherExtensions } from './extension/core-extension.js';
import { IncidentService } from './incidents/incident.service.js';
import type { Platform, Workspace } from './incidents/incident.types.js';
import { StepService } from './incidents/step.service.js';
import { CommandService } from './interactions/command.service.js';
import { InteractionService } from './interactions/interaction.service.js';
import type { FollowUpErrorReporter } from './interactions/interaction.types.js';
import { OverviewService } from './overview/overview.service.js';
import type { PlaybookRegistry } from './playbook/playbook.registry.js';
import type { ChatGateway } from './ports/chat-gateway.js';
import type { Clock } from './ports/clock.js';
import type { IdGenerator } from './ports/ids.js';
import type { Store } from './ports/store.js';
import { SpaceService } from './spaces/space.service.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

export interface CoreServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  playbooks: PlaybookRegistry;
  /** The gateway of the platform a workspace lives on. */
  gatewayFor: (workspace: Workspace) => ChatGateway;
  /** Failures of work done after an answer (card redraws, timeline, listeners). */
  reportError: FollowUpErrorReporter;
  /** What features add, declared before the services exist. */
  extensions?: readonly CoreExtension[];
  /** Language and time zone of a workspace seen for the first time. */
  workspaceDefaults?: Pick<Workspace, 'locale' | 'timezone'>;
  /** Care coordinators for every workspace (COORDINATORS). */
  coordinators?: readonly string[];
}

/** The services every platform talks to. */
export interface CoreServices {
  /** The schools the bot serves, their settings kept briefly. */
  workspaces: WorkspaceService;
  incidents: IncidentService;
  steps: StepService;
  spaces: SpaceService;
  /** Every button and dialog submission goes through here. */
  interactions: InteractionService;
  /** Opening, status, closing, the file-share warning, form and assign dialogs. */
  commands: CommandService;
  /** Lists of incidents: the asker's own, and the school's for its coordinators. */
  overview: OverviewService;
}

/** Builds the core services with the features' extensions in place (app and test harnesses alike). */
export function createCoreServices(deps: CoreServiceDeps): CoreServices {
  const { store, clock, ids, playbooks, reportError } = deps;
  const extension = gatherExtensions(deps.extensions ?? []);
  const workspaces = new WorkspaceService({
    store,
    clock,
    defaults: deps.workspaceDefaults ?? { locale: 'nl', timezone: 'Europe/Amsterdam' },
  });
  const incidents = new IncidentService({ store, clock, ids, playbooks });
  const steps = new StepService({ store, clock, ids, playbooks });
  const spaces = new SpaceService({
    store,
    incidents,
    workspaces,
    playbooks,
    clock,
    gatewayFor: deps.gatewayFor,
    reportError: (error, incidentId) => reportError(error, { incidentId, action: 'retryOpening' }),
    ...(extension.overviewExtras ? { overviewExtras: extension.overviewExtras } : {}),
  });
  const interactions = new InteractionService({
    store,
    clock,
    incidents,
    steps,
    spaces,
    playbooks,
    reportError,
    actions: extension.actions,
    listeners: extension.listeners,
  });
  const overview = new OverviewService({
    store,
    incidents,
    spaces,
    coordinators: deps.coordinators ?? [],
  });
  const commands = new CommandService({
    clock,
    incidents,
    spaces,
    overview,
    playbooks,
    reportError,
    afterOpen: (incidentId) => interactions.notifyChanged(incidentId, 'open'),
    ...(extension.formDefaults ? { formDefaults: extension.formDefaults } : {}),
  });
  return { workspaces, incidents, steps, spaces, interactions, commands, overview };
}

/** Gateways by platform, registered by the platform modules as they start. */
export class GatewayRegistry {
  private readonly factories = new Map<Platform, (workspace: Workspace) => ChatGateway>();

  register(platform: Platform, factory: (workspace: Workspace) => ChatGateway): void {
    this.factories.set(platform, factory);
  }

  get size(): number {
    return this.factories.size;
  }

  gatewayFor = (workspace: Workspace): ChatGateway => {
    const factory = this.factories.get(workspace.platform);
    if (!factory) throw new Error(`No chat platform "${workspace.platform}" is running`);
    return factory(workspace);
  };
}
