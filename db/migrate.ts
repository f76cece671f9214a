// Applies the migrations in db/migrations that the database has not seen yet.
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/lib/server/db.ts';
import { dropDeclaredTriggers, installDeclaredTriggers } from './triggers.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function migrateDatabase(db: Db): void {
  // A migration that rebuilds a table (to add a CHECK, say) drops the old one; with foreign keys enforced that
  // drop would delete, or cascade into, the rows that refer to it. So they are off while migrating (the pragma
  // has no effect inside the migrations' transaction), and every reference is checked afterwards.
  db.$client.pragma('foreign_keys = OFF');
  try {
    // Triggers name other tables, and a rebuilt table would trip them; they are made again below.
    db.transaction((tx) => dropDeclaredTriggers(tx));
    const before = appliedMigrations(db);
    migrate(db, { migrationsFolder });
    // Checking every reference reads every table, so only after migrations have run.
    const broken = appliedMigrations(db) === before ? [] : (db.$client.pragma('foreign_key_check') as unknown[]);
    if (broken.length > 0) throw new Error(`the migrations left ${broken.length} rows referring to rows that do not exist: ${JSON.stringify(broken.slice(0, 5))}`);
  } finally {
    db.$client.pragma('foreign_keys = ON');
  }
  // The triggers are made from their declarations, so a table a migration rebuilt keeps them.
  installDeclaredTriggers(db);
  // Gathers statistics for indexes a migration has just made (and any table whose numbers have moved a lot),
  // so that the query planner uses them; quick when nothing has changed.
  db.$client.pragma('optimize');
}

/** How many migrations the database has had (none on a new one). */
function appliedMigrations(db: Db): number {
  const table = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (db.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}
