// The area tree's version: triggers count every change to the tree or to where an institution is placed in it,
// so that what is worked out from the tree (a bureau's reach, src/lib/server/auth/scope.ts) can be kept between
// requests and worked out again only after a change, whoever made it (the site, an import, the console).
import { eq } from 'drizzle-orm';
import { areaTreeVersion } from '#db/schema.ts';
import { type Tx, perDatabase } from '../server/db.ts';

/** The triggers that count the changes, by name, as CREATE TRIGGER statements (installed by db/migrate.ts). */
export function areaTreeTriggers(): Map<string, string> {
  const bump = 'UPDATE area_tree_version SET version = version + 1;';
  const triggers = new Map<string, string>();
  for (const [table, placedBy] of [['areas', 'parent_id'], ['institutions', 'area_id']] as const) {
    for (const [change, event] of [['insert', 'INSERT'], ['update', `UPDATE OF ${placedBy}`], ['delete', 'DELETE']] as const) {
      const name = `area_tree_${table}_${change}`;
      triggers.set(name, `CREATE TRIGGER ${name} AFTER ${event} ON ${table} BEGIN ${bump} END`);
    }
  }
  return triggers;
}

/** How many times the tree has changed. */
export function areaTreeVersionNow(tx: Tx): number {
  const query = perDatabase(tx, 'areaTreeVersion', (handle) => handle.select({ version: areaTreeVersion.version }).from(areaTreeVersion).where(eq(areaTreeVersion.id, 1)).prepare());
  return query.get()?.version ?? 0;
}
