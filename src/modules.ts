import type { AppModule } from './app-module.js';
import type { Config, Env } from './config/config.js';

/**
 * The modules this process runs, chosen from the environment: each chat platform whose
 * credentials are set, and the scheduler. Throws ConfigError for a missing or bad variable.
 */
export function selectModules(_env: Env, _config: Config): AppModule[] {
  return [];
}
