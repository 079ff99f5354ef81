import { App, type Logger as BoltLogger, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AppContext, AppModule } from '../../app-module.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import { httpFetch } from './api/http-fetch.js';
import { perMethodClient } from './api/per-method-client.js';
import { callSlack, SlackApiError } from './api/slack-api.js';
import { boltLogger } from './bolt-logger.js';
import { registerCardActions } from './handlers/card-action.handler.js';
import { registerDialogSubmissions } from './handlers/dialog-submission.handler.js';
import { registerFileShareWarning } from './handlers/file-share.handler.js';
import { registerFormRows } from './handlers/form-rows.handler.js';
import { registerIncidentCommand } from './handlers/incident-command.handler.js';
import { registerOpenIncident } from './handlers/open-incident.handler.js';
import { mountHttpReceiver } from './http.receiver.js';
import type { SlackConfig } from './slack.config.js';
import { SlackContext } from './slack.context.js';
import { SlackGateway } from './slack.gateway.js';
import { UserDirectory } from './user-directory.js';

export interface SlackModuleOptions {
  /** Web API retries on 5xx and network errors; tests make them fast. */
  retryConfig?: webApi.RetryOptions;
  /** Per-request time limit of Web API calls, in ms. */
  requestTimeoutMs?: number;
}

/** A few quick retries: a person is waiting, and the core keeps state safe when Slack fails. */
const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 4,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 4000,
  randomize: true,
};

/**
 * Slack as a chat platform: Bolt in Socket Mode (SLACK_APP_TOKEN) or HTTP mode on the shared
 * server (SLACK_SIGNING_SECRET), the handlers, and the gateway the core uses for channels.
 */
export class SlackModule implements AppModule {
  readonly name = 'slack';
  private bolt: App | null = null;
  private slack: SlackContext | null = null;
  private stopHttp: (() => void) | null = null;

  constructor(
    private readonly config: SlackConfig,
    private readonly options: SlackModuleOptions = {},
  ) {}

  async start(app: AppContext): Promise<void> {
    const logger = boltLogger(app.logger);
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl: this.config.apiUrl,
      retryConfig: this.options.retryConfig ?? DEFAULT_RETRY,
      timeout: this.options.requestTimeoutMs ?? 10_000,
      fetch: httpFetch as unknown as typeof fetch,
    };
    const receiver = this.receiver(app, logger);
    const bolt = new App({
      token: this.config.botToken,
      receiver,
      logger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
      socketMode: this.config.mode === 'socket',
    });
    const botUserId = await this.identify(bolt);
    await bolt.init();
    // The Web API client pauses every call it holds while it waits out one 429 (Slack's limits
    // are per method: https://docs.slack.dev/apis/web-api/rate-limits). Name lookups and the
    // timeline get clients of their own, so their limits never hold up cards and answers; dialogs
    // get one too, because their trigger_id is valid for 3 seconds only
    // (https://docs.slack.dev/reference/methods/views.open). Every other call goes through one
    // client per method, so each method waits out only its own limit.
    const ownClient = () => new webApi.WebClient(this.config.botToken, { ...clientOptions, logger });
    const directory = new UserDirectory(ownClient(), app.clock);
    const timelineClient = ownClient();
    const dialogClient = ownClient();
    const client = perMethodClient(ownClient);
    const gateways = new Map<string, SlackGateway>();
    // The caller of the factory has just read the workspace: its language may have changed since.
    const latest = new Map<string, Workspace>();
    const gatewayFor = (workspace: Workspace): SlackGateway => {
      latest.set(workspace.id, workspace);
      let gateway = gateways.get(workspace.id);
      if (!gateway) {
        gateway = new SlackGateway(
          client,
          { botUserId },
          {
            clock: app.clock,
            locale: () => latest.get(workspace.id)?.locale ?? workspace.locale,
            timelineClient,
          },
        );
        gateways.set(workspace.id, gateway);
      }
      return gateway;
    };
    app.registerGateway('slack', gatewayFor);
    const slack = new SlackContext(app, { main: client, dialogs: dialogClient }, directory, botUserId, {
      apiUrl: this.config.apiUrl,
      gateway: gatewayFor,
    });
    registerIncidentCommand(bolt, slack);
    registerCardActions(bolt, slack);
    registerOpenIncident(bolt, slack);
    registerDialogSubmissions(bolt, slack);
    registerFormRows(bolt, slack);
    registerFileShareWarning(bolt, slack);
    bolt.error(async (error) => {
      app.logger.error({ err: error, code: (error as { code?: string }).code }, 'slack handler failed');
    });
    this.bolt = bolt;
    this.slack = slack;
    if (this.config.mode === 'socket') await bolt.start();
    app.logger.info({ mode: this.config.mode }, 'slack connected');
  }

  async stop(): Promise<void> {
    this.slack?.stop();
    this.stopHttp?.();
    if (this.bolt && this.config.mode === 'socket') await this.bolt.stop().catch(() => undefined);
    this.bolt = null;
  }

  private receiver(app: AppContext, logger: BoltLogger): Receiver {
    if (this.config.mode === 'socket') {
      return new SocketModeReceiver({
        appToken: this.config.appToken ?? '',
        logger,
        installerOptions: { clientOptions: { slackApiUrl: this.config.apiUrl } },
      });
    }
    const mounted = mountHttpReceiver(app.server, { signingSecret: this.config.signingSecret ?? '', logger });
    this.stopHttp = mounted.stop;
    return mounted.receiver;
  }

  /** auth.test: a wrong or revoked token stops start-up with a line that says so. */
  private async identify(bolt: App): Promise<string> {
    try {
      const answer = await callSlack(bolt.client, 'auth.test', {});
      if (typeof answer.user_id !== 'string') throw new SlackApiError('auth.test', 'unexpected_response');
      return answer.user_id;
    } catch (error) {
      if (error instanceof SlackApiError) {
        throw new Error(
          `Slack refused SLACK_BOT_TOKEN (${error.code}); check the token of the installed app.`,
        );
      }
      throw new Error(`Slack could not be reached at ${this.config.apiUrl} (${(error as Error).message}).`);
    }
  }
}
