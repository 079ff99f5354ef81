import type { AppContext, AppModule, ExtensionPorts, FeatureStores } from './app-module.js';
import type { Config } from './config/config.js';
import { readActivePlaybook } from './config/playbook-file.js';
import { createCoreServices, GatewayRegistry } from './core/core-services.js';
import { BUILTIN_PLAYBOOKS } from './core/playbook/builtin/index.js';
import { PlaybookRegistry } from './core/playbook/playbook.registry.js';
import { syncPlaybooks } from './core/playbook/playbook.sync.js';
import { type Clock, systemClock } from './core/ports/clock.js';
import { uuidGenerator } from './core/ports/ids.js';
import type { Store } from './core/ports/store.js';
import { type DatabaseHandle, openDatabase } from './db/connect.js';
import { prepareDatabase } from './db/database-setup.service.js';
import { createKyselyStore } from './db/kysely-store.js';
import { reminderRepository } from './features/reminders/reminder.repository.js';
import { retentionRepository } from './features/retention/retention.repository.js';
import { registerHealthRoutes } from './http/health.routes.js';
import { HttpServer } from './http/http-server.js';
import type { Logger } from './logging/logger.js';
import { TeamsReferenceRepository } from './platforms/teams/storage/teams-reference.repository.js';

export interface App {
  context: AppContext;
  database: DatabaseHandle;
  url: string;
  close(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** Chat platforms and other modules, started in order after the services. */
  modules?: AppModule[];
}

/** Composition root: config → database → extensions → services → HTTP server → platforms. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const active = await readActivePlaybook(config.playbookFile);

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.dbPoolMax,
    onPoolError: (error) => logger.error({ err: error }, 'database connection error'),
  });
  const closers: Array<() => Promise<void>> = [() => database.close()];
  try {
    const { applied, grants } = await prepareDatabase(database, config);
    const { kind, location, origin } = database;
    logger.info(
      { database: kind, location, origin, applied, ...(grants ? { grants } : {}) },
      'database ready',
    );

    const store: Store = createKyselyStore(database.db);
    const stores: FeatureStores = {
      reminders: reminderRepository(database.db),
      retention: retentionRepository(database.db),
      teams: new TeamsReferenceRepository(database.db),
    };
    const playbooks = new PlaybookRegistry(active);
    await syncPlaybooks(store, playbooks, [...BUILTIN_PLAYBOOKS, active]);
    logger.info({ playbook: `${active.key}@${active.version}` }, 'playbook loaded');

    const ports: ExtensionPorts = { config, logger, clock, ids: uuidGenerator, store, stores, playbooks };
    // Features declare what they add before the services exist: nothing is plugged in afterwards.
    const extensions = (options.modules ?? []).flatMap((module) =>
      module.extend ? [module.extend(ports)] : [],
    );
    const gateways = new GatewayRegistry();
    const services = createCoreServices({
      store,
      clock,
      ids: uuidGenerator,
      playbooks,
      gatewayFor: gateways.gatewayFor,
      reportError: (error, where) =>
        logger.error({ err: error, ...where }, 'follow-up after an action failed'),
      extensions,
      workspaceDefaults: { locale: config.defaultLocale, timezone: config.timezone },
      coordinators: config.coordinators,
    });

    const server = new HttpServer(logger);
    closers.unshift(() => server.close());
    registerHealthRoutes(server, store, database.kind);

    const context: AppContext = {
      ...ports,
      ...services,
      server,
      registerGateway: (platform, factory) => gateways.register(platform, factory),
    };

    for (const module of options.modules ?? []) {
      await module.start(context);
      closers.unshift(() => module.stop());
      logger.info({ module: module.name }, 'module started');
    }
    if (gateways.size === 0) logger.warn('no chat platform configured');

    const address = await server.listen(config.port, config.host);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    logger.info({ url }, 'listening');

    const resumed = await services.spaces.resumeUnfinished((incident, error) =>
      logger.error({ err: error, incident: incident.id }, 'could not finish opening an incident'),
    );
    if (resumed > 0) logger.info({ resumed }, 'finished interrupted incident openings');

    return { context, database, url, close: () => runAll(closers) };
  } catch (error) {
    await runAll(closers);
    throw error;
  }
}

async function runAll(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers.splice(0)) {
    await close().catch(() => undefined);
  }
}
