import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { TeamsReferenceRepository } from '../../../src/platforms/teams/storage/teams-reference.repository.js';
import { describeEachDatabase } from '../../support/databases.js';

describeEachDatabase('Teams references', (target) => {
  let handle: DatabaseHandle;
  let repository: TeamsReferenceRepository;
  let workspaceA: string;
  let workspaceB: string;

  beforeAll(async () => {
    handle = await target.open();
    repository = new TeamsReferenceRepository(handle.db);
    const insert = (external: string) =>
      handle.db
        .insertInto('workspace')
        .values({
          platform: 'teams',
          external_id: external,
          locale: 'nl',
          timezone: 'Europe/Amsterdam',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    workspaceA = (await insert('19:a@thread.tacv2')).id;
    workspaceB = (await insert('19:b@thread.tacv2')).id;
  });
  afterAll(async () => handle?.close());

  describe('teams', () => {
    it('keeps a known group id when a later message does not carry it', async () => {
      await repository.saveTeam({
        workspaceId: workspaceA,
        tenantId: 't1',
        teamId: '19:a@thread.tacv2',
        aadGroupId: 'g-a',
        serviceUrl: 'https://smba/emea/',
      });
      await repository.saveTeam({
        workspaceId: workspaceA,
        tenantId: 't1',
        teamId: '19:a@thread.tacv2',
        aadGroupId: null,
        serviceUrl: 'https://smba/amer/',
      });
      expect(await repository.team(workspaceA)).toEqual({
        workspaceId: workspaceA,
        tenantId: 't1',
        teamId: '19:a@thread.tacv2',
        aadGroupId: 'g-a',
        serviceUrl: 'https://smba/amer/',
      });
    });

    it("lists a tenant's teams, and only that tenant's", async () => {
      await repository.saveTeam({
        workspaceId: workspaceB,
        tenantId: 't2',
        teamId: '19:b@thread.tacv2',
        aadGroupId: 'g-b',
        serviceUrl: 'https://smba/',
      });
      expect((await repository.teamsOfTenant('t1')).map((team) => team.workspaceId)).toEqual([workspaceA]);
      expect(await repository.teamsOfTenant('t3')).toEqual([]);
    });
  });

  describe('incident channels', () => {
    it('remembers the conversation of a channel once, per workspace', async () => {
      const space = {
        workspaceId: workspaceA,
        spaceId: '19:c@thread.tacv2',
        conversationId: '19:c@thread.tacv2',
        serviceUrl: 'https://smba/',
        tenantId: 't1',
      };
      await repository.saveSpace(space);
      await repository.saveSpace({ ...space, serviceUrl: 'https://other/' });
      expect(await repository.space(workspaceA, '19:c@thread.tacv2')).toMatchObject({
        ...space,
        kind: 'channel',
      });
      expect(await repository.space(workspaceB, '19:c@thread.tacv2')).toBeUndefined();
    });

    it('finds a chat again by its name, and marks it ready and its lead reminded once', async () => {
      const made = new Date('2026-11-30T09:00:00Z');
      await repository.saveSpace({
        workspaceId: workspaceB,
        spaceId: '19:chat-9@thread.v2',
        conversationId: '19:chat-9@thread.v2',
        serviceUrl: 'https://smba/',
        tenantId: 't2',
        kind: 'chat',
        incidentId: 'incident-9',
        name: 'incident-2026-0009',
        webUrl: 'https://teams.microsoft.com/l/chat/9',
        appReadyAt: null,
      });
      const found = await repository.spaceNamed(workspaceB, 'incident-2026-0009');
      expect(found).toMatchObject({ kind: 'chat', incidentId: 'incident-9', appReadyAt: null });
      expect(await repository.spaceNamed(workspaceA, 'incident-2026-0009')).toBeUndefined();
      expect(await repository.spacesWithConversation('t2', '19:chat-9@thread.v2')).toHaveLength(1);
      // Another tenant naming the same conversation finds nothing.
      expect(await repository.spacesWithConversation('t1', '19:chat-9@thread.v2')).toEqual([]);

      const later = new Date(Date.now() + 60_000);
      expect((await repository.waitingForApp(later)).map((space) => space.spaceId)).toContain(
        '19:chat-9@thread.v2',
      );
      expect(await repository.markReminded(workspaceB, '19:chat-9@thread.v2', made)).toBe(true);
      expect(await repository.markReminded(workspaceB, '19:chat-9@thread.v2', made)).toBe(false);
      expect(await repository.markAppReady(workspaceB, '19:chat-9@thread.v2', made)).toBe(true);
      expect(await repository.markAppReady(workspaceB, '19:chat-9@thread.v2', made)).toBe(false);
      expect((await repository.space(workspaceB, '19:chat-9@thread.v2'))?.appReadyAt?.toISOString()).toBe(
        made.toISOString(),
      );
    });
  });
});
