import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext, AppModule, ExtensionPorts } from '../../app-module.js';
import { JobRunner } from '../../jobs/job-runner.js';
import type { Logger } from '../../logging/logger.js';
import {
  type DispatchEvent,
  type DispatcherOptions,
  ReminderDispatcher,
  type TickReport,
} from './reminder.dispatcher.js';
import type { ReminderService } from './reminder.service.js';
import type { RemindersConfig } from './reminders.config.js';
import { reminderFeature } from './reminders.extension.js';

/** The reminders as a module, with its jobs callable directly (tests, maintenance). */
export interface RemindersModule extends AppModule {
  /** Sends what is due now. */
  tick(): Promise<TickReport>;
  /** Recomputes the schedule of every incident that may still change. */
  syncAll(): Promise<number>;
}

export interface RemindersOptions {
  /** Lease owner name; unique per process by default. */
  instanceId?: string;
  /** Overrides for tests and benchmarks. */
  dispatcher?: Partial<Omit<DispatcherOptions, 'owner'>>;
  /** False: no cron tasks (the jobs are called directly). Default true. */
  cron?: boolean;
  /** How long stop() waits for a running job to finish. */
  stopWaitMs?: number;
}

/**
 * Reminders and nudges: the reminder buttons, a schedule that follows every change, and two
 * node-cron jobs — the reminder tick (every minute by default) and a periodic resync.
 */
export function createRemindersModule(
  config: RemindersConfig,
  options: RemindersOptions = {},
): RemindersModule {
  let service: ReminderService | null = null;
  let runner: JobRunner | null = null;
  let jobs: { tick: () => Promise<TickReport>; syncAll: () => Promise<number> } | null = null;
  const notStarted = () => Promise.reject(new Error('The reminders have not been started'));

  const module: RemindersModule = {
    name: 'reminders',
    tick: () => (jobs && runner ? runner.exclusive('tick', jobs.tick, emptyReport()) : notStarted()),
    syncAll: () => (jobs && runner ? runner.exclusive('sync', jobs.syncAll, 0) : notStarted()),

    extend(ports: ExtensionPorts) {
      const feature = reminderFeature({
        store: ports.store,
        reminders: ports.stores.reminders,
        playbooks: ports.playbooks,
        clock: ports.clock,
        ids: ports.ids,
        rules: config.rules,
        onOverviewError: (error, incidentId) =>
          ports.logger.error({ err: error, incidentId }, 'could not read reminders for the overview'),
      });
      service = feature.service;
      return feature.extension;
    },

    async start(app: AppContext) {
      const { logger } = app;
      if (!service) throw new Error('The reminders module was started without its extension');
      const reminderService = service;
      runner = new JobRunner(logger, app.config.timezone);
      const owner = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
      const leaseMs = config.leaseSeconds * 1000;
      const dispatcher = new ReminderDispatcher(
        {
          reminders: app.stores.reminders,
          service: reminderService,
          clock: app.clock,
          gatewayFor: (workspace) => app.spaces.gatewayOf(workspace),
          refreshOverview: (incidentId) => app.spaces.refresh(incidentId, []),
          report: (event) => logDispatch(logger, event),
        },
        {
          owner,
          leaseMs,
          maxAttempts: config.maxAttempts,
          sendTimeoutMs: Math.min(30_000, Math.floor(leaseMs / 3)),
          ...options.dispatcher,
        },
      );
      jobs = {
        tick: async () => {
          const report = await dispatcher.tick();
          if (report.claimed > 0) logger.info({ ...report }, 'reminders dispatched');
          return report;
        },
        syncAll: () =>
          reminderService.syncAll((incidentId, error) =>
            logger.error({ err: error, incidentId }, 'could not update the reminders of an incident'),
          ),
      };
      if (options.cron === false) return;
      runner.schedule(config.reminderCron, 'reminders', () => module.tick());
      runner.schedule(config.syncCron, 'reminder-sync', () => module.syncAll());
      // Catch up after a restart: what changed while no process ran, then what is due.
      void module
        .syncAll()
        .then(() => module.tick())
        .catch((error: unknown) => logger.error({ err: error }, 'catching up on reminders failed'));
      logger.info({ instance: owner, cron: config.reminderCron }, 'scheduler running');
    },

    async stop() {
      await runner?.stop(options.stopWaitMs ?? 10_000);
    },
  };
  return module;
}

function emptyReport(): TickReport {
  return { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
}

function logDispatch(logger: Logger, event: DispatchEvent): void {
  const reminder = event.reminder && {
    reminderId: event.reminder.id,
    incidentId: event.reminder.incidentId,
    kind: event.reminder.kind,
    attempts: event.reminder.attempts,
  };
  switch (event.type) {
    case 'retry':
      logger.warn({ ...reminder, code: event.code, err: event.error }, 'reminder not delivered; will retry');
      return;
    case 'failed':
      logger.error({ ...reminder, code: event.code, err: event.error }, 'reminder not delivered; gave up');
      return;
    case 'lost-lease':
      logger.warn({ ...reminder }, 'reminder sent, but it was taken over or stopped meanwhile');
      return;
    case 'no-gateway':
      logger.warn(
        { ...reminder, platform: event.platform },
        'no chat platform for this reminder here; waiting',
      );
      return;
    case 'error':
      logger.error({ ...reminder, err: event.error }, 'reminder dispatch error');
  }
}
