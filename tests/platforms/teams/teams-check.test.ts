import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { NEEDED_PERMISSIONS } from '../../../src/platforms/teams/check/teams-permissions.js';
import { ALL_ROLES } from './support/fake-graph.js';
import { FakeMicrosoft } from './support/fake-microsoft.js';
import { ANNA } from './support/teams-people.support.js';

const TENANT_ID = '7c1e9a3b-4d2f-4a8e-b6c0-5e9d1f2a3b4c';
const APP_ID = '11111111-2222-4333-8444-555555555555';

/** `npm run teams:check` as the IT person runs it, with the bot's settings in the environment. */
function runCheck(microsoft: FakeMicrosoft, env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/platforms/teams/check/teams-check.cli.ts'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'secret',
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: TENANT_ID,
          GRAPH_API_URL: `${microsoft.url}/graph`,
          GRAPH_TOKEN_URL: `${microsoft.url}/token/{tenant}`,
          ...env,
        },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (out += String(chunk)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run teams:check', () => {
  let microsoft: FakeMicrosoft | null = null;
  afterEach(async () => {
    await microsoft?.stop();
  });

  it('says everything is in place when every permission is granted and the app is uploaded', async () => {
    microsoft = new FakeMicrosoft([ANNA], { jwtTokens: true });
    await microsoft.start();
    const { code, out } = await runCheck(microsoft, {});
    expect(code).toBe(0);
    for (const needed of NEEDED_PERMISSIONS.chat) expect(out).toContain(`✓ ${needed.role}`);
    expect(out).toContain("is in the tenant's app catalogue");
    expect(out).not.toContain('secret');
  }, 30_000);

  it('names each missing permission of the chosen strategy and the missing app, and exits 1', async () => {
    microsoft = new FakeMicrosoft([ANNA], {
      jwtTokens: true,
      roles: ALL_ROLES.filter((role) => role !== 'ChannelMember.ReadWrite.All'),
      catalogued: null,
    });
    await microsoft.start();
    const { code, out } = await runCheck(microsoft, { TEAMS_SPACE: 'channel' });
    expect(code).toBe(1);
    expect(out).toContain('✗ ChannelMember.ReadWrite.All (missing)');
    expect(out).toContain('✓ Channel.Create');
    expect(out).toContain("is not in the tenant's app catalogue");
  }, 30_000);

  it('stops with one line without the bot’s settings', async () => {
    microsoft = new FakeMicrosoft([ANNA]);
    await microsoft.start();
    const { code, out } = await runCheck(microsoft, { MicrosoftAppId: '' });
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('MicrosoftAppId');
  }, 30_000);
});
