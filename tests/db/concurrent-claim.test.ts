import { afterAll, beforeAll, expect, it } from 'vitest';
import { StepAlreadyClaimedError } from '../../src/core/errors/domain-error.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture, unknownFacts } from '../support/db-fixture.js';

const MEMBERS = Array.from({ length: 50 }, (_, index) => `U${String(index + 1).padStart(2, '0')}`);

// PGlite has one connection, so a real race needs the server: each claim gets its own connection.
describeEachDatabase(
  '50 members claim the same step at the same moment',
  (target) => {
    let handle: DatabaseHandle;
    let fx: DbFixture;

    beforeAll(async () => {
      handle = await target.open({ poolMax: 50 });
      fx = await dbFixture(handle);
    });
    afterAll(async () => handle?.close());

    it('gives the step to exactly one; the other 49 are told who has it', async () => {
      const [lead, ...others] = MEMBERS;
      const opened = await fx.incidents.open({
        workspaceId: fx.workspaceId,
        actor: { userId: lead as string },
        title: 'Gelijktijdig oppakken',
        kind: 'nude_photo',
        facts: unknownFacts,
        invited: others.map((userId) => ({ userId })),
      });
      const incidentId = opened.value.id;

      const results = await Promise.allSettled(
        MEMBERS.map((userId) =>
          fx.steps.act({ incidentId, stepKey: 'scope-impact', actor: { userId } }, { kind: 'claim' }),
        ),
      );

      const winners = results.filter((result) => result.status === 'fulfilled');
      const losers = results.filter(
        (result): result is PromiseRejectedResult => result.status === 'rejected',
      );
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      const step = await fx.store.steps.get(incidentId, 'scope-impact');
      expect(step?.status).toBe('claimed');
      expect(step?.revision).toBe(1);
      for (const loser of losers) {
        expect(loser.reason).toBeInstanceOf(StepAlreadyClaimedError);
        expect((loser.reason as StepAlreadyClaimedError).ownerId).toBe(step?.ownerId);
      }
      const claims = (await fx.store.audit.list(incidentId)).filter(
        (event) => event.action === 'step.claimed',
      );
      expect(claims).toHaveLength(1);
      expect(claims[0]?.actorId).toBe(step?.ownerId);
    });

    it('numbers 20 incidents opened at once without a gap or a double', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          fx.incidents.open({
            workspaceId: fx.workspaceId,
            actor: { userId: `U${index}` },
            title: `Incident ${index}`,
            kind: 'other',
            facts: unknownFacts,
            invited: [],
          }),
        ),
      );
      const numbers = results.map((result) => result.value.number).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, index) => `2026-${String(index + 2).padStart(4, '0')}`),
      );
    });
  },
  { serverOnly: true },
);
