import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-module.js';
import { loadConfig } from '../../../src/config/config.js';
import { selectModules } from '../../../src/modules.js';
import { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';
import { SlackModule } from '../../../src/platforms/slack/slack.module.js';
import { BOT_AUTH_URL_SETTINGS } from '../../../src/platforms/teams/sign-in.config.js';
import { isLoopback, loadTeamsConfig } from '../../../src/platforms/teams/teams.config.js';
import { TeamsModule } from '../../../src/platforms/teams/teams.module.js';
import { configProblem } from '../../support/config-problem.js';

const APP_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const TENANT_ID = '7c1e9a3b-4d2f-4a8e-b6c0-5e9d1f2a3b4c';
const OTHER_TENANT_ID = 'e2d4f6a8-1b3c-4d5e-8f7a-9b0c1d2e3f4a';

const problem = (load: () => unknown) => configProblem(load, { oneLine: true });

describe('Teams configuration', () => {
  it("uses botbuilder's names, with Graph's addresses overridable", () => {
    expect(
      loadTeamsConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT_ID,
        GRAPH_API_URL: 'http://127.0.0.1:9999/graph/',
        GRAPH_TOKEN_URL: 'http://127.0.0.1:9999/token/{tenant}',
      }),
    ).toEqual({
      appId: APP_ID,
      appPassword: 'secret',
      appType: 'SingleTenant',
      appTenantId: TENANT_ID,
      graphApiUrl: 'http://127.0.0.1:9999/graph',
      graphTokenUrl: 'http://127.0.0.1:9999/token/{tenant}',
      botAuthentication: {},
      allowedTenants: [TENANT_ID],
      // A group chat per incident unless TEAMS_SPACE says channel; the committed manifest's id.
      space: 'chat',
      manifestId: '6f1c8d2e-4b7a-4e59-9c3d-2a8e5b1f7c40',
    });
    expect(loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' })).toMatchObject({
      appType: 'MultiTenant',
      graphApiUrl: 'https://graph.microsoft.com/v1.0',
      graphTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
      // Nothing set: botbuilder's own public-cloud defaults, and every tenant may use the bot.
      botAuthentication: {},
      allowedTenants: null,
    });
    expect(loadTeamsConfig({})).toBeNull();
  });

  it('chooses the incident space with TEAMS_SPACE and refuses anything else', () => {
    const base = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' };
    expect(loadTeamsConfig({ ...base, TEAMS_SPACE: 'channel' })).toMatchObject({ space: 'channel' });
    expect(problem(() => loadTeamsConfig({ ...base, TEAMS_SPACE: 'kanaal' }))).toContain('TEAMS_SPACE');
    expect(problem(() => loadTeamsConfig({ ...base, TEAMS_APP_ID: 'stappenplan' }))).toContain(
      'TEAMS_APP_ID',
    );
  });

  it('stops with one line that names the variable', () => {
    expect(problem(() => loadTeamsConfig({ MicrosoftAppId: APP_ID }))).toBe(
      'Configuration error: MicrosoftAppPassword must be set when MicrosoftAppId is set.',
    );
    expect(problem(() => loadTeamsConfig({ MicrosoftAppPassword: 'x' }))).toContain(
      'MicrosoftAppId must be set',
    );
    expect(problem(() => loadTeamsConfig({ MicrosoftAppId: 'bot', MicrosoftAppPassword: 'x' }))).toContain(
      'GUID',
    );
    expect(
      problem(() =>
        loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'Other' }),
      ),
    ).toContain('MicrosoftAppType must be one of MultiTenant, SingleTenant');
    expect(
      problem(() =>
        loadTeamsConfig({
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'x',
          MicrosoftAppType: 'SingleTenant',
        }),
      ),
    ).toContain('MicrosoftAppTenantId must be set');
    expect(
      problem(() =>
        loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', GRAPH_API_URL: 'ftp://x' }),
      ),
    ).toContain('GRAPH_API_URL must be an http(s) URL');
  });
});

