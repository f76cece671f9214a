// The site's database for a console command (npm run grant, tallies:verify): the configuration checked (a wrong
// value stops the command with its message), the database opened and migrated as the site itself would.
import { migrateDatabase } from '../db/migrate.ts';
import { ConfigError, loadConfig } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db.ts';

export function openSiteDatabase() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[yizhen] ${error.message}`);
    process.exit(1);
  }
  const db = openDatabase(config.DATABASE_PATH);
  migrateDatabase(db);
  return { config, db };
}
