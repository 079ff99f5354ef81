import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { DomainError, InvalidInputError, NotLeadError } from '../../src/core/errors/domain-error.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import { aftercarePhaseKey } from '../../src/core/incidents/lifecycle.rules.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { loadPlaybook } from '../../src/core/playbook/playbook.loader.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture, UNKNOWN_FACTS } from '../support/db-fixture.js';

const LEAD = { userId: 'U-LEAD', displayName: 'Ilse' };
const MENTOR = { userId: 'U-MENTOR', displayName: 'Mo' };
/** The steps of "Evaluatie en nazorg", the playbook's last phase. */
const AFTERCARE = [
  'evaluate-with-victim',
  'feedback-perpetrator-school',
  'evaluate-zat',
  'plan-aftercare',
  'update-protocol',
];
const EVALUATION = { date: '2026-12-14', wentWell: 'Snel gehandeld', couldBeBetter: 'Ouders eerder bellen' };

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected the promise to reject');
}

describeEachDatabase('closing ends the acute phase only', (target) => {
  let handle: DatabaseHandle;
  let fx: DbFixture;
  let incident: Incident;
  const scope = (actor = LEAD) => ({ incidentId: incident.id, actor });
  const step = (stepKey: string, actor = MENTOR) => ({ ...scope(actor), stepKey });
  const stored = async () => (await fx.store.incidents.get(incident.id)) as Incident;
  const steps = async () => fx.store.steps.list(incident.id);

  beforeAll(async () => {
    handle = await target.open();
    fx = await dbFixture(handle); // Wednesday 25 November 2026, 10:00 in Amsterdam
  });
  afterAll(async () => handle?.close());

  beforeEach(async () => {
    fx.clock.set(new Date('2026-11-25T09:00:00Z'));
    incident = (
      await fx.incidents.open({
        workspaceId: fx.workspaceId,
        actor: LEAD,
        title: 'Foto 3C',
        kind: 'nude_photo',
        facts: UNKNOWN_FACTS,
        invited: [MENTOR],
      })
    ).value;
    await fx.steps.saveForm(step('plan-aftercare'), {
      moments: [
        { date: '2026-12-02', about: 'victim', remind: 'U-MENTOR' },
        { date: '2027-01-06', about: 'class', remind: 'U-LEAD' },
      ],
    });
  });

  it('keeps the aftercare moments and lets evaluation and aftercare go on; the acute phase is locked', async () => {
    await fx.steps.act(step('check-protocols'), { kind: 'claim' });
    const closed = await fx.incidents.close(scope());
    expect(closed).toMatchObject({ changed: true, value: { status: 'closed', finishedAt: null } });

    // What was planned is still there, and can still be changed.
    const moments = (await fx.store.forms.get(incident.id, 'plan-aftercare'))?.data.moments;
    expect(moments).toHaveLength(2);
    await fx.steps.saveForm(step('plan-aftercare'), {
      moments: [...(moments as object[]), { date: '2027-02-10', about: 'everyone', remind: 'U-MENTOR' }],
    });
    // The ZAT evaluation can be claimed, filled in and noted on.
    await fx.steps.act(step('evaluate-zat'), { kind: 'claim' });
    expect((await fx.steps.saveForm(step('evaluate-zat'), EVALUATION)).changed).toBe(true);
    expect((await fx.steps.addNote(step('evaluate-zat'), 'Besproken in het ZAT')).changed).toBe(true);
    // The acute phase keeps its state but no longer changes.
    expect(await code(fx.steps.act(step('check-protocols'), { kind: 'done' }))).toBe('IncidentClosed');
    expect(await code(fx.steps.addNote(step('scope-impact'), 'nog iets'))).toBe('IncidentClosed');
    expect((await steps()).find((s) => s.key === 'check-protocols')).toMatchObject({
      status: 'claimed',
      ownerId: MENTOR.userId,
    });
    // The team may still change while aftercare runs.
    expect((await fx.incidents.transferLead(scope(), MENTOR.userId)).changed).toBe(true);
    expect((await stored()).status).toBe('closed');
  });

  it('is finished when the last evaluation or aftercare step is done or not applicable', async () => {
    await fx.incidents.close(scope());
    const [last, ...others] = [...AFTERCARE].reverse();
    for (const key of others) {
      const result = await fx.steps.act(step(key), { kind: 'done' });
      expect(result.value.finishedNow).toBeFalsy();
    }
    expect((await stored()).status).toBe('closed');
    fx.clock.set(new Date('2027-01-08T10:00:00Z'));
    const result = await fx.steps.act(step(last as string), {
      kind: 'notApplicable',
      reason: 'Geen evaluatie met het slachtoffer gewenst',
    });
    expect(result.value).toMatchObject({ finishedNow: true, incident: { status: 'finished' } });
    expect(await stored()).toMatchObject({
      status: 'finished',
      finishedAt: new Date('2027-01-08T10:00:00Z'),
    });
    const audit = await fx.store.audit.list(incident.id);
    expect(audit.at(-1)).toMatchObject({ action: 'incident.finished', actorId: MENTOR.userId });
    // Nothing changes any more.
    expect(await code(fx.steps.act(step('evaluate-zat'), { kind: 'reopen' }))).toBe('IncidentFinished');
    expect(await code(fx.steps.saveForm(step('evaluate-zat'), EVALUATION))).toBe('IncidentFinished');
    expect(await code(fx.incidents.addMembers(scope(), [{ userId: 'U-NEW' }]))).toBe('IncidentFinished');
  });

  it('a finished incident is reopened by its lead only, with a reason; aftercare can be worked on again', async () => {
    await fx.incidents.close(scope());
    await fx.incidents.finish(scope(), 'Nazorg elders belegd');
    expect((await stored()).status).toBe('finished');
    expect(await code(fx.incidents.reopen(scope(MENTOR), 'Toch nog een gesprek'))).toBe('NotLead');
    expect(await code(fx.incidents.reopen(scope(), '   '))).toBe('InvalidInput');
    fx.clock.set(new Date('2027-02-01T09:00:00Z'));
    const reopened = await fx.incidents.reopen(scope(), 'Toch nog een gesprek met de ouders');
    expect(reopened).toMatchObject({ changed: true, value: { status: 'closed', finishedAt: null } });
    expect(await stored()).toMatchObject({ status: 'closed', finishedAt: null });
    const audit = await fx.store.audit.list(incident.id);
    // The reason is free text: it goes to the timeline, never into the audit trail.
    expect(audit.at(-1)).toMatchObject({ action: 'incident.reopened', actorId: LEAD.userId, details: {} });
    expect((await fx.steps.act(step('evaluate-zat', LEAD), { kind: 'reopen' })).changed).toBe(true);
    // Reopening an incident that is not finished changes nothing.
    expect((await fx.incidents.reopen(scope(), 'Nog eens')).changed).toBe(false);
  });

  it('does not finish an open incident whose aftercare steps are all settled', async () => {
    for (const key of AFTERCARE) await fx.steps.act(step(key), { kind: 'done' });
    // Still in its acute phase (no space was made in this test): settling aftercare does not finish it.
    expect((await stored()).status).toBe('opening');
  });

  it('finishes at once when the evaluation and aftercare were already done before closing', async () => {
    for (const key of AFTERCARE) await fx.steps.act(step(key), { kind: 'done' });
    const closed = await fx.incidents.close(scope());
    expect(closed.value).toMatchObject({ status: 'finished', closedAt: fx.clock.now() });
    expect((await stored()).finishedAt).toEqual(fx.clock.now());
    expect((await fx.incidents.close(scope())).changed).toBe(false);
  });

  it('lets the lead end evaluation and aftercare with a stated reason', async () => {
    expect(await code(fx.incidents.finish(scope(), 'Klaar'))).toBe('IncidentNotClosed');
    await fx.steps.act(step('evaluate-zat'), { kind: 'done' });
    await fx.steps.act(step('update-protocol'), { kind: 'claim' });
    await fx.incidents.close(scope());
    const byMentor = await fx.incidents.finish(scope(MENTOR), 'Klaar').catch((error: unknown) => error);
    expect(byMentor).toBeInstanceOf(NotLeadError);
    const empty = await fx.incidents.finish(scope(), '   ').catch((error: unknown) => error);
    expect(empty).toBeInstanceOf(InvalidInputError);
    expect(empty).toMatchObject({ field: 'reason', rule: 'required' });
    expect((await stored()).status).toBe('closed');

    fx.clock.set(new Date('2026-12-20T12:00:00Z'));
    const finished = await fx.incidents.finish(scope(), ' Nazorg loopt verder via de jeugdarts ');
    expect(finished).toMatchObject({ changed: true, value: { status: 'finished' } });
    const after = await steps();
    expect(after.find((s) => s.key === 'evaluate-zat')).toMatchObject({ status: 'done', naReason: null });
    for (const key of ['evaluate-with-victim', 'plan-aftercare', 'update-protocol']) {
      expect(after.find((s) => s.key === key)).toMatchObject({
        status: 'not_applicable',
        naReason: 'Nazorg loopt verder via de jeugdarts',
      });
    }
    // The acute phase's claimed step stays as it was.
    expect(after.filter((s) => !AFTERCARE.includes(s.key)).every((s) => s.status === 'open')).toBe(true);
    expect(await stored()).toMatchObject({ finishedAt: new Date('2026-12-20T12:00:00Z') });
    const audit = (await fx.store.audit.list(incident.id)).map((event) => event.action);
    expect(audit.at(-1)).toBe('incident.finished');
    expect(JSON.stringify((await fx.store.audit.list(incident.id)).at(-1))).not.toContain('jeugdarts');
    expect((await fx.incidents.finish(scope(), 'Nog eens')).changed).toBe(false);
    expect(await code(fx.incidents.finish(scope(MENTOR), 'Nog eens'))).toBe('IncidentFinished');
  });
});

