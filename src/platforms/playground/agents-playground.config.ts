import { type Config, ConfigError, type Env, oneOf, text } from '../../config/config.js';
import { isLoopback } from '../teams/teams.config.js';

/**
 * True when TEAMS_DEV_SIMULATOR=1: the real Teams module without sign-in, for Microsoft 365
 * Agents Playground (`npm run dev:teams`). That simulator sends no token, so the bot then accepts
 * unsigned requests: refused on a reachable HOST, and refused next to a real MicrosoftAppId.
 */
export function agentsPlaygroundRequested(env: Env, config: Config): boolean {
  if (oneOf(env, 'TEAMS_DEV_SIMULATOR', ['0', '1'] as const, '0') === '0') return false;
  if (text(env, 'MicrosoftAppId') !== null || text(env, 'MicrosoftAppPassword') !== null) {
    throw new ConfigError(
      'TEAMS_DEV_SIMULATOR',
      'must be 0 or empty while MicrosoftAppId or MicrosoftAppPassword is set: the simulator mode accepts requests without sign-in.',
    );
  }
  if (!isLoopback(config.host)) {
    throw new ConfigError(
      'TEAMS_DEV_SIMULATOR',
      `needs HOST=127.0.0.1: the simulator mode accepts requests without sign-in (got HOST "${config.host}").`,
    );
  }
  return true;
}
