// `npm run backup` copies a live database (WAL mode, open for writing) into a consistent, restorable file.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { institutions } from '../../db/schema.ts';
import { isDatabaseEmpty, seedDemoData, DEMO_INSTITUTIONS } from '../../db/seed/demo.ts';
import { createTestDatabase } from '../setup/db.ts';

describe('backup', () => {
  it('writes a timestamped copy that holds everything, while the database is open', async () => {
    const { db, path } = createTestDatabase();
    expect(isDatabaseEmpty(db)).toBe(true);
    await seedDemoData(db);
    const backupDir = mkdtempSync(join(tmpdir(), 'yizhen-backup-'));
    const output = execFileSync(process.execPath, ['scripts/backup.mjs'], {
      env: { ...process.env, DATABASE_PATH: path, BACKUP_DIR: backupDir },
      encoding: 'utf8',
    });
    const [file] = readdirSync(backupDir);
    expect(file).toMatch(/^yizhen-\d{8}-\d{6}\.sqlite$/);
    expect(output).toContain(file);
    const copy = new Database(join(backupDir, file), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM institutions').get()).toEqual({ n: DEMO_INSTITUTIONS.length });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(db.select().from(institutions).all()).toHaveLength(DEMO_INSTITUTIONS.length);
  });
});
