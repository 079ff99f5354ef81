import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../../src/platforms/teams/graph/graph.client.js';
import { ClientCredentialTokens } from '../../../src/platforms/teams/graph/graph-token.js';
import { GroupChatSpaces } from '../../../src/platforms/teams/graph/group-chat.space.js';
import { PrivateChannelSpaces } from '../../../src/platforms/teams/graph/private-channel.space.js';
import { ALL_ROLES } from './support/fake-graph.js';
import { FakeMicrosoft, GROUP_ID, TENANT } from './support/fake-microsoft.js';
import { ANNA, BAS } from './support/teams-people.support.js';

const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

async function graphFor(roles: readonly string[]) {
  const microsoft = new FakeMicrosoft([ANNA, BAS], { roles, jwtTokens: true });
  await microsoft.start();
  const tokens = new ClientCredentialTokens({
    tokenUrl: `${microsoft.url}/token/{tenant}`,
    clientId: 'app',
    clientSecret: 'secret',
    fixedTenantId: null,
    retry: NO_RETRY,
  });
  const graph = new GraphClient({ baseUrl: `${microsoft.url}/graph`, tokens, retry: NO_RETRY });
  return { microsoft, chats: new GroupChatSpaces(graph), channels: new PrivateChannelSpaces(graph) };
}

describe('the fake Graph refuses what Graph refuses, and the bot names the missing permission', () => {
  let microsoft: FakeMicrosoft | null = null;
  afterEach(async () => {
    await microsoft?.stop();
  });

  it('a private channel’s members need ChannelMember.ReadWrite.All; the team-level RSC is not enough', async () => {
    const setup = await graphFor(ALL_ROLES.filter((role) => role !== 'ChannelMember.ReadWrite.All'));
    microsoft = setup.microsoft;
    const channel = await setup.channels.ensure({
      tenantId: TENANT,
      groupId: GROUP_ID,
      name: 'incident-2026-0001',
      members: [{ userId: ANNA.aad, owner: true }],
    });
    const refused = await setup.channels
      .addMembers(TENANT, GROUP_ID, channel.id, [BAS.aad])
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 403,
      code: 'missing_permission',
      detail: 'ChannelMember.ReadWrite.All',
    });
    expect(microsoft.calls.at(-1)?.path).toContain('/members');
  });

  it('making a chat needs Chat.Create, installing the app its own permission', async () => {
    const setup = await graphFor(
      ALL_ROLES.filter((role) => role !== 'TeamsAppInstallation.ReadWriteSelfForChat.All'),
    );
    microsoft = setup.microsoft;
    const chat = await setup.chats.create({
      tenantId: TENANT,
      topic: 'Incident 2026-0001',
      memberIds: [ANNA.aad],
    });
    const catalogId = await setup.chats.catalogAppId(TENANT, '6f1c8d2e-4b7a-4e59-9c3d-2a8e5b1f7c40');
    const refused = await setup.chats.installApp(TENANT, chat.id, catalogId).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'missing_permission',
      detail: 'TeamsAppInstallation.ReadWriteSelfForChat.All',
    });

    const without = await graphFor([]);
    const second = without.chats
      .create({ tenantId: TENANT, topic: 'Incident 2026-0002', memberIds: [ANNA.aad] })
      .catch((error: unknown) => error);
    expect(await second).toMatchObject({ code: 'missing_permission', detail: 'Chat.Create' });
    await without.microsoft.stop();
  });
});
