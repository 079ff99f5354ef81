import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/incidents/incident.access.js';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import type { ReminderStore } from '../../../src/features/reminders/reminder.port.js';
import { claimStatement } from '../../../src/features/reminders/reminder.repository.js';
import type { ReminderService } from '../../../src/features/reminders/reminder.service.js';
import { retentionRepository } from '../../../src/features/retention/retention.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { type DbFixture, dbFixture, UNKNOWN_FACTS } from '../../support/db-fixture.js';
import { LEAD, MENTOR, remindersOn } from './support/db-reminders.js';

describeEachDatabase('the reminder schedule in the database', (target) => {
  let handle: DatabaseHandle;
  let fx: DbFixture;
  let reminders: ReminderStore;
  let service: ReminderService;
  let incidentId: string;

  const saveMoments = (moments: Record<string, string>[]) =>
    fx.steps.saveForm({ incidentId, stepKey: 'plan-aftercare', actor: LEAD }, { moments });

  beforeAll(async () => {
    handle = await target.open();
    fx = await dbFixture(handle); // clock: Wednesday 25 November 2026, 10:00 in Amsterdam
    ({ reminders, service } = remindersOn(handle, fx));
    const opened = await fx.open(LEAD, { title: 'Foto 3C', invited: [MENTOR] });
    incidentId = opened.id;
  });
  afterAll(async () => handle?.close());

  it('stores what the state asks for, once, however often it is synced at the same time', async () => {
    await saveMoments([
      { date: '2026-11-30', about: 'victim', remind: 'U-MENTOR' },
      { date: '2026-12-05', about: 'class', remind: 'U-LEAD' },
    ]);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => service.sync(incidentId)));
    expect(outcomes.reduce((sum, o) => sum + o.inserted, 0)).toBe(3); // two moments and the nudge
    const rows = await reminders.listForIncident(incidentId);
    expect(rows.map((r) => [r.kind, r.targetId, r.about, r.status, r.dueAt.toISOString()])).toEqual([
      ['nudge', 'U-LEAD', null, 'pending', '2026-11-25T11:00:00.000Z'],
      ['aftercare', 'U-MENTOR', 'victim', 'pending', '2026-11-30T07:00:00.000Z'],
      ['aftercare', 'U-LEAD', 'class', 'pending', '2026-12-07T07:00:00.000Z'],
    ]);
    expect(await service.sync(incidentId)).toEqual({ inserted: 0, cancelled: 0, kinds: [] });
  });

  it('cancels only pending reminders that are no longer wanted and never brings a key back', async () => {
    const form = await fx.store.forms.get(incidentId, 'plan-aftercare');
    const first = (form!.data.moments as Record<string, string>[])[0] as Record<string, string>;
    await saveMoments([first]);
    expect(await service.sync(incidentId)).toEqual({ inserted: 0, cancelled: 1, kinds: ['aftercare'] });
    await saveMoments([
      first,
      { date: '2026-12-05', about: 'class', remind: 'U-LEAD' }, // a new row: a new id
    ]);
    expect(await service.sync(incidentId)).toEqual({ inserted: 1, cancelled: 0, kinds: ['aftercare'] });
    const statuses = (await reminders.listForIncident(incidentId)).map((r) => r.status);
    expect(statuses.sort()).toEqual(['cancelled', 'pending', 'pending', 'pending']);
  });

  it('lets concurrent claims share the due reminders without overlap, and leases run out', async () => {
    const now = new Date('2026-12-08T09:00:00Z');
    const lease = (owner: string, limit: number) =>
      reminders.claimDue({ now, owner, leaseUntil: new Date(now.getTime() + 60_000), limit });
    const [a, b] = await Promise.all([lease('A', 2), lease('B', 2)]);
    const claimed = [...a, ...b].map((r) => r.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(3); // nudge and two moments are due; one was cancelled
    expect([...a, ...b].every((r) => r.status === 'sending' && r.attempts === 1)).toBe(true);
    expect(await lease('C', 10)).toEqual([]);

    const [mine] = a;
    expect(await reminders.markSent(mine!.id, 'B', now)).toBe(false);
    expect(await reminders.markSent(mine!.id, 'A', now)).toBe(true);
    const later = new Date(now.getTime() + 61_000);
    const takenOver = await reminders.claimDue({ now: later, owner: 'C', leaseUntil: later, limit: 10 });
    expect(takenOver.map((r) => r.id).sort()).toEqual(claimed.filter((id) => id !== mine!.id).sort());
    expect(takenOver.every((r) => r.attempts === 2 && r.leaseOwner === 'C')).toBe(true);
    const [one, two] = takenOver;
    expect(await reminders.release(one!.id, 'C', new Date('2026-12-09T07:00:00Z'), true, later)).toBe(true);
    expect(await reminders.get(one!.id)).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: null });
    expect(await reminders.markFailed(two!.id, 'C', 'user_gone', later)).toBe(true);
    expect(await reminders.get(two!.id)).toMatchObject({ status: 'failed', lastError: 'user_gone' });
  });

  it('records what people answered: done, a week later, no longer needed', async () => {
    const sent = (await reminders.listForIncident(incidentId)).find((r) => r.status === 'sent')!;
    const now = new Date('2026-12-08T10:00:00Z');
    const nextWeek = new Date('2026-12-15T07:00:00Z');
    expect(await reminders.snooze(sent.id, nextWeek, now)).toBe(true);
    expect(await reminders.snooze(sent.id, nextWeek, now)).toBe(false);
    expect(await reminders.get(sent.id)).toMatchObject({
      status: 'pending',
      outcome: 'snoozed',
      dueAt: nextWeek,
    });
    expect(await reminders.markDone(sent.id, now)).toBe(true);
    expect(await reminders.get(sent.id)).toMatchObject({ status: 'cancelled', outcome: 'done' });
    expect(await reminders.stop(sent.id, now)).toBe(true);
    expect(await reminders.stop(sent.id, now)).toBe(false);
    expect(await reminders.snooze(sent.id, new Date('2026-12-22T07:00:00Z'), now)).toBe(false);
    expect(await reminders.get('not-a-uuid')).toBeUndefined();
  });

  it('lists the incidents whose schedule may still change', async () => {
    const since = new Date('2026-10-01T00:00:00Z');
    expect(await reminders.listIncidentsToSync(since, null, 10)).toEqual([incidentId]);
    expect(await reminders.listIncidentsToSync(since, incidentId, 10)).toEqual([]);
  });

  describe('retention', () => {
    it('purges a finished incident in one go and appends the audit entry', async () => {
      await fx.steps.addNote(
        { incidentId, actor: MENTOR, stepKey: 'scope-impact' },
        'Gedeeld in de app van 3C',
      );
      await fx.steps.act(
        { incidentId, stepKey: 'police-advice', actor: LEAD },
        { kind: 'notApplicable', reason: 'Vader van K. wil geen politie' },
      );
      await fx.steps.act({ incidentId, stepKey: 'check-protocols', actor: MENTOR }, { kind: 'claim' });
      await fx.incidents.close({ incidentId, actor: LEAD });
      const retention = retentionRepository(handle.db);
      const finishedBefore = new Date('2029-01-01T00:00:00Z');
      // Closed is not finished: aftercare goes on, and the retention period has not started.
      expect(await retention.listExpired(finishedBefore, 10)).toEqual([]);
      await fx.incidents.finish({ incidentId, actor: LEAD }, 'Nazorg loopt via het ZAT');
      expect(await retention.listExpired(new Date('2026-01-01T00:00:00Z'), 10)).toEqual([]);
      expect(await retention.listExpired(finishedBefore, 10)).toEqual([
        { incidentId, workspaceId: fx.workspaceId },
      ]);
      const request = {
        incidentId,
        finishedBefore,
        marker: '[verwijderd]',
        at: new Date('2028-12-01T02:30:00Z'),
        actorId: SYSTEM_ACTOR,
      };
      expect(await retention.purge(request)).toEqual({
        members: 2,
        notes: 1,
        forms: 1,
        reminders: 4,
        steps: 31,
        stepsDone: 0,
      });
      expect(await retention.purge(request)).toBeNull();
      const view = await fx.incidents.view(incidentId);
      expect(view.incident).toMatchObject({
        title: '[verwijderd]',
        leadId: '[verwijderd]',
        number: '2026-0001',
      });
      expect([view.members, view.notes, view.forms]).toEqual([[], [], []]);
      expect(view.steps.find((s) => s.key === 'police-advice')).toMatchObject({
        status: 'not_applicable',
        naReason: null,
      });
      expect(view.steps.find((s) => s.key === 'check-protocols')).toMatchObject({ ownerId: '[verwijderd]' });
      const audit = await fx.store.audit.list(incidentId);
      expect(audit.at(-1)).toMatchObject({ action: 'incident.purged', actorId: 'system' });
      expect(audit.filter((e) => e.action === 'member.added')).toHaveLength(2);
      expect(await reminders.listForIncident(incidentId)).toEqual([]);
    });

    it('finds an unfinished incident by its last activity, and purges it only after a warning with no activity since', async () => {
      const retention = retentionRepository(handle.db);
      const { value } = await fx.incidents.open({
        workspaceId: fx.workspaceId,
        actor: LEAD,
        title: 'Foto 4E',
        kind: 'nude_photo',
        facts: UNKNOWN_FACTS,
        invited: [],
      });
      const idleId = value.id;
      // Its audit trail was written at the fixture's clock (25 Nov 2026): not idle before that.
      expect(
        (await retention.listIdle(new Date('2026-11-01T00:00:00Z'), 50)).map((i) => i.incidentId),
      ).not.toContain(idleId);
      const later = new Date('2029-01-01T00:00:00Z');
      const found = (await retention.listIdle(later, 50)).find((i) => i.incidentId === idleId);
      expect(found).toMatchObject({ number: value.number, leadId: LEAD.userId, warnedAt: null });
      const idle = { lastActivityBefore: later, warnedBefore: later };
      const request = {
        incidentId: idleId,
        finishedBefore: later,
        idle,
        marker: '[weg]',
        at: later,
        actorId: SYSTEM_ACTOR,
      };
      // Not warned: not purged.
      expect(await retention.purge(request)).toBeNull();
      await retention.markIdleWarned(idleId, new Date('2028-11-01T00:00:00Z'));
      expect((await retention.listIdle(later, 50)).find((i) => i.incidentId === idleId)?.warnedAt).toEqual(
        new Date('2028-11-01T00:00:00Z'),
      );
      expect(await retention.purge(request)).toMatchObject({ notes: 0 });
      expect((await fx.store.incidents.get(idleId))?.title).toBe('[weg]');
      expect((await retention.listIdle(later, 50)).map((i) => i.incidentId)).not.toContain(idleId);
    });

    it('forgets delivery ids older than the given moment and keeps newer ones', async () => {
      await fx.store.requests.markProcessed('old-delivery', 'slack.action', null);
      await sql`update processed_request set created_at = now() - interval '40 days' where key = 'old-delivery'`.execute(
        handle.db,
      );
      await fx.store.requests.markProcessed('new-delivery', 'slack.action', null);
      const retention = retentionRepository(handle.db);
      const removed = await retention.forgetRequests(new Date(Date.now() - 30 * 86_400_000));
      expect(removed).toBe(1);
      expect((await fx.store.requests.markProcessed('new-delivery', 'slack.action')).first).toBe(false);
      expect((await fx.store.requests.markProcessed('old-delivery', 'slack.action')).first).toBe(true);
    });
  });
});

// The query plan is the server's; PGlite runs the same SQL.
describeEachDatabase(
  'the reminder claim on the PostgreSQL server',
  (target) => {
    let handle: DatabaseHandle;

    beforeAll(async () => {
      handle = await target.open();
    });
    afterAll(async () => handle?.close());

    it('claims through the partial indexes that hold only pending and in-flight rows', async () => {
      const request = { now: new Date(), owner: 'X', leaseUntil: new Date(), limit: 8 };
      for (const which of ['due', 'expired'] as const) {
        const compiled = claimStatement(handle.db, which, request).compile();
        const plan = await handle.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const result = await trx.executeQuery<{ 'QUERY PLAN': string }>({
            ...compiled,
            sql: `explain ${compiled.sql}`,
          });
          return result.rows.map((row) => row['QUERY PLAN']).join('\n');
        });
        expect(plan).toContain(which === 'due' ? 'reminder_pending_due_idx' : 'reminder_sending_lease_idx');
      }
    });
  },
  { serverOnly: true },
);
