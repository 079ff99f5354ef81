import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from './connect.js';
import { asMigrationRole, prepareDatabase } from './database-setup.service.js';
import { migrateDownOne } from './migrate.js';

/**
 * `npm run migrate` (to the newest version, then the bot role's grants) or
 * `npm run migrate -- down` (undo the last one), as MIGRATION_DATABASE_URL's role when set.
 */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: 1,
  });
  try {
    const down = process.argv.includes('down');
    const { applied, grants } = down
      ? {
          applied: await asMigrationRole(database, config, (owner) => migrateDownOne(owner.db)),
          grants: null,
        }
      : await prepareDatabase(database, config);
    process.stdout.write(
      `${database.kind} ${database.location}: ${applied.length ? applied.join(', ') : 'already up to date'}` +
        `${grants ? `; role ${grants.role} may use ${grants.tables} tables` : ''}\n`,
    );
  } finally {
    await database.close();
  }
}

run().catch((error) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Migration error: ${error.message}`}\n`,
  );
  process.exit(1);
});
