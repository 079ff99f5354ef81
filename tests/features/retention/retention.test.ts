import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/core/ports/gateway-error.js';
import type { RetentionStore } from '../../../src/features/retention/retention.port.js';
import { RetentionService } from '../../../src/features/retention/retention.service.js';
import { ANNA, BOB } from '../../support/core-fixture.js';
import { MemoryRetentionStore } from '../reminders/support/memory-reminder-store.js';
import { createReminderHarness, type ReminderHarness } from '../reminders/support/reminder-harness.js';

/**
 * An incident with a note, a form, three reminders (aftercare, nudge, evaluation), closed and
 * then finished by its lead at `closedAt` (unless `finish` is false).
 */
async function closedIncident(h: ReminderHarness, openedAt: string, closedAt: string, finish = true) {
  h.clock.set(openedAt);
  const { incidentId } = await h.open();
  await h.click(BOB, { incidentId: incidentId, kind: 'claim', stepKey: 'check-protocols' });
  await h.click(BOB, { incidentId: incidentId, kind: 'done', stepKey: 'attention-victim' });
  await h.click(
    ANNA,
    { incidentId: incidentId, kind: 'notApplicable', stepKey: 'police-advice' },
    { reason: 'Ouders van J. willen dat niet' },
  );
  await h.click(
    BOB,
    { incidentId: incidentId, kind: 'note', stepKey: 'scope-impact' },
    { note: 'Foto gedeeld in groepsapp 2B' },
  );
  await h.click(
    BOB,
    { incidentId: incidentId, kind: 'form', stepKey: 'plan-aftercare' },
    { form: { moments: [{ date: openedAt.slice(0, 10), about: 'victim', remind: 'U-BOB' }] } },
  );
  h.clock.set(closedAt);
  await h.click(ANNA, { incidentId: incidentId, kind: 'close' });
  if (finish) {
    await h.click(ANNA, { incidentId, kind: 'finish' }, { reason: 'Nazorg loopt via de mentor' });
  }
  return incidentId;
}

