// `npm run backup` copies a live database (WAL mode, open for writing) into a consistent, restorable file.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { institutions } from '../../db/schema.ts';
import { isDatabaseEmpty, seedDemoData, DEMO_INSTITUTIONS } from '../../db/seed/demo.ts';
import { createTestDatabase } from '../setup/db.ts';

describe('backup', () => {
  it('writes a timestamped copy that holds everything, with the ID-number key, while the database is open', async () => {
    const { db, path } = createTestDatabase();
    expect(isDatabaseEmpty(db)).toBe(true);
    await seedDemoData(db);
    const backupDir = mkdtempSync(join(tmpdir(), 'yizhen-backup-'));
    writeFileSync(join(dirname(path), 'id-number.key'), 'c2VjcmV0IGtleSBmb3IgdGhlIGJhY2t1cCB0ZXN0IC0tLS0tLS0tLQ==');
    const { ID_NUMBER_KEY: _configured, ...env } = process.env;
    const output = execFileSync(process.execPath, ['scripts/backup.mjs'], {
      env: { ...env, DATABASE_PATH: path, BACKUP_DIR: backupDir },
      encoding: 'utf8',
    });
    const [keyCopy, file] = readdirSync(backupDir).sort((a, b) => b.length - a.length);
    expect(keyCopy).toMatch(/^yizhen-\d{8}-\d{6}\.id-number\.key$/);
    expect(readFileSync(join(backupDir, keyCopy), 'utf8')).toBe('c2VjcmV0IGtleSBmb3IgdGhlIGJhY2t1cCB0ZXN0IC0tLS0tLS0tLQ==');
    expect(file).toMatch(/^yizhen-\d{8}-\d{6}\.sqlite$/);
    expect(output).toContain(file);
    const copy = new Database(join(backupDir, file), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM institutions').get()).toEqual({ n: DEMO_INSTITUTIONS.length });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(db.select().from(institutions).all()).toHaveLength(DEMO_INSTITUTIONS.length);
  });
});
