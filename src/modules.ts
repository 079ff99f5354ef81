import type { AppModule } from './app-module.js';
import type { Config, Env } from './config/config.js';
import { createDossierModule } from './features/dossier/dossier.module.js';
import { createSchedulerModule, loadSchedulerConfig } from './jobs/scheduler.module.js';
import { teamsOrPlayground } from './platforms/playground/platform-modules.js';
import { loadSlackConfig } from './platforms/slack/slack.config.js';
import { SlackModule } from './platforms/slack/slack.module.js';

/**
 * The modules this process runs, chosen from the environment: each chat platform whose
 * credentials are set, and the scheduler. Throws ConfigError for a missing or bad variable.
 */
export function selectModules(env: Env, config: Config): AppModule[] {
  const modules: AppModule[] = [];
  const slack = loadSlackConfig(env);
  if (slack) modules.push(new SlackModule(slack));
  modules.push(...teamsOrPlayground(env, config));
  // The scheduler runs in every process: several instances share the reminders safely.
  modules.push(createSchedulerModule(loadSchedulerConfig(env)));
  modules.push(createDossierModule());
  return modules;
}
