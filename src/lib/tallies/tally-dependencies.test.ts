// The running totals' declared dependencies against the schema and a migrated database.
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
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

  it('are all in a migrated database, exactly as declared', () => {
    const { db } = createTestDatabase();
    const installed = new Map(db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tally_%'").all().map((row) => {
      const { name, sql } = row as { name: string; sql: string };
      return [name, sql];
    }));
    expect(installed).toEqual(tallyTriggers());
  });
});
