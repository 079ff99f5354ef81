import type { AddressInfo } from 'node:net';
import type { AppContext, AppModule } from '../../app-module.js';
import { t } from '../../core/i18n/catalogue.js';
import { isLoopback } from '../teams/teams.config.js';
import { TeamsModule } from '../teams/teams.module.js';
import { CONNECTOR_PREFIX, registerConnector } from './connector.stand-in.js';
import { DownloadLinks } from './download-links.js';
import { registerGraph } from './graph.stand-in.js';
import { localBaseUrl, unsignedTeamsOptions } from './local-teams.options.js';
import { isOwnConnector, playgroundRequestRefusal } from './playground.guard.js';
import {
  BOT,
  PLAYGROUND_GROUP_ID,
  PLAYGROUND_TEAM_ID,
  PLAYGROUND_TEAM_NAME,
  PLAYGROUND_TENANT,
} from './playground.people.js';
import { registerPage } from './playground.routes.js';
import { PlaygroundState } from './playground.state.js';

/**
 * A small Teams on this machine: a page with a team, its channels and four demo staff, the
 * Connector and Graph the bot talks to, and the real Teams module behind /api/messages. Only
 * on a loopback address, because the bot then accepts requests without a token.
 */
export class PlaygroundModule implements AppModule {
  readonly name = 'playground';
  readonly state = new PlaygroundState();
  private teams: TeamsModule | null = null;

  async start(app: AppContext): Promise<void> {
    if (!isLoopback(app.config.host)) {
      throw new Error(
        'The playground only runs on 127.0.0.1; set MicrosoftAppId or SLACK_BOT_TOKEN for a reachable bot.',
      );
    }
    const base = localBaseUrl(app);
    const port = () => (app.server.raw.address() as AddressInfo | null)?.port ?? app.config.port;
    app.server.guardRequests((req) => playgroundRequestRefusal(req, port()));
    registerConnector(app.server, this.state);
    registerGraph(app.server, this.state);
    registerPage(app.server, this.state);
    const downloads = new DownloadLinks(app.clock, base);
    downloads.register(app.server, () => t(app.config.defaultLocale, 'dossier.linkGone'));
    this.teams = new TeamsModule({
      ...unsignedTeamsOptions(base),
      platform: 'playground',
      acceptsServiceUrl: (serviceUrl) => isOwnConnector(serviceUrl, port()),
      // No OneDrive here: the dossier is a download link on this machine instead.
      handOverFiles: () => (handover) => downloads.handOver(handover),
    });
    await this.teams.start(app);
    app.server.raw.once('listening', () => {
      const url = `${base()}/`;
      // As in Teams, the bot hears that it was added to the team, through its own endpoint.
      void installInTeam(url).catch((error: unknown) =>
        app.logger.error({ err: error }, 'playground install failed'),
      );
      app.logger.info({ url }, 'playground ready');
      process.stdout.write(`\nStappenplan playground: open ${url} in your browser\n\n`);
    });
  }

  async stop(): Promise<void> {
    await this.teams?.stop();
  }
}

async function installInTeam(url: string): Promise<void> {
  await fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'conversationUpdate',
      id: `install-${Date.now()}`,
      channelId: 'msteams',
      serviceUrl: `${url}${CONNECTOR_PREFIX.slice(1, -3)}`,
      from: { id: '29:playground-admin', name: 'Beheerder' },
      recipient: BOT,
      conversation: {
        id: PLAYGROUND_TEAM_ID,
        conversationType: 'channel',
        isGroup: true,
        tenantId: PLAYGROUND_TENANT,
      },
      membersAdded: [BOT],
      channelData: {
        eventType: 'teamMemberAdded',
        team: { id: PLAYGROUND_TEAM_ID, name: PLAYGROUND_TEAM_NAME, aadGroupId: PLAYGROUND_GROUP_ID },
        tenant: { id: PLAYGROUND_TENANT },
      },
    }),
  });
}
