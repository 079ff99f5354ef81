import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { at } from './contract-rows.js';
import { later, MINUTE, NOW, type ReminderCases, want } from './reminder-cases.tools.js';

/** How a due reminder goes out: claims under a lease, their settling, and what people answered. */
export function reminderDeliveryCases({ stores, scheduled, claim }: ReminderCases): void {
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
}
