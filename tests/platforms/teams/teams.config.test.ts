import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-module.js';
import { ConfigError, loadConfig } from '../../../src/config/config.js';
import { selectModules } from '../../../src/modules.js';
import { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';
import { SlackModule } from '../../../src/platforms/slack/slack.module.js';
import { isLoopback, loadTeamsConfig } from '../../../src/platforms/teams/teams.config.js';
import { TeamsModule } from '../../../src/platforms/teams/teams.module.js';

const APP_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected a ConfigError');
}

describe('Teams configuration', () => {
  it("uses botbuilder's names, with Graph's addresses overridable", () => {
    expect(
      loadTeamsConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'tenant-1',
        GRAPH_API_URL: 'http://127.0.0.1:9999/graph/',
        GRAPH_TOKEN_URL: 'http://127.0.0.1:9999/token/{tenant}',
      }),
    ).toEqual({
      appId: APP_ID,
      appPassword: 'secret',
      appType: 'SingleTenant',
      appTenantId: 'tenant-1',
      graphApiUrl: 'http://127.0.0.1:9999/graph',
      graphTokenUrl: 'http://127.0.0.1:9999/token/{tenant}',
    });
    expect(loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' })).toMatchObject({
      appType: 'MultiTenant',
      graphApiUrl: 'https://graph.microsoft.com/v1.0',
      graphTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
    });
    expect(loadTeamsConfig({})).toBeNull();
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

describe('which chat platform runs', () => {
  // The scheduler runs in every process; these tests are about the chat platforms.
  const select = (env: Record<string, string>) =>
    selectModules(env, loadConfig(env)).filter((m) => m.name !== 'scheduler');

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
