// `npm run backup` copies a live database (WAL mode, open for writing) into a consistent, restorable file.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { institutions } from '../../db/schema.ts';
import { isDatabaseEmpty, seedDemoData, DEMO_INSTITUTIONS } from '../../db/seed/demo.ts';
import { createTestDatabase } from '../setup/db.ts';

describe('backup', () => {
  it('writes a timestamped copy that holds everything while the database is open, for the site’s user only, the key apart', async () => {
    const { db, path } = createTestDatabase();
    expect(isDatabaseEmpty(db)).toBe(true);
    await seedDemoData(db);
    const backupDir = mkdtempSync(join(tmpdir(), 'yizhen-backup-'));
    writeFileSync(join(dirname(path), 'id-number.key'), 'c2VjcmV0IGtleSBmb3IgdGhlIGJhY2t1cCB0ZXN0IC0tLS0tLS0tLQ==');
    mkdirSync(join(dirname(path), 'uploads', 'receipts'), { recursive: true });
    writeFileSync(join(dirname(path), 'uploads', 'receipts', '1.jpg'), 'a receipt');
    const { ID_NUMBER_KEY: _configured, ...env } = process.env;
    const output = execFileSync(process.execPath, ['scripts/backup.mjs'], {
      env: { ...env, DATABASE_PATH: path, BACKUP_DIR: backupDir },
      encoding: 'utf8',
    });
    // The key stays apart from the backup unless asked for.
    const written = readdirSync(backupDir);
    const file = written.find((name) => name.endsWith('.sqlite'))!;
    const photos = written.find((name) => name.endsWith('-uploads'))!;
    expect(written).toHaveLength(2);
    expect(statSync(join(backupDir, photos, 'receipts', '1.jpg')).mode & 0o777).toBe(0o600);
    expect(statSync(join(backupDir, photos, 'receipts')).mode & 0o777).toBe(0o700);
    expect(file).toMatch(/^yizhen-\d{8}-\d{6}\.sqlite$/);
    expect(output).toContain(file);
    expect(output).toContain('not in the backup');
    // Personal data: readable by the site's user alone.
    expect(statSync(join(backupDir, file)).mode & 0o777).toBe(0o600);
    execFileSync(process.execPath, ['scripts/backup.mjs', '--with-key'], { env: { ...env, DATABASE_PATH: path, BACKUP_DIR: join(backupDir, 'with-key') }, encoding: 'utf8' });
    const keyCopy = readdirSync(join(backupDir, 'with-key')).find((name) => name.endsWith('.id-number.key'))!;
    expect(readFileSync(join(backupDir, 'with-key', keyCopy), 'utf8')).toBe('c2VjcmV0IGtleSBmb3IgdGhlIGJhY2t1cCB0ZXN0IC0tLS0tLS0tLQ==');
    expect(statSync(join(backupDir, 'with-key', keyCopy)).mode & 0o777).toBe(0o600);
    expect(statSync(join(backupDir, 'with-key')).mode & 0o777).toBe(0o700);
    const copy = new Database(join(backupDir, file), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM institutions').get()).toEqual({ n: DEMO_INSTITUTIONS.length });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(db.select().from(institutions).all()).toHaveLength(DEMO_INSTITUTIONS.length);
  });
});
