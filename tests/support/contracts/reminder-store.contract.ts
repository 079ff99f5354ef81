import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/incidents/incident.types.js';
import type { ReminderState, WantedReminder } from '../../../src/features/reminders/reminder.types.js';
import { at, memberRow, newWorkspace, stepRow, storedIncident } from './contract-rows.js';
import { type ContractStores, describeContract } from './contract-targets.js';

const NOW = at('2026-03-10T09:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;

function want(key: string, dueAt: string, fields: Partial<WantedReminder> = {}): WantedReminder {
  return {
    kind: 'aftercare',
    key,
    stepKey: null,
    ref: null,
    targetId: 'U-BOB',
    about: 'victim',
    dueAt: at(dueAt),
    ...fields,
  };
}

/** The reminder schedule port: the same cases in memory, on PGlite and on the PostgreSQL server. */
export function reminderStoreContract(): void {
  describeContract('the reminder store contract', reminderCases);
}

function reminderCases(stores: () => ContractStores): void {
  const made: string[] = [];
  const newIncident = async (fields: Partial<Incident> = {}) => {
    const { store } = stores();
    const incident = await storedIncident(store, (await newWorkspace(store)).id, fields);
    made.push(incident.id);
    return incident;
  };
  /** An incident whose schedule holds these reminders, ids in the order given. */
  const scheduled = async (...wanted: WantedReminder[]) => {
    const { reminders } = stores();
    const incident = await newIncident();
    await reminders.sync(incident.id, () => wanted, NOW);
    const rows = await reminders.listForIncident(incident.id);
    return { incident, ids: wanted.map((w) => rows.find((row) => row.key === w.key)?.id as string) };
  };
  const claim = (owner: string, limit = 10, now = NOW, leaseUntil = later(5 * MINUTE)) =>
    stores().reminders.claimDue({ now, owner, leaseUntil, limit });

  // The claim reads every incident's reminders: each case leaves nothing due or in flight behind.
  afterEach(async () => {
    const { reminders } = stores();
    for (const incidentId of made.splice(0)) {
      for (const row of await reminders.listForIncident(incidentId)) {
        if (row.status === 'sending') await reminders.markSent(row.id, row.leaseOwner as string, NOW);
        if (row.status === 'pending') await reminders.stop(row.id, NOW);
      }
    }
  });

  it('inserts what the plan asks for once; a key that exists is never inserted again', async () => {
    const { reminders } = stores();
    const incident = await newIncident();
    const plan = [want('a', '2026-03-20T07:00:00Z'), want('n', '2026-03-10T11:00:00Z', { kind: 'nudge' })];
    expect(await reminders.sync(incident.id, () => [...plan, plan[0] as WantedReminder], NOW)).toMatchObject({
      inserted: 2,
      cancelled: 0,
    });
    expect(await reminders.sync(incident.id, () => plan, NOW)).toEqual({
      inserted: 0,
      cancelled: 0,
      kinds: [],
    });
    const rows = await reminders.listForIncident(incident.id);
    expect(rows.map((r) => [r.key, r.kind, r.status, r.attempts, r.workspaceId])).toEqual([
      ['n', 'nudge', 'pending', 0, incident.workspaceId],
      ['a', 'aftercare', 'pending', 0, incident.workspaceId],
    ]);
    expect(rows[1]).toMatchObject({
      ...plan[0],
      incidentId: incident.id,
      outcome: null,
      sentAt: null,
      createdAt: NOW,
    });
  });

  it('cancels pending reminders no longer wanted, and never brings their key back', async () => {
    const { reminders } = stores();
    const incident = await newIncident();
    const [a, b, c] = [
      want('a', '2026-03-20T07:00:00Z'),
      want('b', '2026-03-21T07:00:00Z'),
      want('c', '2026-03-22T07:00:00Z', { kind: 'rest_end' }),
    ];
    await reminders.sync(incident.id, () => [a, b, c], NOW);
    const outcome = await reminders.sync(incident.id, () => [a], later(MINUTE));
    expect({ ...outcome, kinds: outcome.kinds.sort() }).toEqual({
      inserted: 0,
      cancelled: 2,
      kinds: ['aftercare', 'rest_end'],
    });
    expect(await reminders.sync(incident.id, () => [a, b, c], later(2 * MINUTE))).toEqual({
      inserted: 0,
      cancelled: 0,
      kinds: [],
    });
    const rows = await reminders.listForIncident(incident.id);
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['a', 'pending'],
      ['b', 'cancelled'],
      ['c', 'cancelled'],
    ]);
    expect(rows[1]?.updatedAt).toEqual(later(MINUTE));
  });

  it('leaves a reminder that was sent as it is when it is no longer wanted', async () => {
    const { reminders } = stores();
    const { incident, ids } = await scheduled(
      want('sent', '2026-03-09T07:00:00Z'),
      want('later', '2026-04-01T07:00:00Z'),
    );
    await claim('A');
    expect(await reminders.markSent(ids[0] as string, 'A', NOW)).toBe(true);
    expect(await reminders.sync(incident.id, () => [], NOW)).toEqual({
      inserted: 0,
      cancelled: 1,
      kinds: ['aftercare'],
    });
    expect((await reminders.listForIncident(incident.id)).map((r) => r.status)).toEqual([
      'sent',
      'cancelled',
    ]);
  });

  it('plans from the stored state of the incident, which loadState reads the same', async () => {
    const { store, reminders } = stores();
    const incident = await newIncident();
    await store.members.add([memberRow(incident.id, 'U-ANNA'), memberRow(incident.id, 'U-BOB')]);
    await store.steps.insertAll([stepRow(incident.id, 'secure-evidence')]);
    await reminders.sync(incident.id, () => [want('a', '2026-03-20T07:00:00Z')], NOW);
    const seen: ReminderState[] = [];
    await reminders.sync(
      incident.id,
      (state) => (seen.push(state), [want('a', '2026-03-20T07:00:00Z')]),
      NOW,
    );
    const [state] = seen;
    expect(state?.incident).toEqual(incident);
    expect(state?.workspace.id).toBe(incident.workspaceId);
    expect(state?.members.map((m) => m.userId)).toEqual(['U-ANNA', 'U-BOB']);
    expect(state?.steps.map((s) => s.key)).toEqual(['secure-evidence']);
    expect(state?.forms).toEqual([]);
    expect(state?.reminders.map((r) => r.key)).toEqual(['a']);
    expect(await reminders.loadState(incident.id)).toEqual(state);
    const unknown = randomUUID();
    expect(await reminders.sync(unknown, () => [want('x', '2026-03-20T07:00:00Z')], NOW)).toEqual({
      inserted: 0,
      cancelled: 0,
      kinds: [],
    });
    expect(await reminders.loadState(unknown)).toBeUndefined();
  });

  it('inserts each key once when one incident is synced several times at once', async () => {
    const { reminders } = stores();
    const incident = await newIncident();
    const plan = () => [want('a', '2026-03-20T07:00:00Z'), want('b', '2026-03-21T07:00:00Z')];
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => reminders.sync(incident.id, plan, NOW)),
    );
    expect(outcomes.reduce((sum, o) => sum + o.inserted, 0)).toBe(2);
    expect(await reminders.listForIncident(incident.id)).toHaveLength(2);
  });

  it('finds a reminder by id; an unknown or malformed id finds nothing', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('a', '2026-03-20T07:00:00Z'));
    expect((await reminders.get(ids[0] as string))?.key).toBe('a');
    expect(await reminders.get(randomUUID())).toBeUndefined();
    expect(await reminders.get('not-a-uuid')).toBeUndefined();
  });

  it("lists an incident's reminders by due time, then by id", async () => {
    const { reminders } = stores();
    const { incident } = await scheduled(
      want('c', '2026-03-22T07:00:00Z'),
      want('a1', '2026-03-20T07:00:00Z'),
      want('a2', '2026-03-20T07:00:00Z', { kind: 'overdue', stepKey: 'secure-evidence' }),
      want('b', '2026-03-21T07:00:00Z'),
    );
    const rows = await reminders.listForIncident(incident.id);
    const tied = rows.filter((r) => r.key.startsWith('a')).map((r) => r.id);
    expect(rows.map((r) => r.dueAt.toISOString())).toEqual([
      '2026-03-20T07:00:00.000Z',
      '2026-03-20T07:00:00.000Z',
      '2026-03-21T07:00:00.000Z',
      '2026-03-22T07:00:00.000Z',
    ]);
    expect(tied).toEqual([...tied].sort());
  });

  it('claims pending reminders due by now, earliest first, up to the limit, for one attempt under a lease', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(
      want('second', '2026-03-09T07:00:00Z'),
      want('first', '2026-03-08T07:00:00Z'),
      want('third', '2026-03-10T09:00:00Z'),
      want('future', '2026-03-10T09:00:01Z'),
    );
    const [second, first, third, future] = ids;
    const claimed = await claim('A', 2);
    expect(claimed.map((r) => r.id).sort()).toEqual([first, second].sort());
    const leased = {
      status: 'sending',
      attempts: 1,
      leaseOwner: 'A',
      leaseUntil: later(5 * MINUTE),
      updatedAt: NOW,
    };
    for (const row of claimed) expect(row).toMatchObject(leased);
    expect(await reminders.get(first as string)).toMatchObject(leased);
    expect((await claim('B')).map((r) => r.id)).toEqual([third]);
    expect(await reminders.get(future as string)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('never gives the same reminder to two instances claiming at the same time', async () => {
    const { ids } = await scheduled(
      ...['a', 'b', 'c', 'd', 'e'].map((key, i) => want(key, `2026-03-0${i + 1}T07:00:00Z`)),
    );
    const [a, b] = await Promise.all([claim('A', 3), claim('B', 3)]);
    const claimed = [...a, ...b].map((r) => r.id);
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(a.every((r) => r.leaseOwner === 'A') && b.every((r) => r.leaseOwner === 'B')).toBe(true);
  });

  it('takes over a claim whose lease ran out, before anything newly due, and leaves a live lease alone', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('stuck', '2026-03-01T07:00:00Z'));
    const [stuck] = ids as [string];
    await claim('A', 10, NOW, later(MINUTE));
    const { ids: fresh } = await scheduled(want('fresh', '2026-03-01T06:00:00Z'));
    expect((await claim('B', 1, later(30_000))).map((r) => r.id)).toEqual(fresh);
    expect(await claim('C', 10, later(40_000))).toEqual([]);
    const takenOver = await claim('C', 1, later(MINUTE), later(6 * MINUTE));
    expect(takenOver.map((r) => [r.id, r.leaseOwner, r.attempts])).toEqual([[stuck, 'C', 2]]);
    expect(await reminders.markSent(stuck, 'A', later(MINUTE))).toBe(false);
    expect(await reminders.markSent(stuck, 'C', later(MINUTE))).toBe(true);
  });

  it('lets only the lease owner settle a claim; sent is recorded once, with the time and no error', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('a', '2026-03-09T07:00:00Z'));
    const [id] = ids as [string];
    await claim('A');
    expect(await reminders.markSent(id, 'B', NOW)).toBe(false);
    expect(await reminders.markFailed(id, 'B', 'timeout', NOW)).toBe(false);
    expect(await reminders.markSent(id, 'A', later(MINUTE))).toBe(true);
    expect(await reminders.get(id)).toMatchObject({
      status: 'sent',
      sentAt: later(MINUTE),
      lastError: null,
      leaseOwner: null,
      leaseUntil: null,
      attempts: 1,
    });
    expect(await reminders.markSent(id, 'A', later(2 * MINUTE))).toBe(false);
    expect(await claim('A')).toEqual([]);
  });

  it('puts a claim back at a new time, with the attempt undone when it was not really tried', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('a', '2026-03-09T07:00:00Z'));
    const [id] = ids as [string];
    await claim('A');
    expect(await reminders.release(id, 'B', NOW, true, NOW)).toBe(false);
    expect(await reminders.release(id, 'A', NOW, true, NOW)).toBe(true);
    expect(await reminders.get(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      dueAt: NOW,
      leaseOwner: null,
      leaseUntil: null,
    });
    await claim('A');
    expect(await reminders.release(id, 'A', later(MINUTE), false, NOW)).toBe(true);
    expect(await reminders.get(id)).toMatchObject({ status: 'pending', attempts: 1, dueAt: later(MINUTE) });
    expect(await reminders.release(id, 'A', NOW, true, NOW)).toBe(false);
  });

  it('retries later with the error code, gives up as failed, or cancels a claim no longer wanted', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(
      want('retry', '2026-03-09T07:00:00Z'),
      want('fail', '2026-03-09T07:00:00Z'),
      want('cancel', '2026-03-09T07:00:00Z'),
    );
    const [retry, fail, cancel] = ids as [string, string, string];
    await claim('A');
    expect(await reminders.retryLater(retry, 'A', later(10 * MINUTE), 'timeout', NOW)).toBe(true);
    expect(await reminders.markFailed(fail, 'A', 'user_gone', NOW)).toBe(true);
    expect(await reminders.cancelClaimed(cancel, 'B', NOW)).toBe(false);
    expect(await reminders.cancelClaimed(cancel, 'A', NOW)).toBe(true);
    expect(await reminders.get(retry)).toMatchObject({
      status: 'pending',
      lastError: 'timeout',
      attempts: 1,
      dueAt: later(10 * MINUTE),
      leaseOwner: null,
    });
    expect(await reminders.get(fail)).toMatchObject({
      status: 'failed',
      lastError: 'user_gone',
      leaseOwner: null,
    });
    expect(await reminders.get(cancel)).toMatchObject({ status: 'cancelled', leaseOwner: null });
    expect((await claim('B', 10, later(10 * MINUTE))).map((r) => [r.id, r.attempts])).toEqual([[retry, 2]]);
  });

  it('records "done" once: a reminder still to come is cancelled, a sent one stays sent', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(
      want('sent', '2026-03-09T07:00:00Z'),
      want('coming', '2026-04-01T07:00:00Z'),
    );
    const [sent, coming] = ids as [string, string];
    await claim('A');
    await reminders.markSent(sent, 'A', NOW);
    expect(await reminders.markDone(sent, later(MINUTE))).toBe(true);
    expect(await reminders.markDone(sent, later(MINUTE))).toBe(false);
    expect(await reminders.markDone(coming, later(MINUTE))).toBe(true);
    expect(await reminders.get(sent)).toMatchObject({
      status: 'sent',
      outcome: 'done',
      updatedAt: later(MINUTE),
    });
    expect(await reminders.get(coming)).toMatchObject({ status: 'cancelled', outcome: 'done' });
    expect(await reminders.markDone(randomUUID(), NOW)).toBe(false);
  });

  it('snoozes: pending again at the new time with the attempts reset, but not while sending or for the same time', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('a', '2026-03-09T07:00:00Z'));
    const [id] = ids as [string];
    await claim('A');
    const nextWeek = at('2026-03-17T07:00:00Z');
    expect(await reminders.snooze(id, nextWeek, NOW)).toBe(false);
    await reminders.retryLater(id, 'A', NOW, 'timeout', NOW);
    await claim('A');
    await reminders.markSent(id, 'A', NOW);
    expect(await reminders.snooze(id, nextWeek, later(MINUTE))).toBe(true);
    expect(await reminders.get(id)).toMatchObject({
      status: 'pending',
      dueAt: nextWeek,
      attempts: 0,
      lastError: null,
      outcome: 'snoozed',
      updatedAt: later(MINUTE),
    });
    expect(await reminders.snooze(id, nextWeek, later(MINUTE))).toBe(false);
    expect(await reminders.snooze(id, at('2026-03-18T07:00:00Z'), later(MINUTE))).toBe(true);
    expect(await reminders.markDone(id, later(MINUTE))).toBe(true);
    expect(await reminders.snooze(id, nextWeek, later(MINUTE))).toBe(true);
  });

  it('stops a reminder for good: cancelled if still to come, never claimed or snoozed again', async () => {
    const { reminders } = stores();
    const { ids } = await scheduled(want('a', '2026-03-09T07:00:00Z'));
    const [id] = ids as [string];
    expect(await reminders.stop(id, NOW)).toBe(true);
    expect(await reminders.stop(id, NOW)).toBe(false);
    expect(await reminders.get(id)).toMatchObject({ status: 'cancelled', outcome: 'stopped' });
    expect(await reminders.snooze(id, at('2026-03-17T07:00:00Z'), NOW)).toBe(false);
    expect(await claim('A')).toEqual([]);
  });

  it('lists the incidents whose schedule may still change, by id, after the one given, up to the limit', async () => {
    const { reminders } = stores();
    const since = at('2026-03-01T00:00:00Z');
    const open = await newIncident();
    const closed = await newIncident({ status: 'closed', closedAt: since });
    const finishedSince = await newIncident({ status: 'finished', finishedAt: since });
    const finishedBefore = await newIncident({ status: 'finished', finishedAt: at('2026-02-28T23:59:59Z') });
    const purged = await newIncident({ purgedAt: since });
    const mine = new Set([open, closed, finishedSince, finishedBefore, purged].map((i) => i.id));
    const listed = async (afterId: string | null) =>
      (await reminders.listIncidentsToSync(since, afterId, 1000)).filter((id) => mine.has(id));
    const expected = [open.id, closed.id, finishedSince.id].sort();
    expect(await listed(null)).toEqual(expected);
    expect(await listed(expected[0] as string)).toEqual(expected.slice(1));
    const page = await reminders.listIncidentsToSync(since, expected[0] as string, 1);
    expect(page).toHaveLength(1);
    expect((page[0] as string) > (expected[0] as string)).toBe(true);
  });
}