describe('the retention job', () => {
  it('overwrites every card it posted with a neutral one and archives the space, before it forgets them', async () => {
    const h = await createReminderHarness();
    const old = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z');
    const posted = await h.store.cards.list(old);
    const spaceId = (await h.store.incidents.get(old))?.spaceId;
    expect(posted.length).toBeGreaterThan(0);
    const before = h.gateway.named('updateCard').length;
    h.clock.set('2026-02-01T02:30:00Z');
    expect((await h.retention.run()).purged).toBe(1);
    const blanked = h.gateway.named('updateCard').slice(before);
    expect(blanked.map((call) => call.messageId).sort()).toEqual(posted.map((card) => card.messageId).sort());
    for (const call of blanked) {
      expect(call.card?.blocks).toEqual([
        { type: 'text', text: 'Inhoud verwijderd (bewaartermijn).', tone: 'muted' },
      ]);
      expect(JSON.stringify(call.card)).not.toContain('Foto');
    }
    expect(h.gateway.named('archiveSpace')).toEqual([{ method: 'archiveSpace', spaceId }]);
  });

  it('waits for the next run when the platform cannot be reached, keeping where it posted', async () => {
    const h = await createReminderHarness();
    const old = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z');
    const posted = await h.store.cards.list(old);
    h.gateway.script = (call) => {
      if (call.method === 'updateCard') throw new GatewayError('unavailable', false);
    };
    h.clock.set('2026-02-01T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ purged: 0, failed: 1 });
    expect(await h.store.cards.list(old)).toEqual(posted);
    expect((await h.store.incidents.get(old))?.purgedAt).toBeNull();

    // A space that is gone for good does not hold the purge up.
    h.gateway.script = (call) => {
      if (call.method === 'updateCard') throw new GatewayError('not_found', true);
    };
    expect((await h.retention.run()).purged).toBe(1);
  });

  it('keeps an incident closed long ago whose aftercare is not finished: the period counts from finishing', async () => {
    const h = await createReminderHarness();
    const closed = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z', false);
    h.clock.set('2025-06-01T02:30:00Z');
    expect(await h.retention.run()).toEqual({ purged: 0, failed: 0, forgottenRequests: 0, warned: 0 });
    expect((await h.store.incidents.get(closed))?.purgedAt).toBeNull();
  });

  it('warns the lead of an unfinished incident idle for almost the period, and purges it 30 days later', async () => {
    const h = await createReminderHarness();
    const idle = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z', false);
    const lead = (await h.store.incidents.get(idle))!.leadId;
    const directs = h.gateway.directs().length;

    h.clock.set('2025-12-20T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ purged: 0, warned: 1 });
    const warning = h.gateway.directs().slice(directs);
    expect(warning.map((d) => d.target)).toEqual([lead]);
    expect(warning[0]?.card?.fallback).toBe(
      'In incident 2023-0001 is bijna 24 maanden niets gebeurd. Over 30 dagen wordt de inhoud verwijderd, volgens de bewaartermijn van de school.',
    );
    // Warned once; not purged before the 30 days are over.
    h.clock.set('2026-01-10T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ purged: 0, warned: 0 });
    expect((await h.store.incidents.get(idle))?.purgedAt).toBeNull();

    h.clock.set('2026-01-20T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ purged: 1, warned: 0 });
    const purged = await h.store.incidents.get(idle);
    expect(purged?.title).toBe('[verwijderd na de bewaartermijn]');
    expect(await h.store.notes.list(idle, 10)).toEqual([]);
  });

  it('keeps an idle incident in which something happened after the warning', async () => {
    const h = await createReminderHarness();
    const idle = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z', false);
    h.clock.set('2025-12-20T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ warned: 1 });
    h.clock.set('2025-12-22T09:00:00Z');
    // Aftercare goes on after closing: a note there is activity.
    const note = await h.click(
      BOB,
      { incidentId: idle, kind: 'note', stepKey: 'plan-aftercare' },
      { note: 'Loopt nog' },
    );
    expect(note.ok).toBe(true);
    h.clock.set('2026-02-01T02:30:00Z');
    expect(await h.retention.run()).toMatchObject({ purged: 0 });
    expect((await h.store.incidents.get(idle))?.purgedAt).toBeNull();
  });

  it('removes the content of incidents finished more than 24 months ago and keeps what statistics need', async () => {
    const h = await createReminderHarness();
    const old = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z');
    const recent = await closedIncident(h, '2024-12-02T09:00:00Z', '2025-01-10T10:00:00Z');
    h.clock.set('2024-12-20T10:00:00Z');
    const { incidentId: open } = await h.open();
    const before = (await h.store.incidents.get(old))!;
    const auditBefore = await h.store.audit.list(old);

    h.clock.set('2026-02-01T02:30:00Z');
    expect(await h.retention.run()).toEqual({ purged: 1, failed: 0, forgottenRequests: 0, warned: 0 });

    const purged = (await h.store.incidents.get(old))!;
    expect(purged).toEqual({
      ...before,
      title: '[verwijderd na de bewaartermijn]',
      leadId: '[verwijderd na de bewaartermijn]',
      openedBy: '[verwijderd na de bewaartermijn]',
      purgedAt: new Date('2026-02-01T02:30:00Z'),
      updatedAt: new Date('2026-02-01T02:30:00Z'),
    });
    expect(purged.number).toBe('2023-0001');
    expect(await h.store.members.list(old)).toEqual([]);
    expect(await h.store.notes.list(old, 10)).toEqual([]);
    expect(await h.store.forms.list(old)).toEqual([]);
    expect(await h.store.cards.list(old)).toEqual([]);
    expect(await h.reminders.listForIncident(old)).toEqual([]);
    const steps = await h.store.steps.list(old);
    expect(steps).toHaveLength(31);
    expect(steps.find((s) => s.key === 'attention-victim')).toMatchObject({ status: 'done', ownerId: null });
    expect(steps.find((s) => s.key === 'check-protocols')).toMatchObject({
      status: 'claimed',
      ownerId: '[verwijderd na de bewaartermijn]',
    });
    expect(steps.find((s) => s.key === 'police-advice')).toMatchObject({
      status: 'not_applicable',
      naReason: null,
    });
    expect(JSON.stringify(await h.store.steps.list(old))).not.toContain('U-BOB');

    const audit = await h.store.audit.list(old);
    expect(audit.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(audit.at(-1)).toMatchObject({
      action: 'incident.purged',
      actorId: 'system',
      details: { members: 3, notes: 1, forms: 1, reminders: 3, steps: 31, stepsDone: 1 },
    });

    expect((await h.store.incidents.get(recent))?.title).toBe('Foto klas 2B');
    expect((await h.store.incidents.get(open))?.title).toBe('Foto klas 2B');
    expect(await h.retention.run()).toEqual({ purged: 0, failed: 0, forgottenRequests: 0, warned: 0 });
  });

  it('writes the marker in the workspace language', async () => {
    const h = await createReminderHarness();
    await h.store.workspaces.update({ ...h.workspace, locale: 'en' });
    const old = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z');
    h.clock.set('2026-02-01T02:30:00Z');
    await h.retention.run();
    expect((await h.store.incidents.get(old))?.title).toBe('[removed after the retention period]');
  });

  it('goes on with the others when one incident cannot be purged, and retries it next time', async () => {
    const h = await createReminderHarness();
    const first = await closedIncident(h, '2023-11-06T09:00:00Z', '2023-12-01T10:00:00Z');
    const second = await closedIncident(h, '2023-12-04T09:00:00Z', '2024-01-10T10:00:00Z');
    const real = new MemoryRetentionStore(h.store, h.reminders);
    let broken = true;
    const flaky: RetentionStore = {
      listExpired: (before, limit) => real.listExpired(before, limit),
      purge: async (request) => {
        if (broken && request.incidentId === first) throw new Error('deadlock detected');
        return real.purge(request);
      },
      forgetRequests: (before) => real.forgetRequests(before),
      listIdle: (before, limit) => real.listIdle(before, limit),
      markIdleWarned: (id, at) => real.markIdleWarned(id, at),
    };
    h.clock.set('2026-02-01T02:30:00Z');
    const retention = new RetentionService({ retention: flaky, store: h.store, clock: h.clock, months: 24 });
    const failures: string[] = [];
    expect(await retention.run((id) => failures.push(id))).toEqual({
      purged: 1,
      failed: 1,
      forgottenRequests: 0,
      warned: 0,
    });
    expect(failures).toEqual([first]);
    expect((await h.store.incidents.get(second))?.purgedAt).not.toBeNull();
    broken = false;
    expect(await retention.run()).toEqual({ purged: 1, failed: 0, forgottenRequests: 0, warned: 0 });
    expect((await h.store.incidents.get(first))?.purgedAt).not.toBeNull();
  });

  it('forgets delivery ids older than 30 days, after the purge', async () => {
    const h = await createReminderHarness();
    const asked: Date[] = [];
    const recording: RetentionStore = {
      listExpired: async () => [],
      purge: async () => null,
      forgetRequests: async (before) => {
        asked.push(before);
        return 7;
      },
      listIdle: async () => [],
      markIdleWarned: async () => undefined,
    };
    h.clock.set('2026-02-01T02:30:00Z');
    const retention = new RetentionService({
      retention: recording,
      store: h.store,
      clock: h.clock,
      months: 24,
    });
    expect(await retention.run()).toEqual({ purged: 0, failed: 0, forgottenRequests: 7, warned: 0 });
    expect(asked).toEqual([new Date('2026-01-02T02:30:00Z')]);
  });

  it('counts the retention period in calendar months', async () => {
    const h = await createReminderHarness({ retentionMonths: 24 });
    expect(h.retention.cutoff(new Date('2026-03-31T02:30:00Z'))).toEqual(new Date('2024-03-31T02:30:00Z'));
    const six = new RetentionService({
      retention: new MemoryRetentionStore(h.store, h.reminders),
      store: h.store,
      clock: h.clock,
      months: 6,
    });
    expect(six.cutoff(new Date('2026-07-15T02:30:00Z'))).toEqual(new Date('2026-01-15T02:30:00Z'));
  });
});

describe('the retention period in every incident space', () => {
  it('the module tells the overview how many months the content is kept', async () => {
    const { createRetentionModule } = await import('../../../src/features/retention/retention.module.js');
    const module = createRetentionModule(
      { retentionCron: '30 2 * * *', retentionMonths: 18 },
      { cron: false },
    );
    const extension = module.extend?.({} as Parameters<NonNullable<typeof module.extend>>[0]);
    const extras = await extension?.overviewExtras?.({} as never, {} as never);
    expect(extras).toEqual({ retentionMonths: 18 });
  });
});
