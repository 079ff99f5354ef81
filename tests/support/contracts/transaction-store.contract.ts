import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { deferred } from '../core-fixture.js';
import { auditRow, incidentRow, newWorkspace, noteRow, stepRow, storedIncident } from './contract-rows.js';
import type { ContractStores } from './contract-targets.js';

/** Delivery ids, transactions and how an opening goes. */
export function transactionStoreCases(stores: () => ContractStores): void {
  it('reports the second record of a delivery id as seen, with the ref of the first', async () => {
    const { store } = stores();
    const scope = `teams.invoke.${randomUUID()}`;
    expect(await store.requests.markProcessed('d-1', scope, 'incident-1')).toEqual({
      first: true,
      ref: 'incident-1',
    });
    expect(await store.requests.markProcessed('d-1', scope, 'incident-2')).toEqual({
      first: false,
      ref: 'incident-1',
    });
    expect(await store.requests.markProcessed('d-2', scope)).toEqual({ first: true, ref: null });
    expect(await store.requests.markProcessed('d-2', scope, 'late')).toEqual({ first: false, ref: null });
    expect(await store.requests.markProcessed('d-1', `${scope}.other`)).toEqual({ first: true, ref: null });
    expect(await store.requests.seen(['d-1', 'd-3', 'd-2'], scope)).toEqual(new Set(['d-1', 'd-2']));
    expect(await store.requests.seen([], scope)).toEqual(new Set());
  });

  it('gives the first of two deliveries of one id recorded at the same time the change', async () => {
    const { store } = stores();
    const scope = `slack.events.${randomUUID()}`;
    const outcomes = await Promise.all(
      ['a', 'b', 'c'].map((ref) => store.transaction((tx) => tx.requests.markProcessed('retry', scope, ref))),
    );
    expect(outcomes.filter((o) => o.first)).toHaveLength(1);
    const firstRef = outcomes.find((o) => o.first)?.ref;
    expect(outcomes.filter((o) => !o.first)).toEqual([
      { first: false, ref: firstRef },
      { first: false, ref: firstRef },
    ]);
  });

  it('returns what the transaction returned and keeps its writes', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const incident = incidentRow(ws.id);
    const result = await store.transaction(async (tx) => {
      await tx.incidents.insert(incident);
      await tx.steps.insertAll([stepRow(incident.id, 'secure-evidence')]);
      return { opened: incident.id };
    });
    expect(result).toEqual({ opened: incident.id });
    expect(await store.incidents.get(incident.id)).toEqual(incident);
    expect(await store.steps.list(incident.id)).toHaveLength(1);
    expect(await store.ping()).toBe(true);
  });

  it('leaves no mark of a failed transaction: its rows and delivery id are gone, its error comes through', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const incident = incidentRow(ws.id);
    const scope = `slack.view.${randomUUID()}`;
    const failure = new Error('space could not be made');
    const attempt = store.transaction(async (tx) => {
      expect((await tx.requests.markProcessed('view-1', scope, incident.id)).first).toBe(true);
      await tx.incidents.insert(incident);
      await tx.steps.insertAll([stepRow(incident.id, 'secure-evidence')]);
      await tx.audit.append(auditRow(incident, 'incident.opened', '2026-03-02T08:30:00Z'));
      throw failure;
    });
    await expect(attempt).rejects.toBe(failure);
    expect(await store.incidents.get(incident.id)).toBeUndefined();
    expect(await store.steps.list(incident.id)).toEqual([]);
    expect(await store.audit.list(incident.id)).toEqual([]);
    expect(await store.requests.seen(['view-1'], scope)).toEqual(new Set());
    expect(await store.requests.markProcessed('view-1', scope)).toEqual({ first: true, ref: null });
  });

  it('keeps a write made outside a transaction while a transaction that fails is running', async () => {
    const { store } = stores();
    const incident = await storedIncident(store, (await newWorkspace(store)).id);
    const inside = noteRow(incident.id, 'In de transactie', '2026-03-02T09:00:00Z');
    const outside = noteRow(incident.id, 'Ernaast', '2026-03-02T09:01:00Z');
    const written = deferred();
    const gate = deferred();
    const failing = store.transaction(async (tx) => {
      await tx.notes.add(inside);
      written.resolve();
      await gate.promise;
      throw new Error('rolled back');
    });
    await written.promise;
    // Not awaited yet: on the embedded database it waits for the transaction's connection.
    const beside = store.notes.add(outside);
    gate.resolve();
    await expect(failing).rejects.toThrow('rolled back');
    await beside;
    expect(await store.notes.list(incident.id, 10)).toEqual([outside]);
  });

  it('remembers how an opening goes: the notice, the last problem, and no problem once it is cleared', async () => {
    const { store } = stores();
    const incident = await storedIncident(store, (await newWorkspace(store)).id, { status: 'opening' });
    expect(await store.openings.get(incident.id)).toBeUndefined();
    await store.openings.saveProblem(incident.id, { code: 'missing_scope', detail: 'channels:manage' });
    await store.openings.saveNotice(incident.id, 'notice-1');
    expect(await store.openings.get(incident.id)).toEqual({
      incidentId: incident.id,
      noticeRef: 'notice-1',
      problem: { code: 'missing_scope', detail: 'channels:manage' },
    });
    await store.openings.saveNotice(incident.id, 'notice-2');
    await store.openings.saveProblem(incident.id, { code: 'timeout', detail: null });
    expect(await store.openings.get(incident.id)).toMatchObject({
      noticeRef: 'notice-2',
      problem: { code: 'timeout', detail: null },
    });
    await store.openings.saveProblem(incident.id, null);
    expect(await store.openings.get(incident.id)).toEqual({
      incidentId: incident.id,
      noticeRef: 'notice-2',
      problem: null,
    });
  });
}
