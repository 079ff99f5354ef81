import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { createKyselyStore } from '../../src/db/kysely-store.js';
import { migrateDownOne, migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDatabase } from '../support/databases.js';
import { schemaAt } from '../support/older-schema.js';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const LIVING = '00000000-0000-4000-8000-00000000000a';
const PURGED = '00000000-0000-4000-8000-00000000000b';
const STAFF = ['U-ANNA', 'U-BOB', 'U-CARLA'];
const PSEUDONYM = /^p-[0-9a-f]{12}$/;

/** Audit rows as the code wrote them before 0013, for one incident (or none). */
function entries(incidentId: string | null) {
  const row = (actor: string, action: string, details: Record<string, unknown>) => ({
    workspace_id: WORKSPACE,
    incident_id: incidentId,
    actor_id: actor,
    action,
    details,
    at: new Date('2025-03-03T09:00:00Z'),
  });
  return [
    row('U-ANNA', 'incident.opened', { playbook: 'stappenplan-sexting@2' }),
    row('U-ANNA', 'member.added', { user: 'U-BOB' }),
    row('U-BOB', 'step.assigned', { step: 'attention-victim', assignee: 'U-CARLA', previousOwner: null }),
    row('U-BOB', 'step.released', { step: 'attention-victim', previousOwner: 'U-CARLA' }),
    row('U-ANNA', 'incident.lead_transferred', { from: 'U-ANNA', to: 'U-BOB' }),
    row('U-BOB', 'step.reopened', { step: 'check-protocols', from: 'done' }),
    row('U-CARLA', 'dossier.generated', { requestedBy: 'U-CARLA' }),
    row('system', 'incident.ready', {}),
    row('U-BOB', 'member.removed', { user: 'U-CARLA' }),
  ];
}

async function rows(db: DatabaseHandle['db'], incidentId: string | null) {
  const where = incidentId === null ? sql`incident_id is null` : sql`incident_id = ${incidentId}`;
  const { rows } = await sql<{ actor_id: string; action: string; details: Record<string, unknown> }>`
    select actor_id, action, details from audit_event where ${where} order by id`.execute(db);
  return rows;
}

const written = (incidentId: string | null) =>
  entries(incidentId).map(({ actor_id, action, details }) => ({ actor_id, action, details }));

describeEachDatabase('migration 0013 on audit rows written before it', (target) => {
  let handle: DatabaseHandle;
  let db: DatabaseHandle['db'];

  beforeAll(async () => {
    handle = await target.open({ migrate: false });
    db = handle.db;
    // The schema before 0013, which the types of today do not describe.
    const old = await schemaAt(handle, '0012_idle_warning', {
      workspaceId: WORKSPACE,
      externalId: 'T-OLD',
      playbookVersion: 2,
    });
    for (const [id, number, purgedAt] of [
      [LIVING, '2025-0001', null],
      [PURGED, '2023-0001', new Date('2025-01-01T02:30:00Z')],
    ] as const) {
      await old
        .insertInto('incident')
        .values({
          id,
          workspace_id: WORKSPACE,
          number,
          title: purgedAt ? '[verwijderd]' : 'Foto 2B',
          kind: 'nude_photo',
          facts: '{}',
          status: 'open',
          lead_id: 'U-BOB',
          opened_by: 'U-ANNA',
          playbook_key: 'stappenplan-sexting',
          playbook_version: 2,
          created_at: new Date('2025-03-03T09:00:00Z'),
          updated_at: new Date('2025-03-03T09:00:00Z'),
          purged_at: purgedAt,
        })
        .execute();
    }
    const all = [...entries(LIVING), ...entries(PURGED), ...entries(null)];
    await old
      .insertInto('audit_event')
      .values(all.map((entry) => ({ ...entry, details: JSON.stringify(entry.details) })))
      .execute();
    await migrateToLatest(handle.db);
  });
  afterAll(async () => handle?.close());

  const staffIn = (value: unknown) => STAFF.filter((id) => JSON.stringify(value).includes(id));

  it('converts the people of a living incident into pseudonyms it can still resolve', async () => {
    const converted = await rows(db, LIVING);
    expect(staffIn(converted)).toEqual([]);
    expect(converted.map((row) => row.actor_id).filter((actor) => !PSEUDONYM.test(actor))).toEqual([
      'system',
    ]);
    // A step status under `from` is not a person.
    expect(converted.find((row) => row.action === 'step.reopened')?.details).toMatchObject({ from: 'done' });
    const events = await createKyselyStore(handle.db).audit.list(LIVING);
    expect(
      events.map((event) => ({ actor_id: event.actorId, action: event.action, details: event.details })),
    ).toEqual(written(LIVING));
  });

  it('leaves nothing that links an incident purged before it to a person', async () => {
    const converted = await rows(db, PURGED);
    expect(converted.map((row) => row.action)).toEqual(written(PURGED).map((row) => row.action));
    expect(staffIn(converted)).toEqual([]);
    const { rows: mapped } =
      await sql`select incident_id from audit_actor where incident_id = ${PURGED}`.execute(db);
    expect(mapped).toEqual([]);
  });

  it('leaves rows without an incident as they were', async () => {
    expect(await rows(db, null)).toEqual(written(null));
  });

  it('switches the append-only trigger back on', async () => {
    await expect(sql`update audit_event set actor_id = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    const { rows: triggers } = await sql`
      select tgname, tgenabled from pg_trigger
      where tgrelid = 'audit_event'::regclass and not tgisinternal order by 1`.execute(db);
    expect(triggers).toEqual([
      { tgname: 'audit_event_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_event_no_update_delete', tgenabled: 'O' },
    ]);
  });

  it('gives living incidents their ids back when undone, and converts them again when redone', async () => {
    const purgedRows = await rows(db, PURGED);
    // The migrations after 0013 are undone first.
    expect(await migrateDownOne(handle.db)).toEqual(['0014_task_reminders down']);
    expect(await migrateDownOne(handle.db)).toEqual(['0013_audit_pseudonyms down']);
    expect(await rows(db, LIVING)).toEqual(written(LIVING));
    expect(await rows(db, PURGED)).toEqual(purgedRows);
    await expect(sql`update audit_event set actor_id = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await migrateToLatest(handle.db);
    expect(staffIn(await rows(db, LIVING))).toEqual([]);
    const events = await createKyselyStore(handle.db).audit.list(LIVING);
    expect(events.map((event) => event.actorId)).toEqual(written(LIVING).map((row) => row.actor_id));
  });
});
