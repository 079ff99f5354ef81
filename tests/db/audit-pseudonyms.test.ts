import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvent, SYSTEM_ACTOR } from '../../src/core/incidents/incident.access.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { auditRepository } from '../../src/db/repositories/audit.repository.js';
import { retentionRepository } from '../../src/features/retention/retention.repository.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture } from '../support/db-fixture.js';

const ANNA = { userId: 'U-ANNA', displayName: 'Anna' };
const BOB = { userId: 'U-BOB', displayName: 'Bob' };
const CARLA = { userId: 'U-CARLA', displayName: 'Carla' };
const STAFF = [ANNA, BOB, CARLA].map((person) => person.userId);
const PSEUDONYM = /^p-[0-9a-f]{12}$/;

async function rawRows(handle: DatabaseHandle, incidentId: string) {
  const { rows } = await sql<{ actor_id: string; action: string; details: Record<string, unknown> }>`
    select actor_id, action, details from audit_event where incident_id = ${incidentId} order by id`.execute(
    handle.db,
  );
  return rows;
}

async function mapping(handle: DatabaseHandle, incidentId: string) {
  const { rows } = await sql<{ pseudonym: string; user_id: string }>`
    select pseudonym, user_id from audit_actor where incident_id = ${incidentId} order by user_id`.execute(
    handle.db,
  );
  return rows;
}

/** Every staff id, written as such anywhere in the given rows. */
function staffIdsIn(rows: unknown): string[] {
  const text = JSON.stringify(rows);
  return STAFF.filter((id) => text.includes(id));
}

/** Every row about the incident in the tables the purge leaves or empties. */
async function everythingAbout(handle: DatabaseHandle, incidentId: string) {
  const tables = ['incident', 'step', 'incident_member', 'incident_opening', 'audit_event', 'audit_actor'];
  const found: Record<string, unknown[]> = {};
  for (const table of tables) {
    const column = sql.ref(table === 'incident' ? 'id' : 'incident_id');
    const { rows } = await sql`select * from ${sql.table(table)} where ${column} = ${incidentId}`.execute(
      handle.db,
    );
    found[table] = rows;
  }
  return found;
}

/**
 * Anna opens with Bob and Carla; Bob claims a step, Anna gives one to Carla and one to Bob,
 * dates one, hands the lead to Bob and asks for the dossier; Bob removes Carla (her step goes
 * back to open).
 */
async function workedIncident(fx: DbFixture) {
  const incident = await fx.open(ANNA, { invited: [BOB, CARLA] });
  const scope = (actor: typeof ANNA, stepKey: string) => ({ incidentId: incident.id, stepKey, actor });
  await fx.steps.act(scope(BOB, 'check-protocols'), { kind: 'claim' });
  await fx.steps.act(scope(ANNA, 'attention-victim'), { kind: 'assign', assigneeId: CARLA.userId });
  await fx.steps.act(scope(ANNA, 'scope-impact'), {
    kind: 'setDue',
    dueAt: new Date('2026-12-01T09:00:00Z'),
  });
  await fx.steps.act(scope(ANNA, 'scope-impact'), { kind: 'assign', assigneeId: BOB.userId });
  await fx.incidents.transferLead({ incidentId: incident.id, actor: ANNA }, BOB.userId);
  await fx.store.audit.append(
    auditEvent(incident, ANNA.userId, 'dossier.generated', { requestedBy: ANNA.userId }, fx.clock.now()),
  );
  await fx.incidents.removeMember({ incidentId: incident.id, actor: BOB }, CARLA.userId);
  return incident;
}

