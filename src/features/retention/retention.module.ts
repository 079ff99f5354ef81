import type { AppContext, AppModule } from '../../app-module.js';
import { JobRunner } from '../../jobs/job-runner.js';
import type { RetentionConfig } from './retention.config.js';
import { type RetentionReport, RetentionService } from './retention.service.js';

/** The retention job as a module, callable directly (tests, maintenance). */
export interface RetentionModule extends AppModule {
  /** Removes the content of incidents past the retention period. */
  purgeExpired(): Promise<RetentionReport>;
}

export interface RetentionOptions {
  /** False: no cron task (the job is called directly). Default true. */
  cron?: boolean;
  stopWaitMs?: number;
}

/** The daily retention job (node-cron, `RETENTION_CRON`). */
export function createRetentionModule(
  config: RetentionConfig,
  options: RetentionOptions = {},
): RetentionModule {
  let runner: JobRunner | null = null;
  let purge: (() => Promise<RetentionReport>) | null = null;

  const module: RetentionModule = {
    name: 'retention',
    // Every incident space says how long its content is kept.
    extend: () => ({ overviewExtras: async () => ({ retentionMonths: config.retentionMonths }) }),
    purgeExpired: () =>
      purge && runner
        ? runner.exclusive('retention', purge, { purged: 0, failed: 0, forgottenRequests: 0, warned: 0 })
        : Promise.reject(new Error('The retention job has not been started')),

    async start(app: AppContext) {
      const { logger } = app;
      runner = new JobRunner(logger, app.config.timezone);
      const retention = new RetentionService({
        retention: app.stores.retention,
        store: app.store,
        clock: app.clock,
        months: config.retentionMonths,
        gatewayFor: (workspace) => app.spaces.gatewayOf(workspace),
      });
      purge = async () => {
        const report = await retention.run((incidentId, error) =>
          logger.error({ err: error, incidentId }, 'could not purge an incident'),
        );
        if (report.purged + report.failed > 0) logger.info({ ...report }, 'retention job done');
        return report;
      };
      if (options.cron !== false)
        runner.schedule(config.retentionCron, 'retention', () => module.purgeExpired());
    },

    async stop() {
      await runner?.stop(options.stopWaitMs ?? 10_000);
    },
  };
  return module;
}
