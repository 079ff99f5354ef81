import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ReminderState, WantedReminder } from '../../../src/features/reminders/reminder.types.js';
import { at, memberRow, stepRow } from './contract-rows.js';
import { later, MINUTE, NOW, type ReminderCases, want } from './reminder-cases.tools.js';

/** What is scheduled: sync, the reads, and which incidents are still to be synced. */
export function reminderScheduleCases({ stores, newIncident, scheduled, claim }: ReminderCases): void {
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
      (state) => {
        seen.push(state);
        return [want('a', '2026-03-20T07:00:00Z')];
      },
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