describeEachDatabase('the people in the audit trail', (target) => {
  let handle: DatabaseHandle;
  let fx: DbFixture;
  let first: string;
  let second: string;

  beforeAll(async () => {
    handle = await target.open();
    fx = await dbFixture(handle);
    first = (await workedIncident(fx)).id;
    second = (await workedIncident(fx)).id;
  });
  afterAll(async () => handle?.close());

  it('are stored as pseudonyms and read back as their ids while the incident lives', async () => {
    const rows = await rawRows(handle, first);
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'member.added',
        'step.assigned',
        'incident.lead_transferred',
        'member.removed',
      ]),
    );
    expect(staffIdsIn(rows)).toEqual([]);
    for (const row of rows) expect(row.actor_id).toMatch(PSEUDONYM);

    const events = await fx.store.audit.list(first);
    expect(events.map((event) => [event.action, event.actorId, event.details])).toEqual([
      ['incident.opened', ANNA.userId, { playbook: 'stappenplan-sexting@3' }],
      ['member.added', ANNA.userId, { user: ANNA.userId }],
      ['member.added', ANNA.userId, { user: BOB.userId }],
      ['member.added', ANNA.userId, { user: CARLA.userId }],
      ['step.claimed', BOB.userId, { step: 'check-protocols' }],
      [
        'step.assigned',
        ANNA.userId,
        { step: 'attention-victim', assignee: CARLA.userId, previousOwner: null },
      ],
      ['step.due_set', ANNA.userId, { step: 'scope-impact', dueAt: '2026-12-01T09:00:00.000Z' }],
      ['step.assigned', ANNA.userId, { step: 'scope-impact', assignee: BOB.userId, previousOwner: null }],
      ['incident.lead_transferred', ANNA.userId, { from: ANNA.userId, to: BOB.userId }],
      ['dossier.generated', ANNA.userId, { requestedBy: ANNA.userId }],
      ['step.released', BOB.userId, { step: 'attention-victim', previousOwner: CARLA.userId }],
      ['member.removed', BOB.userId, { user: CARLA.userId }],
    ]);
  });

  it('keep one pseudonym per person within an incident, and unrelated ones across incidents', async () => {
    const [inFirst, inSecond] = [await mapping(handle, first), await mapping(handle, second)];
    expect(inFirst.map((row) => row.user_id)).toEqual(STAFF);
    expect(inSecond.map((row) => row.user_id)).toEqual(STAFF);
    const pseudonyms = [...inFirst, ...inSecond].map((row) => row.pseudonym);
    for (const pseudonym of pseudonyms) expect(pseudonym).toMatch(PSEUDONYM);
    expect(new Set(pseudonyms).size).toBe(6);
    const anna = inFirst.find((row) => row.user_id === ANNA.userId)?.pseudonym;
    const rows = await rawRows(handle, first);
    expect(rows.filter((row) => row.action === 'member.added').map((row) => row.actor_id)).toEqual([
      anna,
      anna,
      anna,
    ]);
    expect(rows.find((row) => row.action === 'incident.lead_transferred')?.details).toMatchObject({
      from: anna,
    });
  });

  it('leave the bot itself and entries without an incident as they are', async () => {
    const audit = auditRepository(handle.db);
    const at = fx.clock.now();
    await audit.append({
      workspaceId: fx.workspaceId,
      incidentId: null,
      actorId: ANNA.userId,
      action: 'member.added',
      details: { user: BOB.userId },
      at,
    });
    await audit.append(
      auditEvent({ id: first, workspaceId: fx.workspaceId }, SYSTEM_ACTOR, 'incident.ready', {}, at),
    );
    const { rows } = await sql<{ actor_id: string; details: unknown }>`
      select actor_id, details from audit_event where incident_id is null`.execute(handle.db);
    expect(rows).toEqual([{ actor_id: ANNA.userId, details: { user: BOB.userId } }]);
    expect((await rawRows(handle, first)).at(-1)).toMatchObject({
      actor_id: 'system',
      action: 'incident.ready',
    });
  });

  it('are forgotten by the retention purge: the rows keep only pseudonyms, and nothing resolves them', async () => {
    const secondBefore = await mapping(handle, second);
    expect((await fx.store.audit.list(first)).map((event) => event.actorId)).toContain(ANNA.userId);
    await fx.incidents.close({ incidentId: first, actor: BOB });
    await fx.incidents.finish({ incidentId: first, actor: BOB }, 'Nazorg loopt via het ZAT');
    await fx.store.openings.saveNotice(first, 'D-U-ANNA/1764061200.000100');
    expect(staffIdsIn(await everythingAbout(handle, first))).toEqual(STAFF);
    const rowsBefore = await rawRows(handle, first);
    const request = {
      incidentId: first,
      finishedBefore: new Date('2030-01-01T00:00:00Z'),
      marker: '[verwijderd]',
      at: new Date('2029-01-01T02:30:00Z'),
      actorId: SYSTEM_ACTOR,
    };
    expect(await retentionRepository(handle.db).purge(request)).toMatchObject({ members: 2 });

    const rows = await rawRows(handle, first);
    expect(rows.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    expect(rows.at(-1)).toMatchObject({ actor_id: 'system', action: 'incident.purged' });
    expect(staffIdsIn(rows)).toEqual([]);
    expect(await mapping(handle, first)).toEqual([]);
    // Nor does anything else about the incident (a step's assigner would name its entry's pseudonym).
    const left = await everythingAbout(handle, first);
    expect(staffIdsIn(left)).toEqual([]);
    expect([left.incident_member, left.incident_opening, left.audit_actor]).toEqual([[], [], []]);
    const listed = await fx.store.audit.list(first);
    expect(staffIdsIn(listed)).toEqual([]);
    expect(listed.map((event) => event.actorId)).toEqual(rows.map((row) => row.actor_id));
    // The other incident still knows its people.
    expect(await mapping(handle, second)).toEqual(secondBefore);
    expect((await fx.store.audit.list(second))[0]).toMatchObject({ actorId: ANNA.userId });
  });

  it('never name anyone again in a purged incident', async () => {
    const before = await rawRows(handle, first);
    await fx.incidents.recordFileShared(first, ANNA.userId);
    const entry = auditEvent(
      { id: first, workspaceId: fx.workspaceId },
      ANNA.userId,
      'note.added',
      {},
      fx.clock.now(),
    );
    await expect(auditRepository(handle.db).append(entry)).rejects.toThrow(/purged/);
    expect(await rawRows(handle, first)).toEqual(before);
    expect(await mapping(handle, first)).toEqual([]);
  });
});