describe("Teams configuration: botbuilder's sign-in settings and the tenant allow-list", () => {
  const BASE = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' };
  const load = (env: Record<string, string>) => loadTeamsConfig({ ...BASE, ...env });

  it("passes each of botbuilder's settings through under botbuilder's own name", () => {
    const urls = Object.fromEntries(
      BOT_AUTH_URL_SETTINGS.map((name) => [name, `https://login.cloud.example/${name.toLowerCase()}`]),
    );
    expect(
      load({ ...urls, ValidateAuthority: 'False', CallerId: 'urn:botframework:example' })?.botAuthentication,
    ).toEqual({
      ...urls,
      ValidateAuthority: false,
      CallerId: 'urn:botframework:example',
    });
    expect(BOT_AUTH_URL_SETTINGS).toEqual([
      'ToBotFromChannelOpenIdMetadataUrl',
      'ToBotFromChannelTokenIssuer',
      'ToBotFromEmulatorOpenIdMetadataUrl',
      'ToChannelFromBotLoginUrl',
      'ToChannelFromBotOAuthScope',
      'OAuthUrl',
      'ChannelService',
    ]);
    expect(load({ ValidateAuthority: 'true' })?.botAuthentication).toEqual({ ValidateAuthority: true });
    expect(load({ ChannelService: 'https://botframework.azure.us' })?.botAuthentication).toEqual({
      ChannelService: 'https://botframework.azure.us',
    });
  });

  it('reads the older names botbuilder still reads, and refuses two different values', () => {
    expect(
      load({ BotOpenIdMetadata: 'https://a.example/oidc', OAuthApiEndpoint: 'https://a.example/oauth' })
        ?.botAuthentication,
    ).toEqual({
      ToBotFromChannelOpenIdMetadataUrl: 'https://a.example/oidc',
      OAuthUrl: 'https://a.example/oauth',
    });
    expect(
      problem(() => load({ OAuthUrl: 'https://a.example/1', OAuthApiEndpoint: 'https://a.example/2' })),
    ).toBe('Configuration error: OAuthApiEndpoint is an older name for OAuthUrl; set only OAuthUrl.');
  });

  it('stops with one line for a setting that is not an https URL, true/false or a URN', () => {
    for (const name of [...BOT_AUTH_URL_SETTINGS, 'BotOpenIdMetadata', 'OAuthApiEndpoint']) {
      for (const bad of ['http://login.example/x', 'login.example', 'https://']) {
        expect(problem(() => load({ [name]: bad }))).toBe(
          `Configuration error: ${name} must be an https URL (got "${bad}").`,
        );
      }
    }
    expect(problem(() => load({ ValidateAuthority: 'yes' }))).toBe(
      'Configuration error: ValidateAuthority must be true or false (got "yes").',
    );
    expect(problem(() => load({ CallerId: 'azure' }))).toContain('CallerId must be a URN');
    expect(problem(() => load({ ChannelService: 'https://botframework.example' }))).toContain(
      'ChannelService must be https://botframework.azure.us or empty',
    );
    // With the endpoints given, botbuilder does not look at ChannelService to pick a cloud.
    expect(
      load({
        ChannelService: 'https://botframework.example',
        ToChannelFromBotLoginUrl: 'https://login.example/t',
      }),
    ).not.toBeNull();
  });

  it('allows only MicrosoftAppTenantId, or the tenants in TEAMS_ALLOWED_TENANTS', () => {
    expect(load({ MicrosoftAppTenantId: TENANT_ID.toUpperCase() })?.allowedTenants).toEqual([TENANT_ID]);
    expect(
      load({ TEAMS_ALLOWED_TENANTS: ` ${OTHER_TENANT_ID.toUpperCase()} , ${TENANT_ID},${OTHER_TENANT_ID}` })
        ?.allowedTenants,
    ).toEqual([OTHER_TENANT_ID, TENANT_ID]);
    // The list, when given, is the whole list.
    expect(
      load({ MicrosoftAppTenantId: TENANT_ID, TEAMS_ALLOWED_TENANTS: OTHER_TENANT_ID })?.allowedTenants,
    ).toEqual([OTHER_TENANT_ID]);
  });

  it('stops with one line for a tenant that is not a GUID', () => {
    expect(problem(() => load({ TEAMS_ALLOWED_TENANTS: `${TENANT_ID},school.onmicrosoft.com` }))).toBe(
      'Configuration error: TEAMS_ALLOWED_TENANTS must be Entra tenant ids (GUIDs) separated by commas (got "school.onmicrosoft.com").',
    );
    expect(problem(() => load({ TEAMS_ALLOWED_TENANTS: ' , ' }))).toContain('TEAMS_ALLOWED_TENANTS must be');
    expect(problem(() => load({ MicrosoftAppTenantId: 'school.onmicrosoft.com' }))).toBe(
      'Configuration error: MicrosoftAppTenantId must be the Entra tenant id, a GUID (got "school.onmicrosoft.com").',
    );
  });
});

