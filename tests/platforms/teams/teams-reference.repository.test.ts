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
      expect(await repository.space(workspaceA, '19:c@thread.tacv2')).toEqual(space);
      expect(await repository.space(workspaceB, '19:c@thread.tacv2')).toBeUndefined();
    });
  });
});