describeEachDatabase(
  'audit pseudonyms with writers at the same time',
  (target) => {
    let handle: DatabaseHandle;
    let fx: DbFixture;

    beforeAll(async () => {
      handle = await target.open();
      fx = await dbFixture(handle);
    });
    afterAll(async () => handle?.close());

    /** Runs `fn` in a transaction that stays open until `release` is called. */
    function heldTransaction(fn: (db: DatabaseHandle['db']) => Promise<void>) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let ready = () => {};
      const started = new Promise<void>((resolve) => {
        ready = resolve;
      });
      const done = handle.db.transaction().execute(async (trx) => {
        await fn(trx);
        ready();
        await released;
      });
      return { started, release, done };
    }
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('gives a person met by two writers at once one pseudonym', async () => {
      const incident = await fx.open(ANNA);
      const entry = auditEvent(incident, 'U-DAAN', 'incident.file_shared', {}, fx.clock.now());
      const first = heldTransaction((trx) => auditRepository(trx).append(entry));
      await first.started;
      // Waits for the first writer's row, which its statement began too early to see.
      const second = auditRepository(handle.db).append(entry);
      await pause(200);
      first.release();
      await Promise.all([first.done, second]);
      const daan = (await mapping(handle, incident.id)).filter((row) => row.user_id === 'U-DAAN');
      expect(daan).toHaveLength(1);
      const rows = await rawRows(handle, incident.id);
      expect(rows.filter((row) => row.action === 'incident.file_shared').map((row) => row.actor_id)).toEqual([
        daan[0]?.pseudonym,
        daan[0]?.pseudonym,
      ]);
    });

    it('lets a purge that waited for a writer forget what that writer added', async () => {
      const incident = await fx.open(ANNA);
      await fx.incidents.close({ incidentId: incident.id, actor: ANNA });
      await fx.incidents.finish({ incidentId: incident.id, actor: ANNA }, 'Afgerond');
      const writer = heldTransaction((trx) =>
        auditRepository(trx).append(
          auditEvent(incident, 'U-EVA', 'incident.file_shared', {}, fx.clock.now()),
        ),
      );
      await writer.started;
      const purge = retentionRepository(handle.db).purge({
        incidentId: incident.id,
        finishedBefore: new Date('2030-01-01T00:00:00Z'),
        marker: '[verwijderd]',
        at: new Date('2029-01-01T02:30:00Z'),
        actorId: SYSTEM_ACTOR,
      });
      await pause(200);
      writer.release();
      await Promise.all([writer.done, purge]);
      expect(await mapping(handle, incident.id)).toEqual([]);
      expect(staffIdsIn(await rawRows(handle, incident.id))).toEqual([]);
      expect(JSON.stringify(await rawRows(handle, incident.id))).not.toContain('U-EVA');
    });

    it('lets a writer that waited for a purge add nobody', async () => {
      const incident = await fx.open(ANNA);
      // What the purge does to the incident row, held open.
      const purge = heldTransaction(async (trx) => {
        await sql`select id from incident where id = ${incident.id} for update`.execute(trx);
        await sql`update incident set purged_at = now() where id = ${incident.id}`.execute(trx);
        await sql`delete from audit_actor where incident_id = ${incident.id}`.execute(trx);
      });
      await purge.started;
      const entry = auditEvent(incident, 'U-FEMKE', 'incident.file_shared', {}, fx.clock.now());
      const writer = auditRepository(handle.db).append(entry);
      await pause(200);
      purge.release();
      await purge.done;
      await expect(writer).rejects.toThrow(/purged/);
      expect(await mapping(handle, incident.id)).toEqual([]);
    });
  },
  { serverOnly: true },
);
