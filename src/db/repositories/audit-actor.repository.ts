import { sql } from 'kysely';
import { peopleIn, swapPeople } from '../../core/incidents/audit-persons.rules.js';
import type { AuditEvent } from '../../core/incidents/incident.types.js';
import type { Db } from './db.js';

interface Person {
  /** Its position in the list asked for: the database may spell an incident id differently. */
  n: number;
  incidentId: string;
  userId: string;
}

const keyOf = (incidentId: string, userId: string) => `${incidentId}:${userId}`;

/**
 * The events as they are stored: every person in an incident's entry replaced by that incident's
 * pseudonym for them, made on their first entry there. Call it in the transaction that writes
 * the events, so a pseudonym is never recorded without its entry. Entries without an incident and
 * the bot's own id stay as they are. Refuses to name a person in a purged incident: its
 * pseudonyms can no longer be resolved, and a new one would link it to someone again.
 */
export async function pseudonymized(db: Db, events: AuditEvent[]): Promise<AuditEvent[]> {
  const wanted = new Map<string, Person>();
  for (const event of events) {
    const { incidentId } = event;
    if (incidentId === null) continue;
    for (const userId of peopleIn(event)) {
      const key = keyOf(incidentId, userId);
      if (!wanted.has(key)) wanted.set(key, { n: wanted.size, incidentId, userId });
    }
  }
  if (wanted.size === 0) return events;
  const people = [...wanted.values()];
  const found = await claim(db, people);
  const missing = people.filter((person) => !found.has(person.n));
  // Someone else added them after this statement began: a new statement sees their row.
  if (missing.length > 0) for (const [n, pseudonym] of await lookup(db, missing)) found.set(n, pseudonym);
  if (found.size < people.length) {
    throw new Error('An audit entry names a person in an incident that was purged or does not exist.');
  }
  const byKey = new Map(
    people.map((person) => [keyOf(person.incidentId, person.userId), found.get(person.n)]),
  );
  return events.map((event) => {
    const { incidentId } = event;
    return incidentId === null ? event : swapPeople(event, (userId) => byKey.get(keyOf(incidentId, userId)));
  });
}

/** The entries with the incident's pseudonyms resolved again; after the purge nothing resolves them. */
export async function reidentified(db: Db, incidentId: string, events: AuditEvent[]): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_actor')
    .select(['pseudonym', 'user_id'])
    .where('incident_id', '=', incidentId)
    .execute();
  if (rows.length === 0) return events;
  const userIds = new Map(rows.map((row) => [row.pseudonym, row.user_id]));
  return events.map((event) => swapPeople(event, (pseudonym) => userIds.get(pseudonym)));
}

/**
 * Adds the people not yet known (ON CONFLICT DO NOTHING) and returns the pseudonyms of all of
 * them, in one statement. The incident is locked FOR KEY SHARE, as the foreign key would, and
 * re-read if a purge holds it: a purge that commits first leaves nobody to add, and one that
 * comes later waits for this transaction and then deletes what it added. In one order, so two
 * writers meeting the same new people never wait on each other in turn.
 */
async function claim(db: Db, people: Person[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ n: number; pseudonym: string }>`
    with wanted (n, incident_id, user_id) as (values ${values(people)}),
    live as (
      select w.n, w.incident_id, w.user_id from wanted w join incident i on i.id = w.incident_id
      where i.purged_at is null order by w.incident_id, w.user_id for key share of i),
    added as (
      insert into audit_actor (incident_id, user_id) select incident_id, user_id from live
      on conflict (incident_id, user_id) do nothing
      returning incident_id, user_id, pseudonym)
    select l.n, a.pseudonym from added a join live l on l.incident_id = a.incident_id and l.user_id = a.user_id
    union all
    select l.n, m.pseudonym from audit_actor m
    join live l on l.incident_id = m.incident_id and l.user_id = m.user_id`.execute(db);
  return new Map(rows.map((row) => [Number(row.n), row.pseudonym]));
}

async function lookup(db: Db, people: Person[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ n: number; pseudonym: string }>`
    select w.n, m.pseudonym
    from (values ${values(people)}) as w (n, incident_id, user_id)
    join incident i on i.id = w.incident_id and i.purged_at is null
    join audit_actor m on m.incident_id = w.incident_id and m.user_id = w.user_id`.execute(db);
  return new Map(rows.map((row) => [Number(row.n), row.pseudonym]));
}

function values(people: Person[]) {
  return sql.join(
    people.map((person) => sql`(${person.n}::integer, ${person.incidentId}::uuid, ${person.userId}::text)`),
  );
}
