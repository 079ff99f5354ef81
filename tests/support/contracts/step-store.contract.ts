import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Step } from '../../../src/core/incidents/incident.types.js';
import { at, auditRow, newWorkspace, stepRow, storedIncident } from './contract-rows.js';
import type { ContractStores } from './contract-targets.js';

/** Steps and what a batch of step actions writes with them. */
export function stepStoreCases(stores: () => ContractStores): void {
  const incidentWithSteps = async (steps: (incidentId: string) => Step[]) => {
    const { store } = stores();
    const incident = await storedIncident(store, (await newWorkspace(store)).id);
    const rows = steps(incident.id);
    await store.steps.insertAll(rows);
    return { store, incident, steps: rows };
  };

  it('lists the steps in playbook order and reads one back as written', async () => {
    const { store, incident, steps } = await incidentWithSteps((id) => [
      stepRow(id, 'tell-parents', { position: 3, phaseKey: 'victim' }),
      stepRow(id, 'secure-evidence', { position: 1 }),
      stepRow(id, 'inform-lead', { position: 2, status: 'not_applicable', naByCondition: true }),
    ]);
    expect((await store.steps.list(incident.id)).map((s) => s.key)).toEqual([
      'secure-evidence',
      'inform-lead',
      'tell-parents',
    ]);
    expect(await store.steps.get(incident.id, 'inform-lead')).toEqual(steps[2]);
    expect(await store.steps.get(incident.id, 'no-such-step')).toBeUndefined();
  });

  it('refuses a step key twice in one incident, and a claimed step without an owner', async () => {
    const { store, incident } = await incidentWithSteps((id) => [stepRow(id, 'secure-evidence')]);
    await expect(store.steps.insertAll([stepRow(incident.id, 'secure-evidence')])).rejects.toThrow();
    await expect(
      store.steps.insertAll([stepRow(incident.id, 'inform-lead', { status: 'claimed', ownerId: null })]),
    ).rejects.toThrow();
    const claimedByNobody = stepRow(incident.id, 'secure-evidence', { status: 'claimed', ownerId: null });
    await expect(store.steps.update(claimedByNobody)).rejects.toThrow();
    expect(await store.steps.list(incident.id)).toEqual([stepRow(incident.id, 'secure-evidence')]);
  });

  it('updates status, owner, assigner, due date, reason, completion and revision', async () => {
    const { store, incident, steps } = await incidentWithSteps((id) => [
      stepRow(id, 'secure-evidence'),
      stepRow(id, 'police-advice', { position: 2 }),
    ]);
    const [evidence, police] = steps as [Step, Step];
    const assigned = {
      ...evidence,
      status: 'claimed' as const,
      ownerId: 'U-BOB',
      assignedBy: 'U-ANNA',
      dueAt: at('2026-03-03T16:00:00Z'),
      updatedAt: at('2026-03-02T10:00:00Z'),
      revision: 1,
    };
    const notApplicable = {
      ...police,
      status: 'not_applicable' as const,
      naReason: 'Ouders willen geen aangifte',
      updatedAt: at('2026-03-02T10:00:00Z'),
      revision: 1,
    };
    await store.steps.update(assigned);
    await store.steps.updateMany([notApplicable]);
    expect(await store.steps.list(incident.id)).toEqual([assigned, notApplicable]);
    const done = {
      ...assigned,
      status: 'done' as const,
      completedAt: at('2026-03-03T09:00:00Z'),
      revision: 2,
    };
    await store.steps.update(done);
    expect(await store.steps.get(incident.id, 'secure-evidence')).toEqual(done);
  });

  it('keeps a step in its phase and place when it is updated', async () => {
    const { store, incident, steps } = await incidentWithSteps((id) => [stepRow(id, 'secure-evidence')]);
    const [step] = steps as [Step];
    await store.steps.update({ ...step, phaseKey: 'elsewhere', position: 9, status: 'done', revision: 1 });
    expect(await store.steps.get(incident.id, step.key)).toEqual({ ...step, status: 'done', revision: 1 });
  });

  it('never adds a step by updating one that is not stored', async () => {
    const { store, incident, steps } = await incidentWithSteps((id) => [stepRow(id, 'secure-evidence')]);
    const missing = stepRow(incident.id, 'not-in-playbook', { status: 'done' });
    await store.steps.update(missing);
    await store.steps.updateMany([missing, { ...(steps[0] as Step), status: 'done' }]);
    expect((await store.steps.list(incident.id)).map((s) => [s.key, s.status])).toEqual([
      ['secure-evidence', 'done'],
    ]);
  });

  it('reads the steps asked for in key order under a lock, leaving out unknown keys', async () => {
    const { store, incident } = await incidentWithSteps((id) => [
      stepRow(id, 'c-step', { position: 1 }),
      stepRow(id, 'a-step', { position: 2 }),
      stepRow(id, 'b-step', { position: 3 }),
    ]);
    const keys = await store.transaction(async (tx) => ({
      update: (await tx.steps.getMany(incident.id, ['c-step', 'a-step', 'zz'], 'update')).map((s) => s.key),
      share: (await tx.steps.getMany(incident.id, ['b-step', 'a-step'], 'share')).map((s) => s.key),
      none: await tx.steps.getMany(incident.id, []),
    }));
    expect(keys).toEqual({ update: ['a-step', 'c-step'], share: ['a-step', 'b-step'], none: [] });
  });

  it('lets one of two transactions that claim the same open step under a lock have it', async () => {
    const { store, incident } = await incidentWithSteps((id) => [stepRow(id, 'secure-evidence')]);
    const claim = (userId: string) =>
      store.transaction(async (tx) => {
        const step = await tx.steps.get(incident.id, 'secure-evidence', 'update');
        if (step?.status !== 'open') return false;
        await tx.steps.update({ ...step, status: 'claimed', ownerId: userId, revision: step.revision + 1 });
        return true;
      });
    const results = await Promise.all([claim('U-BOB'), claim('U-CARLA')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'U-BOB' : 'U-CARLA';
    expect(await store.steps.get(incident.id, 'secure-evidence')).toMatchObject({
      ownerId: winner,
      revision: 1,
    });
  });

  it('writes a batch at once: the steps, the audit entries in order, the new delivery ids', async () => {
    const { store, incident, steps } = await incidentWithSteps((id) => [
      stepRow(id, 'secure-evidence'),
      stepRow(id, 'inform-lead', { position: 2 }),
    ]);
    const scope = `slack.action.${randomUUID()}`;
    await store.requests.markProcessed('delivery-0', scope, 'earlier');
    const changed = steps.map((s) => ({ ...s, status: 'claimed' as const, ownerId: 'U-BOB', revision: 1 }));
    const audit = [
      auditRow(incident, 'step.claimed', '2026-03-02T10:00:00Z', { step: 'secure-evidence' }),
      auditRow(incident, 'step.claimed', '2026-03-02T09:59:00Z', { step: 'inform-lead' }),
    ];
    await store.steps.writeChanges({
      steps: changed,
      audit,
      requests: { scope, keys: ['delivery-0', 'delivery-1'] },
    });
    expect(await store.steps.list(incident.id)).toEqual(changed);
    expect((await store.audit.list(incident.id)).map(({ id: _, ...event }) => event)).toEqual(audit);
    expect(await store.requests.seen(['delivery-0', 'delivery-1', 'delivery-2'], scope)).toEqual(
      new Set(['delivery-0', 'delivery-1']),
    );
    expect(await store.requests.markProcessed('delivery-0', scope)).toEqual({ first: false, ref: 'earlier' });
    await store.steps.writeChanges({ steps: [], audit: [], requests: { scope, keys: [] } });
    expect(await store.audit.list(incident.id)).toHaveLength(2);
  });

  it('writes the audit entries of a batch but adds no step that is not stored', async () => {
    const { store, incident } = await incidentWithSteps((id) => [stepRow(id, 'secure-evidence')]);
    const missing = stepRow(incident.id, 'not-in-playbook', { status: 'done' });
    const audit = [auditRow(incident, 'step.done', '2026-03-02T10:00:00Z', { step: 'not-in-playbook' })];
    await store.steps.writeChanges({ steps: [missing], audit, requests: { scope: 'test', keys: [] } });
    expect((await store.steps.list(incident.id)).map((s) => s.key)).toEqual(['secure-evidence']);
    expect(await store.audit.list(incident.id)).toHaveLength(1);
  });
}