describe('which chat platform runs', () => {
  // The scheduler and the dossier run in every process; these tests are about the chat platforms.
  const select = (env: Record<string, string>) =>
    selectModules(env, loadConfig(env)).filter((m) => m.name !== 'scheduler' && m.name !== 'dossier');

  it('Teams when MicrosoftAppId is set, on any address', () => {
    const modules = select({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', HOST: '0.0.0.0' });
    expect(modules.map((m) => m.constructor)).toEqual([TeamsModule]);
  });

  it('the playground when no platform has credentials, on this machine only', () => {
    expect(select({}).map((m) => m.constructor)).toEqual([PlaygroundModule]);
    expect(select({ HOST: 'localhost' }).map((m) => m.constructor)).toEqual([PlaygroundModule]);
    expect(problem(() => select({ HOST: '0.0.0.0' }))).toMatch(
      /^Configuration error: HOST must be 127\.0\.0\.1/,
    );
  });

  it('refuses to start the playground with DATABASE_URL: a demo never touches a school’s real data', () => {
    const env = { DATABASE_URL: 'postgres://stappenplan@127.0.0.1:5432/stappenplan' };
    expect(problem(() => select(env))).toMatch(
      /^Configuration error: DATABASE_URL must be empty for the playground: a demo must never touch a school's real data\./,
    );
    expect(problem(() => select(env))).not.toContain('\n');
    expect(
      select({ ...env, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' }).some(
        (m) => m instanceof PlaygroundModule,
      ),
    ).toBe(false);
  });

  it('not the playground when Slack has credentials', () => {
    expect(
      select({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', HOST: '0.0.0.0' }).some(
        (m) => m instanceof PlaygroundModule,
      ),
    ).toBe(false);
  });

  it('Slack and Teams side by side when both have credentials', () => {
    const modules = select({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'x',
      HOST: '0.0.0.0',
    });
    expect(modules.map((m) => m.constructor)).toEqual([SlackModule, TeamsModule]);
  });

  it('a Teams module without an app id refuses to start on a reachable address', async () => {
    const module = new TeamsModule({
      config: {
        appId: '',
        appPassword: '',
        appTenantId: null,
        appType: 'MultiTenant',
        graphApiUrl: '',
        graphTokenUrl: '',
      },
    });
    const app = { config: loadConfig({ HOST: '0.0.0.0' }) } as unknown as AppContext;
    await expect(module.start(app)).rejects.toThrow('only allowed for the playground on 127.0.0.1');
    await expect(new PlaygroundModule().start(app)).rejects.toThrow('only runs on 127.0.0.1');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '192.168.1.2', '::'].some(isLoopback)).toBe(false);
  });
});
