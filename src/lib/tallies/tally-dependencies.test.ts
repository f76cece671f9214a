// The running totals' declared dependencies against the schema and a migrated database.
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
import { declaredTriggers, installedTriggers } from '#db/triggers.ts';
import { TALLY_DEPENDENCIES, tableName, tallyTriggers } from './tally-dependencies.ts';

describe('the running totals’ dependencies', () => {
  it('put every column of a counted table in one list: counted, or read by no figure', () => {
    for (const dependency of TALLY_DEPENDENCIES) {
      const columns = getTableConfig(dependency.table).columns.map((column) => column.name).sort();
      expect([...dependency.counted, ...dependency.ignored].sort(), tableName(dependency)).toEqual(columns);
    }
  });

  it('note every insert, update and delete of a counted table, unless it is said why none can change a figure', () => {
    const triggers = tallyTriggers();
    for (const dependency of TALLY_DEPENDENCIES) {
      for (const change of ['insert', 'update', 'delete'] as const) {
        const made = triggers.has(`tally_${tableName(dependency)}_${change}`);
        expect(made || (change !== 'update' && !!dependency.quiet?.[change]), `${tableName(dependency)} ${change}`).toBe(true);
      }
    }
  });

  it('are all in a migrated database, exactly as declared, with the area tree’s', () => {
    const { db } = createTestDatabase();
    expect(installedTriggers(db)).toEqual(declaredTriggers());
    expect([...declaredTriggers().keys()]).toEqual(expect.arrayContaining([...tallyTriggers().keys(), 'area_tree_institutions_update']));
    db.$client.close();
  });
});
