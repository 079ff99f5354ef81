import { type BotGrants, currentRole, grantBotRole } from './bot-role.repository.js';
import { type DatabaseHandle, openDatabase, redactUrl } from './connect.js';
import { migrateToLatest } from './migrate.js';

/** The two connection strings of a PostgreSQL set-up (Config's fields of the same names). */
export interface DatabaseUrls {
  /** The bot's role. */
  databaseUrl: string | null;
  /** The role that runs the migrations and owns the tables; the bot's when null or equal. */
  migrationDatabaseUrl: string | null;
}

/** What start-up did to the database, for the start-up log. */
export interface DatabaseSetup {
  /** Migrations applied now. */
  applied: string[];
  /** What the owner granted the bot's role; null when one role does everything. */
  grants: BotGrants | null;
}

/**
 * Brings the schema up to date as the owner role and, when the bot logs in as another role,
 * gives that role exactly what it uses (so it cannot change or remove audit entries). Run at
 * every start: a table added by a migration gets its grant straight away.
 */
export async function prepareDatabase(bot: DatabaseHandle, urls: DatabaseUrls): Promise<DatabaseSetup> {
  if (!hasSeparateOwner(bot, urls)) return { applied: await migrateToLatest(bot.db), grants: null };
  // Asked first, outside asMigrationRole: a problem with the bot's own URL keeps its own name.
  const botRole = await currentRole(bot.db);
  return asMigrationRole(bot, urls, async (owner) => {
    const applied = await migrateToLatest(owner.db);
    if ((await currentRole(owner.db)) === botRole) return { applied, grants: null };
    return { applied, grants: await grantBotRole(owner.db, botRole) };
  });
}

function hasSeparateOwner(
  bot: DatabaseHandle,
  urls: DatabaseUrls,
): urls is DatabaseUrls & { migrationDatabaseUrl: string } {
  return (
    bot.kind === 'postgres' && !!urls.migrationDatabaseUrl && urls.migrationDatabaseUrl !== urls.databaseUrl
  );
}

/**
 * Runs `work` connected as MIGRATION_DATABASE_URL's role, or on the bot's own connection when
 * there is no separate one (the embedded database, or one URL for both).
 */
export async function asMigrationRole<T>(
  bot: DatabaseHandle,
  urls: DatabaseUrls,
  work: (owner: DatabaseHandle) => Promise<T>,
): Promise<T> {
  if (!hasSeparateOwner(bot, urls)) return work(bot);
  const url = urls.migrationDatabaseUrl;
  const owner = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 1 });
  try {
    return await work(owner);
  } catch (error) {
    // Name the variable: "DATABASE_URL" in a later message would send the reader to the wrong one.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`MIGRATION_DATABASE_URL (${redactUrl(url)}): ${message}`, { cause: error });
  } finally {
    await owner.close();
  }
}
