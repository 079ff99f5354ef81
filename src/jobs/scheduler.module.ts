import type { AppContext, AppModule, ExtensionPorts } from '../app-module.js';
import type { Env } from '../config/config.js';
import { loadRemindersConfig, type RemindersConfig } from '../features/reminders/reminders.config.js';
import {
  createRemindersModule,
  type RemindersModule,
  type RemindersOptions,
} from '../features/reminders/reminders.module.js';
import { loadRetentionConfig, type RetentionConfig } from '../features/retention/retention.config.js';
import { createRetentionModule, type RetentionModule } from '../features/retention/retention.module.js';

/** The settings of every scheduled job, read from the environment (documented in .env.example). */
export type SchedulerConfig = RemindersConfig & RetentionConfig;

export function loadSchedulerConfig(env: Env): SchedulerConfig {
  return { ...loadRemindersConfig(env), ...loadRetentionConfig(env) };
}

/** The reminders and the retention job as one module, with their jobs callable directly. */
export interface SchedulerModule extends AppModule, Pick<RemindersModule, 'tick' | 'syncAll'> {
  purgeExpired: RetentionModule['purgeExpired'];
}

/**
 * Every scheduled job in one module: it runs in every process, because several instances share
 * the reminders safely.
 */
export function createSchedulerModule(
  config: SchedulerConfig,
  options: RemindersOptions = {},
): SchedulerModule {
  const reminders = createRemindersModule(config, options);
  const retention = createRetentionModule(config, {
    ...(options.cron === false ? { cron: false } : {}),
    ...(options.stopWaitMs !== undefined ? { stopWaitMs: options.stopWaitMs } : {}),
  });
  return {
    name: 'scheduler',
    tick: () => reminders.tick(),
    syncAll: () => reminders.syncAll(),
    purgeExpired: () => retention.purgeExpired(),
    extend: (ports: ExtensionPorts) => reminders.extend?.(ports) ?? {},
    async start(app: AppContext) {
      await reminders.start(app);
      await retention.start(app);
    },
    async stop() {
      await Promise.all([reminders.stop(), retention.stop()]);
    },
  };
}
