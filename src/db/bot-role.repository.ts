import { type Kysely, sql } from 'kysely';
import { BOT_TABLE_PRIVILEGES, MIGRATION_TABLES, type TablePrivilege } from './bot-role.rules.js';

/** What the owner granted the bot's role at this start, for the start-up log. */
export interface BotGrants {
  role: string;
  tables: number;
  sequences: number;
}

interface Relation {
  schema: string;
  name: string;
  sequence: boolean;
  /** A sequence behind a GENERATED … AS IDENTITY column: INSERT works without rights on it. */
  identity: boolean;
  /** The connected role owns it (or is a member of its owner), so it can grant on it. */
  ours: boolean;
  /** The bot's role is its owner, a member of the owner or a superuser: no grant can bind it. */
  botActsAsOwner: boolean;
}

const PRIVILEGES: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const policy: Readonly<Record<string, readonly TablePrivilege[]>> = BOT_TABLE_PRIVILEGES;

/** The role a connection logs in as (a URL's user name may be mapped, so it is asked). */
export async function currentRole<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  const role = rows[0]?.role;
  if (!role) throw new Error('The database did not say which role this connection uses.');
  return role;
}

/**
 * Run as the owner of the tables: leaves the bot's role with exactly BOT_TABLE_PRIVILEGES on
 * the tables of the current schema, USAGE on their sequences, and nothing on the rest.
 * Revoke and grant happen in one transaction, so every start ends in the same state whatever
 * was granted before (by an older version or by hand), and the bot's sessions never see a
 * table without its rights. A lock keeps instances starting together from granting at once
 * (concurrent GRANTs on one table fail with "tuple concurrently updated").
 */
export async function grantBotRole<DB>(owner: Kysely<DB>, botRole: string): Promise<BotGrants> {
  return owner.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('stappenplan:bot-grants', 0))`.execute(trx);
    const relations = await schemaRelations(trx, botRole);
    refuseUnprotectable(relations, botRole);
    const bot = sql.id(botRole);
    let tables = 0;
    let sequences = 0;
    for (const relation of relations.filter((item) => item.ours)) {
      const name = sql.id(relation.schema, relation.name);
      if (relation.sequence) {
        await sql`revoke all on sequence ${name} from ${bot}`.execute(trx);
        if (!relation.identity) {
          await sql`grant usage on sequence ${name} to ${bot}`.execute(trx);
          sequences += 1;
        }
        continue;
      }
      await sql`revoke all on table ${name} from ${bot}`.execute(trx);
      if (!Object.hasOwn(policy, relation.name)) continue;
      const allowed = policy[relation.name] ?? [];
      // Keywords from the fixed list only: a typo must not reach the SQL text.
      const keywords = allowed.filter((privilege) => PRIVILEGES.includes(privilege));
      if (keywords.length === 0) continue;
      await sql`grant ${sql.raw(keywords.join(', '))} on table ${name} to ${bot}`.execute(trx);
      tables += 1;
    }
    return { role: botRole, tables, sequences };
  });
}

/** Tables, views and sequences of the schema the migrations wrote to. */
async function schemaRelations<DB>(db: Kysely<DB>, botRole: string): Promise<Relation[]> {
  const { rows } = await sql<Relation>`
    select current_schema() as schema, c.relname as name,
      c.relkind = 'S' as sequence,
      exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
        and d.deptype = 'i') as identity,
      pg_has_role(current_user, c.relowner, 'USAGE') as ours,
      pg_has_role(${botRole}, c.relowner, 'MEMBER') as "botActsAsOwner"
    from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
    order by c.relname`.execute(db);
  return rows;
}

function refuseUnprotectable(relations: Relation[], botRole: string): void {
  const known = (name: string) => Object.hasOwn(policy, name) || MIGRATION_TABLES.includes(name);
  const owned = relations.find((relation) => relation.botActsAsOwner && known(relation.name));
  if (owned) {
    throw new Error(
      `The bot's database role "${botRole}" can act as the owner of ${owned.name} (it is that role, ` +
        'a member of it, or a superuser), so the audit trail would not be append-only. The tables must ' +
        'belong to MIGRATION_DATABASE_URL\'s role; see the README, "Running against PostgreSQL".',
    );
  }
  const unknown = relations.find((relation) => relation.ours && !relation.sequence && !known(relation.name));
  if (unknown) {
    throw new Error(
      `Table ${unknown.name} has no line in BOT_TABLE_PRIVILEGES (src/db/bot-role.rules.ts): ` +
        "the bot's role would not know what it may do there.",
    );
  }
  const missing = Object.keys(policy).find(
    (table) => !relations.some((relation) => relation.name === table && relation.ours),
  );
  if (missing) {
    throw new Error(
      `Table ${missing} does not belong to MIGRATION_DATABASE_URL's role, so it cannot grant the bot's role on it.`,
    );
  }
}
