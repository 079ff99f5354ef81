import { afterAll, beforeAll, expect, it } from 'vitest';
import { StepAlreadyClaimedError } from '../../src/core/errors/domain-error.js';
import { StepService } from '../../src/core/incidents/step.service.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture, UNKNOWN_FACTS } from '../support/db-fixture.js';

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
      const opened = await fx.open(
        { userId: lead as string },
        { title: 'Gelijktijdig oppakken', invited: others.map((userId) => ({ userId })) },
      );
      const incidentId = opened.id;

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
            facts: UNKNOWN_FACTS,
            invited: [],
          }),
        ),
      );
      const numbers = results.map((result) => result.value.number).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, index) => `2026-${String(index + 2).padStart(4, '0')}`),
      );
    });

    it('five app instances on one database, their batches overlapping: one owner and one audit entry per step', async () => {
      const instances = Array.from({ length: 5 }, () => new StepService(fx.services));
      const [lead, ...others] = MEMBERS;
      const opened = await fx.open(
        { userId: lead as string },
        { title: 'Vijf processen', invited: others.map((userId) => ({ userId })) },
      );
      const incidentId = opened.id;
      const open = (await fx.store.steps.list(incidentId)).filter((step) => step.status === 'open');
      // Everyone claims two steps, chosen so that the instances' batches overlap in opposite orders.
      const results = await Promise.allSettled(
        MEMBERS.flatMap((userId, index) => {
          const instance = instances[index % instances.length] as StepService;
          const a = open[index % 7]?.key as string;
          const b = open[6 - (index % 7)]?.key as string;
          return [a, b].map((stepKey) =>
            instance.act({ incidentId, stepKey, actor: { userId } }, { kind: 'claim' }),
          );
        }),
      );
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(StepAlreadyClaimedError);
      }
      const won = results.filter((result) => result.status === 'fulfilled' && result.value.changed);
      const claimed = open.slice(0, 7);
      expect(won).toHaveLength(claimed.length);
      const claims = (await fx.store.audit.list(incidentId)).filter(
        (event) => event.action === 'step.claimed',
      );
      expect(claims).toHaveLength(claimed.length);
      for (const step of claimed) {
        const stored = await fx.store.steps.get(incidentId, step.key);
        expect(stored).toMatchObject({ status: 'claimed', revision: 1 });
        expect(claims.filter((event) => event.details.step === step.key)).toEqual([
          expect.objectContaining({ actorId: stored?.ownerId }),
        ]);
      }
    });
  },
  { serverOnly: true },
);
