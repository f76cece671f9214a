// Each test gets its own migrated SQLite file in a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../../db/migrate.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';

export function createTestDatabase(): { db: Db; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'yizhen-test-')), 'test.sqlite');
  const db = openDatabase(path);
  migrateDatabase(db);
  return { db, path };
}
