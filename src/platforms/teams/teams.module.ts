import type { AppContext, AppModule } from '../../app-module.js';
import type { Card } from '../../core/cards/card.types.js';
import { nameResolver } from '../../core/cards/card-context.js';
import type { Platform, Workspace } from '../../core/incidents/incident.types.js';
import { AskedOnce } from '../../core/privacy/privacy-check.js';
import type { RenderContext } from './cards/adaptive.types.js';
import { renderContextFor } from './cards/render-context.js';
import { ConnectorAccess } from './connector/connector.access.js';
import { TeamRoster } from './connector/team-roster.js';
import { TeamsGateway, type TeamsGatewayDeps } from './connector/teams.gateway.js';
import { offerInPersonalChat } from './files/file-consent.js';
import { FileOffers } from './files/file-offers.js';
import { GraphClient } from './graph/graph.client.js';
import { ClientCredentialTokens } from './graph/graph-token.js';
import { GroupChatSpaces } from './graph/group-chat.space.js';
import { PrivateChannelSpaces } from './graph/private-channel.space.js';
import { AskedQuestions } from './handlers/asked-questions.js';
import { MANIFEST_ID } from './package/manifest-id.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { addAppCard } from './spaces/add-app.card.js';
import { remindLeadsToAddApp } from './spaces/add-app.reminder.js';
import { TeamsSpaces } from './spaces/teams-spaces.js';
import { createTeamsAdapter } from './teams.adapter.js';
import { teamsBot } from './teams.bot.js';
import type { TeamsConfig } from './teams.config.js';
import { isLoopback } from './teams.config.js';
import type { TeamsDeps } from './teams.context.js';
import { messagesRoute } from './teams.http.js';

export interface TeamsModuleOptions {
  config: TeamsConfig;
  /** `playground` when the local stand-in plays Teams; its workspaces are kept apart. */
  platform?: Platform;
  retry?: RetryOptions;
  /** Graph's addresses when they are only known once the server listens (the playground). */
  graphUrls?: () => Pick<TeamsConfig, 'graphApiUrl' | 'graphTokenUrl'>;
  /** The only serviceUrls replies may go to (the playground: its own connector); any when not set. */
  acceptsServiceUrl?: (serviceUrl: unknown) => boolean;
  /** How files reach a person; Teams' file consent card in their personal chat when not set. */
  handOverFiles?: (app: AppContext) => TeamsGatewayDeps['handOverFiles'];
}

/** Microsoft Teams: messages at POST /api/messages, the incident space as a private channel. */
export class TeamsModule implements AppModule {
  readonly name: string;
  private timer: NodeJS.Timeout | null = null;
  private remind: (() => Promise<number>) | null = null;

  constructor(private readonly options: TeamsModuleOptions) {
    this.name = options.platform === 'playground' ? 'teams (playground)' : 'teams';
  }

