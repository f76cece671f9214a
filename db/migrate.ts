// Applies the migrations in db/migrations that the database has not seen yet.
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/lib/server/db.ts';
import { installTallyTriggers } from '../src/lib/tallies/tally-dependencies.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
  // The running totals' triggers are made from their declaration, so a table a migration rebuilt keeps them.
  installTallyTriggers(db);
  // Gathers statistics for indexes a migration has just made (and any table whose numbers have moved a lot),
  // so that the query planner uses them; quick when nothing has changed.
  db.$client.pragma('optimize');
}
