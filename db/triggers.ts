// Triggers made from declarations in the code rather than written in migrations: the running totals' (tally_*)
// and the area tree's (area_tree_*). A migration that rebuilds a table drops its triggers, and a trigger naming
// a table being rebuilt gets in the way; so they are all dropped before the migrations and made again after,
// exactly as declared (a test compares them with a migrated database).
import { sql } from 'drizzle-orm';
import type { Tx } from '../src/lib/server/db.ts';
import { areaTreeTriggers } from '../src/lib/places/area-tree.server.ts';
import { tallyTriggers } from '../src/lib/tallies/tally-dependencies.ts';

const PREFIXES = ['tally_', 'area_tree_'];

/** Every trigger the code declares, by name, as CREATE TRIGGER statements. */
export function declaredTriggers(): Map<string, string> {
  return new Map([...tallyTriggers(), ...areaTreeTriggers()]);
}

/** The declared kinds of trigger there are in the database, by name, with their SQL. */
export function installedTriggers(tx: Tx): Map<string, string> {
  const rows = tx.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
  return new Map(rows.filter((row) => PREFIXES.some((prefix) => row.name.startsWith(prefix))).map((row) => [row.name, row.sql]));
}

/** Drops every trigger of the declared kinds, including any no longer declared. */
export function dropDeclaredTriggers(tx: Tx): void {
  for (const name of installedTriggers(tx).keys()) tx.run(sql.raw(`DROP TRIGGER "${name}"`));
}

/** Makes the declared triggers exactly as declared, in one transaction. */
export function installDeclaredTriggers(tx: Tx): void {
  tx.transaction((inner) => {
    dropDeclaredTriggers(inner);
    for (const statement of declaredTriggers().values()) inner.run(sql.raw(statement));
  });
}
