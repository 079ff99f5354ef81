import type { AppModule } from '../../app-module.js';
import { type Config, ConfigError, type Env, text } from '../../config/config.js';
import { isLoopback, loadTeamsConfig } from '../teams/teams.config.js';
import { TeamsModule } from '../teams/teams.module.js';
import { agentsPlaygroundRequested } from './agents-playground.config.js';
import { AgentsPlaygroundModule } from './agents-playground.module.js';
import { PlaygroundModule } from './playground.module.js';

/**
 * Teams when MicrosoftAppId is set (or, with TEAMS_DEV_SIMULATOR=1, without sign-in for Microsoft 365
 * Agents Playground); the playground when no chat platform has credentials (neither
 * Teams nor Slack). The playground accepts requests without sign-in, so only on a loopback HOST,
 * and never with DATABASE_URL: a demo keeps its own data.
 */
export function teamsOrPlayground(env: Env, config: Config): AppModule[] {
  if (agentsPlaygroundRequested(env, config)) return [new AgentsPlaygroundModule()];
  const teams = loadTeamsConfig(env);
  if (teams) return [new TeamsModule({ config: teams })];
  if (text(env, 'SLACK_BOT_TOKEN')) return [];
  if (!isLoopback(config.host)) {
    throw new ConfigError(
      'HOST',
      `must be 127.0.0.1 while no chat platform is configured: the playground accepts requests without sign-in (got "${config.host}"). Set MicrosoftAppId or SLACK_BOT_TOKEN for a reachable bot.`,
    );
  }
  if (config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL',
      "must be empty for the playground: a demo must never touch a school's real data. Leave DATABASE_URL empty (the playground keeps its own data in DATA_DIR), or set MicrosoftAppId or SLACK_BOT_TOKEN to run the bot.",
    );
  }
  return [new PlaygroundModule()];
}