describeEachDatabase('migration 0010: incidents closed before it are finished', (target) => {
  let handle: DatabaseHandle;
  afterAll(async () => handle?.close());

  it('turns a closed incident into a finished one, finished when it was closed, and refuses a finished one without a date', async () => {
    handle = await target.open({ migrate: false });
    // biome-ignore lint/suspicious/noExplicitAny: the schema before the migration has no type
    const db = handle.db as unknown as Kysely<any>;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0009_step_assigned_by');
    expect(before.error).toBeUndefined();
    // The playbook and the workspace as the bot stores them; the incident row as the old schema had it.
    const fx = await dbFixture(handle);
    const closedAt = new Date('2025-05-01T10:00:00Z');
    const id = '00000000-0000-4000-8000-000000000001';
    await sql`insert into incident (id, workspace_id, number, title, kind, facts, status, lead_id, opened_by,
        playbook_key, playbook_version, created_at, updated_at, closed_at)
      values (${id}, ${fx.workspaceId}, '2025-0001', 'Oud', 'other', '{}'::jsonb, 'closed', 'U-LEAD', 'U-LEAD',
        'stappenplan-sexting', 1, ${closedAt}, ${closedAt}, ${closedAt})`.execute(db);
    await migrateToLatest(handle.db);
    const row = await sql<{ status: string; finished_at: Date }>`
      select status, finished_at from incident where id = ${id}`.execute(db);
    expect(row.rows[0]).toEqual({ status: 'finished', finished_at: closedAt });
    await expect(sql`update incident set finished_at = null where id = ${id}`.execute(db)).rejects.toThrow();
  });
});

