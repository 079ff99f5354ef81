import type { AppModule } from './app-module.js';
import type { Config, Env } from './config/config.js';
import { teamsOrPlayground } from './platforms/playground/platform-modules.js';

/**
 * The modules this process runs, chosen from the environment: each chat platform whose
 * credentials are set, and the scheduler. Throws ConfigError for a missing or bad variable.
 */
export function selectModules(env: Env, config: Config): AppModule[] {
  return [...teamsOrPlayground(env, config)];
}
