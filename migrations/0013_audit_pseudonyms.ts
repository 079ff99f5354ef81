import { type Kysely, sql } from 'kysely';

/**
 * The people in an incident's audit trail become per-incident pseudonyms. `audit_actor` links a
 * pseudonym to the staff id it stands for; the audit rows hold only the pseudonym, and the
 * retention purge deletes the incident's `audit_actor` rows, after which nothing links them to a
 * person any more. The bot only ever adds audit rows; `audit_actor` gets rows added (on first
 * appearance of a person in an incident) and removed (by the purge), never changed.
 *
 * A pseudonym is random (`p-` and 12 hex digits), made by the database: it says nothing about
 * the person nor about the order in which people appeared, the same person gets unrelated ones in
 * two incidents, and two writers meeting a new person at the same time need no counter or lock.
 *
 * Rows written before this migration are converted here, once, by the owner of the tables, with
 * the append-only trigger switched off inside this migration's transaction only. This conversion
 * (and its undo in `down`, for a rollback) is the only change ever made to existing audit rows.
 * Rows without an incident (workspace-level) keep their actor; `system` is the bot, not a person.
 */

/** Which details fields name a person, per action, as the code wrote them up to this migration. */
const PERSON_FIELDS = sql`(values
  ('incident.lead_transferred', 'from'), ('incident.lead_transferred', 'to'),
  ('member.added', 'user'), ('member.removed', 'user'),
  ('step.released', 'previousOwner'),
  ('step.assigned', 'assignee'), ('step.assigned', 'previousOwner'),
  ('dossier.generated', 'requestedBy')) as f(action, field)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_actor')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('pseudonym', 'text', (c) =>
      c.notNull().defaultTo(sql`'p-' || left(replace(gen_random_uuid()::text, '-', ''), 12)`),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_actor_pkey', ['incident_id', 'pseudonym'])
    .addUniqueConstraint('audit_actor_incident_user_key', ['incident_id', 'user_id'])
    .execute();

  await sql`
    insert into audit_actor (incident_id, user_id)
    select a.incident_id, a.actor_id from audit_event a
    where a.incident_id is not null and a.actor_id <> 'system'
    union
    select a.incident_id, a.details ->> f.field from audit_event a join ${PERSON_FIELDS} on f.action = a.action
    where a.incident_id is not null and jsonb_typeof(a.details -> f.field) = 'string'
      and a.details ->> f.field <> 'system'`.execute(db);
  await rewrite(db, 'user_id', 'pseudonym');
  // Incidents purged before this migration: their rows now hold pseudonyms nobody can resolve.
  await sql`delete from audit_actor m using incident i where i.id = m.incident_id and i.purged_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  // Living incidents get their staff ids back, so the previous version reads them as before;
  // purged ones keep their pseudonyms, since nothing says who they were.
  await rewrite(db, 'pseudonym', 'user_id');
  await db.schema.dropTable('audit_actor').execute();
}

/** Replaces, in every incident row, each person found in `audit_actor.from` by its `to`. */
async function rewrite(db: Kysely<any>, from: 'user_id' | 'pseudonym', to: 'user_id' | 'pseudonym') {
  const [source, target] = [sql.ref(`m.${from}`), sql.ref(`m.${to}`)];
  const [actorSource, actorTarget] = [sql.ref(`actor.${from}`), sql.ref(`actor.${to}`)];
  // Kysely's Migrator runs the migrations in one transaction on PostgreSQL: if anything here
  // fails, switching the trigger off is undone with the rest. Never without that transaction.
  if (!db.isTransaction) throw new Error('0013_audit_pseudonyms must run inside a transaction');
  await sql`alter table audit_event disable trigger audit_event_no_update_delete`.execute(db);
  await sql`
    with converted as (
      select a.id, coalesce(${actorTarget}, a.actor_id) as actor_id,
        a.details || coalesce((
          select jsonb_object_agg(f.field, ${target}) from ${PERSON_FIELDS}
          join audit_actor m on m.incident_id = a.incident_id and ${source} = a.details ->> f.field
          where f.action = a.action and jsonb_typeof(a.details -> f.field) = 'string'), '{}'::jsonb) as details
      from audit_event a
      left join audit_actor actor on actor.incident_id = a.incident_id and ${actorSource} = a.actor_id
      where a.incident_id is not null)
    update audit_event a set actor_id = c.actor_id, details = c.details
    from converted c
    where a.id = c.id and (a.actor_id <> c.actor_id or a.details <> c.details)`.execute(db);
  await sql`alter table audit_event enable trigger audit_event_no_update_delete`.execute(db);
}