describe('the aftercare phase', () => {
  it('is the phase with the evaluation and aftercare forms, also when a school adds a phase after it', () => {
    expect(aftercarePhaseKey(DEFAULT_PLAYBOOK)).toBe('evaluation-aftercare');
    expect(
      DEFAULT_PLAYBOOK.phases.find((p) => p.key === 'evaluation-aftercare')?.steps.map((s) => s.key),
    ).toEqual(AFTERCARE);
    const extended = loadPlaybook(
      {
        extends: 'stappenplan-sexting',
        key: 'mijn-school',
        version: 1,
        phases: [
          {
            key: 'school-eigen',
            title: { nl: 'Eigen afspraken' },
            steps: [{ key: 'bestuur', title: { nl: 'Informeer het bestuur' } }],
          },
        ],
      },
      'school.yaml',
      [DEFAULT_PLAYBOOK],
    );
    expect(extended.phases.at(-1)?.key).toBe('school-eigen');
    expect(aftercarePhaseKey(extended)).toBe('evaluation-aftercare');
    // A playbook without those forms: its last phase.
    expect(
      aftercarePhaseKey({
        phases: [
          { key: 'a', title: { nl: 'A' }, steps: [] },
          { key: 'b', title: { nl: 'B' }, steps: [] },
        ],
      }),
    ).toBe('b');
  });
});
