import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext, AppModule } from '../app-module.js';
import { uuidGenerator } from '../core/ports/ids.js';
import { aftercareSuggestions } from '../core/reminders/aftercare-suggestions.js';
import {
  type DispatchEvent,
  type DispatcherOptions,
  ReminderDispatcher,
  type TickReport,
} from '../core/reminders/reminder.dispatcher.js';
import { ReminderService } from '../core/reminders/reminder.service.js';
import { reminderActionHandlers } from '../core/reminders/reminder-actions.handler.js';
import { type RetentionReport, RetentionService } from '../core/reminders/retention.service.js';
import { reminderRepository } from '../db/repositories/reminder.repository.js';
import { retentionRepository } from '../db/repositories/retention.repository.js';
import type { Logger } from '../logging/logger.js';
import type { SchedulerConfig } from './scheduler.config.js';

/** The scheduler as a module, with its jobs callable directly (tests, maintenance). */
export interface SchedulerModule extends AppModule {
  /** Sends what is due now. */
  tick(): Promise<TickReport>;
  /** Recomputes the schedule of every incident that may still change. */
  syncAll(): Promise<number>;
  /** Removes the content of incidents past the retention period. */
  purgeExpired(): Promise<RetentionReport>;
}

export interface SchedulerOptions {
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
 * Reminders, nudges and data retention: registers the reminder buttons, keeps each incident's
 * schedule in line after every change, and runs three node-cron jobs — the reminder tick (every
 * minute by default), a periodic resync of open incidents, and the daily retention job.
 */
export function createSchedulerModule(
  config: SchedulerConfig,
  options: SchedulerOptions = {},
): SchedulerModule {
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  let jobs: {
    tick: () => Promise<TickReport>;
    syncAll: () => Promise<number>;
    purge: () => Promise<RetentionReport>;
  };

  /** One run of a job at a time in this process; a tick that finds the last one busy is skipped. */
  const exclusive = <T>(name: string, job: () => Promise<T>, idle: T): Promise<T> => {
    if (busy.has(name)) return Promise.resolve(idle);
    busy.add(name);
    const promise = job().finally(() => busy.delete(name));
    running.add(promise);
    void promise.finally(() => running.delete(promise)).catch(() => undefined);
    return promise;
  };
  const notStarted = () => Promise.reject(new Error('The scheduler has not been started'));

  const scheduler: SchedulerModule = {
    name: 'scheduler',
    tick: () => (jobs ? exclusive('tick', jobs.tick, emptyReport()) : notStarted()),
    syncAll: () => (jobs ? exclusive('sync', jobs.syncAll, 0) : notStarted()),
    purgeExpired: () =>
      jobs
        ? exclusive('retention', jobs.purge, { purged: 0, failed: 0, forgottenRequests: 0 })
        : notStarted(),

    async start(ctx: AppContext) {
      const { logger } = ctx;
      const reminders = reminderRepository(ctx.database.db);
      const service = new ReminderService({
        store: ctx.store,
        reminders,
        playbooks: ctx.playbooks,
        clock: ctx.clock,
        rules: config.rules,
      });
      const handlerDeps = { store: ctx.store, reminders, service, clock: ctx.clock, ids: uuidGenerator };
      for (const [kind, handler] of reminderActionHandlers(handlerDeps))
        ctx.interactions.register(kind, handler);
      ctx.interactions.onChange(async (incidentId) => {
        const outcome = await service.syncAfterChange(incidentId);
        // The overview shows the next aftercare moment: the follow-up may have redrawn it
        // before the new schedule was stored.
        if (outcome.kinds.includes('aftercare')) await ctx.spaces.refresh(incidentId, []);
      });
      ctx.spaces.setOverviewExtras(async (view, workspace) => {
        try {
          return await service.overviewExtras(view, workspace);
        } catch (error) {
          logger.error(
            { err: error, incidentId: view.incident.id },
            'could not read reminders for the overview',
          );
          return {};
        }
      });
      ctx.commands.setFormDefaults(aftercareSuggestions(ctx.store, ctx.clock, config.rules));

      const owner = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
      const leaseMs = config.leaseSeconds * 1000;
      const dispatcher = new ReminderDispatcher(
        {
          reminders,
          service,
          clock: ctx.clock,
          gatewayFor: (workspace) => ctx.spaces.gatewayOf(workspace),
          refreshOverview: (incidentId) => ctx.spaces.refresh(incidentId, []),
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
      const retention = new RetentionService({
        retention: retentionRepository(ctx.database.db),
        store: ctx.store,
        clock: ctx.clock,
        months: config.retentionMonths,
      });
      jobs = {
        tick: async () => {
          const report = await dispatcher.tick();
          if (report.claimed > 0) logger.info({ ...report }, 'reminders dispatched');
          return report;
        },
        syncAll: () =>
          service.syncAll((incidentId, error) =>
            logger.error({ err: error, incidentId }, 'could not update the reminders of an incident'),
          ),
        purge: async () => {
          const report = await retention.run((incidentId, error) =>
            logger.error({ err: error, incidentId }, 'could not purge an incident'),
          );
          if (report.purged + report.failed > 0) logger.info({ ...report }, 'retention job done');
          return report;
        },
      };

      if (options.cron === false) return;
      const schedule = (expression: string, name: string, job: () => Promise<unknown>) => {
        const task = cron.schedule(
          expression,
          () =>
            job().catch((error: unknown) => {
              logger.error({ err: error, job: name }, 'scheduled job failed');
            }),
          { name, timezone: ctx.config.timezone, noOverlap: true },
        );
        tasks.push(task);
      };
      schedule(config.reminderCron, 'reminders', () => scheduler.tick());
      schedule(config.syncCron, 'reminder-sync', () => scheduler.syncAll());
      schedule(config.retentionCron, 'retention', () => scheduler.purgeExpired());
      // Catch up after a restart: what changed while no process ran, then what is due.
      void scheduler
        .syncAll()
        .then(() => scheduler.tick())
        .catch((error: unknown) => logger.error({ err: error }, 'catching up on reminders failed'));
      logger.info({ instance: owner, cron: config.reminderCron }, 'scheduler running');
    },

    async stop() {
      for (const task of tasks.splice(0)) await task.destroy();
      const wait = new Promise((resolve) => setTimeout(resolve, options.stopWaitMs ?? 10_000).unref());
      await Promise.race([Promise.allSettled([...running]), wait]);
    },
  };
  return scheduler;
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
