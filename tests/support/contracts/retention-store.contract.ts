import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Incident } from '../../../src/core/incidents/incident.types.js';
import type { PurgeRequest } from '../../../src/features/retention/retention.port.js';
import { at, auditRow, memberRow, newWorkspace, noteRow, stepRow, storedIncident } from './contract-rows.js';
import { type ContractStores, describeContract } from './contract-targets.js';

/** The retention port: the same cases in memory, on PGlite and on the PostgreSQL server. */
export function retentionStoreContract(): void {
  describeContract('the retention store contract', retentionCases);
}

// Every case dates its incidents in 2001, before any other case's, and reads the lists (which
// span all workspaces) only as far as its own incidents go.
const BOUND = at('2001-05-01T00:00:00Z');
const MARKER = '[verwijderd]';

function retentionCases(stores: () => ContractStores): void {
  const newIncident = async (workspaceId: string, fields: Partial<Incident>) =>
    storedIncident(stores().store, workspaceId, { createdAt: at('2001-01-01T08:00:00Z'), ...fields });
  const finished = (iso: string): Partial<Incident> => ({
    status: 'finished',
    closedAt: at(iso),
    finishedAt: at(iso),
  });
  const purgeOf = (incidentId: string, fields: Partial<PurgeRequest> = {}): PurgeRequest => ({
    incidentId,
    finishedBefore: BOUND,
    marker: MARKER,
    at: at('2001-06-01T02:30:00Z'),
    actorId: 'system',
    ...fields,
  });

  it('lists incidents finished before the date and not purged, the longest finished first', async () => {
    const { store, retention } = stores();
    const ws = (await newWorkspace(store)).id;
    const march = await newIncident(ws, finished('2001-03-01T10:00:00Z'));
    const january = await newIncident(ws, finished('2001-01-20T10:00:00Z'));
    const june = await newIncident(ws, finished('2001-06-01T10:00:00Z'));
    const closed = await newIncident(ws, { status: 'closed', closedAt: at('2001-01-10T10:00:00Z') });
    const purged = await newIncident(ws, {
      ...finished('2001-01-05T10:00:00Z'),
      purgedAt: at('2001-04-01T00:00:00Z'),
    });
    const mine = new Set([march, january, june, closed, purged].map((i) => i.id));
    const listed = (await retention.listExpired(BOUND, 1000)).filter((row) => mine.has(row.incidentId));
    expect(listed).toEqual([
      { incidentId: january.id, workspaceId: ws },
      { incidentId: march.id, workspaceId: ws },
    ]);
  });

  it('purges a finished incident: its content goes, its number, kind, dates and step statuses stay', async () => {
    const { store, reminders, retention } = stores();
    const ws = (await newWorkspace(store)).id;
    const incident = await newIncident(ws, { ...finished('2001-02-01T10:00:00Z'), spaceId: 'C-OLD' });
    await store.members.add([memberRow(incident.id, 'U-ANNA'), memberRow(incident.id, 'U-BOB')]);
    await store.steps.insertAll([
      stepRow(incident.id, 'secure-evidence', { status: 'claimed', ownerId: 'U-BOB', assignedBy: 'U-ANNA' }),
      stepRow(incident.id, 'police-advice', {
        position: 2,
        status: 'not_applicable',
        naReason: 'Ouders van J.',
      }),
      stepRow(incident.id, 'inform-lead', {
        position: 3,
        status: 'done',
        ownerId: 'U-ANNA',
        assignedBy: 'U-BOB',
      }),
    ]);
    await store.notes.add(noteRow(incident.id, 'Gesprek met J. gehad', '2001-01-02T10:00:00Z'));
    await store.forms.upsert({
      incidentId: incident.id,
      stepKey: 'plan-aftercare',
      kind: 'aftercare_moments',
      data: { moments: [] },
      updatedBy: 'U-ANNA',
      updatedAt: at('2001-01-02T10:00:00Z'),
    });
    await store.cards.save({
      incidentId: incident.id,
      cardKey: 'overview',
      spaceId: 'C-OLD',
      messageId: 'm-1',
      createdAt: at('2001-01-01T08:00:01Z'),
    });
    await reminders.sync(
      incident.id,
      () => [
        {
          kind: 'aftercare',
          key: 'a',
          stepKey: null,
          ref: null,
          targetId: 'U-BOB',
          about: 'victim',
          dueAt: at('2001-01-15T07:00:00Z'),
        },
      ],
      at('2001-01-01T08:00:00Z'),
    );
    await store.audit.append(auditRow(incident, 'incident.finished', '2001-02-01T10:00:00Z'));

    const counts = { members: 2, notes: 1, forms: 1, reminders: 1, steps: 3, stepsDone: 1 };
    expect(await retention.purge(purgeOf(incident.id))).toEqual(counts);
    const purgedAt = at('2001-06-01T02:30:00Z');
    expect(await store.incidents.get(incident.id)).toEqual({
      ...incident,
      title: MARKER,
      leadId: MARKER,
      openedBy: MARKER,
      purgedAt,
      updatedAt: purgedAt,
    });
    expect([
      await store.members.list(incident.id),
      await store.notes.list(incident.id, 10),
      await store.forms.list(incident.id),
      await store.cards.list(incident.id),
      await reminders.listForIncident(incident.id),
    ]).toEqual([[], [], [], [], []]);
    const steps = await store.steps.list(incident.id);
    expect(steps.map((s) => [s.key, s.status, s.ownerId, s.assignedBy, s.naReason])).toEqual([
      ['secure-evidence', 'claimed', MARKER, null, null],
      ['police-advice', 'not_applicable', null, null, null],
      ['inform-lead', 'done', null, null, null],
    ]);
    const last = (await store.audit.list(incident.id)).at(-1);
    expect(last).toMatchObject({
      action: 'incident.purged',
      actorId: 'system',
      details: counts,
      at: purgedAt,
    });
    expect(await retention.purge(purgeOf(incident.id))).toBeNull();
  });

  it('leaves an incident alone that is not finished, or finished on or after the date', async () => {
    const { store, retention } = stores();
    const ws = (await newWorkspace(store)).id;
    const closed = await newIncident(ws, { status: 'closed', closedAt: at('2001-01-10T10:00:00Z') });
    const recent = await newIncident(ws, finished('2001-05-01T00:00:00Z'));
    expect(await retention.purge(purgeOf(closed.id))).toBeNull();
    expect(await retention.purge(purgeOf(recent.id))).toBeNull();
    expect(await retention.purge(purgeOf(randomUUID()))).toBeNull();
    expect((await store.incidents.get(recent.id))?.title).toBe(recent.title);
  });

  it('lists unfinished incidents without activity since the date, by their last audit entry or opening', async () => {
    const { store, retention } = stores();
    const ws = (await newWorkspace(store)).id;
    const quiet = await newIncident(ws, { createdAt: at('2001-01-05T08:00:00Z') });
    const worked = await newIncident(ws, { createdAt: at('2001-01-01T08:00:00Z') });
    await store.audit.append(auditRow(worked, 'step.done', '2001-02-01T10:00:00Z'));
    const busy = await newIncident(ws, {});
    await store.audit.append(auditRow(busy, 'note.added', '2001-05-01T00:00:00Z'));
    const done = await newIncident(ws, finished('2001-01-10T10:00:00Z'));
    const purged = await newIncident(ws, { purgedAt: at('2001-02-01T00:00:00Z') });
    await retention.markIdleWarned(quiet.id, at('2001-03-01T00:00:00Z'));
    await retention.markIdleWarned(worked.id, at('2001-01-15T00:00:00Z'));
    const mine = new Set([quiet, worked, busy, done, purged].map((i) => i.id));
    const listed = (await retention.listIdle(BOUND, 1000)).filter((row) => mine.has(row.incidentId));
    const idle = (incident: Incident, lastActivity: string, warnedAt: string | null) => ({
      incidentId: incident.id,
      workspaceId: ws,
      number: incident.number,
      leadId: incident.leadId,
      lastActivity: at(lastActivity),
      warnedAt: warnedAt && at(warnedAt),
    });
    expect(listed).toEqual([
      idle(quiet, '2001-01-05T08:00:00Z', '2001-03-01T00:00:00Z'),
      idle(worked, '2001-02-01T10:00:00Z', null),
    ]);
    // The warning itself is no activity.
    expect(await store.audit.list(quiet.id)).toEqual([]);
  });

  it('purges an unfinished incident only when warned by then and without activity since the warning', async () => {
    const { store, retention } = stores();
    const ws = (await newWorkspace(store)).id;
    const idle = { lastActivityBefore: BOUND, warnedBefore: at('2001-04-01T00:00:00Z') };
    const unwarned = await newIncident(ws, {});
    const warnedLate = await newIncident(ws, {});
    const active = await newIncident(ws, {});
    const ready = await newIncident(ws, {});
    await store.members.add([memberRow(ready.id, 'U-ANNA')]);
    await retention.markIdleWarned(warnedLate.id, at('2001-04-02T00:00:00Z'));
    await retention.markIdleWarned(active.id, at('2001-03-01T00:00:00Z'));
    await store.audit.append(auditRow(active, 'note.added', '2001-03-02T00:00:00Z'));
    await retention.markIdleWarned(ready.id, at('2001-03-01T00:00:00Z'));
    for (const incident of [unwarned, warnedLate, active]) {
      expect(await retention.purge(purgeOf(incident.id, { idle }))).toBeNull();
    }
    expect(await retention.purge(purgeOf(ready.id, { idle }))).toEqual({
      members: 1,
      notes: 0,
      forms: 0,
      reminders: 0,
      steps: 0,
      stepsDone: 0,
    });
    expect((await store.incidents.get(ready.id))?.title).toBe(MARKER);
  });

  it('forgets delivery ids recorded before the date and keeps the newer ones', async () => {
    const { store, retention } = stores();
    const scope = `slack.action.${randomUUID()}`;
    await store.requests.markProcessed('d-1', scope);
    expect(await retention.forgetRequests(new Date(Date.now() - 60_000))).toBe(0);
    expect(await store.requests.seen(['d-1'], scope)).toEqual(new Set(['d-1']));
    expect(await retention.forgetRequests(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await store.requests.seen(['d-1'], scope)).toEqual(new Set());
  });
}