  async start(app: AppContext): Promise<void> {
    const { config } = this.options;
    if (!config.appId && !isLoopback(app.config.host)) {
      // Without an app id botbuilder accepts anyone's requests: never on a reachable address.
      throw new Error('MicrosoftAppId is empty, which is only allowed for the playground on 127.0.0.1.');
    }
    const platform = this.options.platform ?? 'teams';
    const retry = this.options.retry ?? DEFAULT_RETRY;
    const references = app.stores.teams;
    const adapter = createTeamsAdapter(config);
    const connector = new ConnectorAccess(adapter, config.appId);
    const tokens = new ClientCredentialTokens({
      tokenUrl: this.options.graphUrls
        ? () => this.options.graphUrls?.().graphTokenUrl ?? ''
        : config.graphTokenUrl,
      clientId: config.appId,
      clientSecret: config.appPassword,
      fixedTenantId: config.appType === 'SingleTenant' ? config.appTenantId : null,
      retry,
    });
    const graph = new GraphClient({
      baseUrl: this.options.graphUrls
        ? () => this.options.graphUrls?.().graphApiUrl ?? ''
        : config.graphApiUrl,
      tokens,
      retry,
    });
    const chats = new GroupChatSpaces(graph);
    const channels = new PrivateChannelSpaces(graph);
    const roster = new TeamRoster(connector, references, app.clock);
    const renderContext = (workspace: Workspace, card: Card) =>
      cardRenderContext(app, workspace, card, roster);
    const deps: TeamsDeps = {
      app,
      platform,
      references,
      renderContext,
      privacy: new AskedOnce(app.clock),
      questions: new AskedQuestions(app.clock),
      offers: new FileOffers(app.clock),
    };
    const bot = { id: config.appId ? `28:${config.appId}` : 'stappenplan', name: 'Stappenplan' };
    const handOverFiles =
      this.options.handOverFiles?.(app) ??
      ((handover, team) => offerInPersonalChat({ connector, offers: deps.offers, bot }, team, handover));

    const gatewayFor = (workspace: Workspace): TeamsGateway => {
      const spaces: TeamsSpaces = new TeamsSpaces({
        workspace,
        references,
        chats,
        channels,
        strategy: config.space ?? 'chat',
        manifestId: config.manifestId ?? MANIFEST_ID,
        now: () => app.clock.now(),
        askLeadToAddApp: async (leadId, space, link) => {
          await gateway.sendDirect(leadId, addAppCard(space, link, workspace.locale));
        },
      });
      const gateway: TeamsGateway = new TeamsGateway({
        workspace,
        references,
        connector,
        spaces,
        bot,
        renderContext,
        handOverFiles,
        nameOf: async (ws, spaceId, userId) => {
          const incident = await app.incidents.findBySpace(ws.id, spaceId);
          const members = incident ? await app.incidents.members(incident.id) : [];
          return nameResolver(members)(userId);
        },
      });
      return gateway;
    };
    app.registerGateway(platform, gatewayFor);
    this.remind = () => remindLeadsToAddApp(app, references, gatewayFor);
    // Private channels waiting for the app: the lead is reminded once after ten minutes.
    this.timer = setInterval(() => {
      void this.remind?.().catch((error: unknown) =>
        app.logger.warn({ err: error }, 'add-app reminders failed'),
      );
    }, 60_000);
    this.timer.unref();
    app.server.route(
      'POST',
      '/api/messages',
      messagesRoute(
        adapter,
        teamsBot(deps, app.logger),
        app.logger,
        config.allowedTenants ?? null,
        this.options.acceptsServiceUrl,
      ),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends the due add-the-app reminders now; how many were sent. */
  remindNow(): Promise<number> {
    return this.remind ? this.remind() : Promise.resolve(0);
  }
}

/** The members and stored answers of the incident a card belongs to. */
async function cardRenderContext(
  app: AppContext,
  workspace: Workspace,
  card: Card,
  roster: TeamRoster,
): Promise<RenderContext> {
  // A card about no stored incident (a test message) has no inputs to fill.
  const view = await app.incidents.view(card.incidentId).catch(() => null);
  if (!view) return { locale: workspace.locale, members: [], forms: {} };
  const playbook = app.playbooks.get(view.incident.playbookKey, view.incident.playbookVersion);
  const context = renderContextFor(view, playbook, workspace.locale);
  // Teams' ids of the people some buttons are for, so they can get their own copy of the card.
  const limited = card.blocks.some(
    (block) => block.type === 'step' && [...block.actions, ...block.menu].some((action) => action.audience),
  );
  const teamsIds = limited ? await roster.teamsIds(workspace.id).catch(() => ({})) : undefined;
  const withIds = teamsIds ? { ...context, teamsIds } : context;
  // Colleagues to add, for a card with the overview's menu: the team's members not yet in it.
  if (!card.blocks.some((block) => block.type === 'menu')) return withIds;
  const inIncident = new Set(view.members.map((member) => member.userId));
  const team = await roster.colleagues(workspace.id).catch(() => []);
  return { ...withIds, colleagues: team.filter((person) => !inIncident.has(person.userId)) };
}
