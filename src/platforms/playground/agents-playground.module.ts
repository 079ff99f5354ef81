import type { AppContext, AppModule } from '../../app-module.js';
import { isLoopback } from '../teams/teams.config.js';
import { TeamsModule } from '../teams/teams.module.js';
import { registerGraph } from './graph.stand-in.js';
import { localBaseUrl, unsignedTeamsOptions } from './local-teams.options.js';
import { PlaygroundState } from './playground.state.js';

/**
 * The real Teams module without sign-in, for Microsoft 365 Agents Playground (Microsoft's local
 * Teams simulator, which sends no token). That simulator plays the Connector but has no Graph,
 * so the bot's Graph calls go to the playground's stand-in on this same server. Its team must be
 * the stand-in's (`aadGroupId: playground-group` in .m365agentsplayground.yml).
 */
export class AgentsPlaygroundModule implements AppModule {
  readonly name = 'teams (Agents Playground)';
  private teams: TeamsModule | null = null;

  async start(app: AppContext): Promise<void> {
    if (!isLoopback(app.config.host)) {
      throw new Error('TEAMS_DEV_SIMULATOR only runs on 127.0.0.1: the bot then accepts unsigned requests.');
    }
    registerGraph(app.server, new PlaygroundState());
    this.teams = new TeamsModule(unsignedTeamsOptions(localBaseUrl(app)));
    await this.teams.start(app);
  }

  async stop(): Promise<void> {
    await this.teams?.stop();
  }
}
