import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from './connect.js';
import { migrateDownOne, migrateToLatest } from './migrate.js';

/** `npm run migrate` (to the newest version) or `npm run migrate -- down` (undo the last one). */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const down = process.argv.includes('down');
    const applied = down ? await migrateDownOne(database.db) : await migrateToLatest(database.db);
    process.stdout.write(
      `${database.kind} ${database.location}: ${applied.length ? applied.join(', ') : 'already up to date'}\n`,
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
