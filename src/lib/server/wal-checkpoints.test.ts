// The log's checkpoints in their own thread, against a real database file: what the site's connection writes
// reaches the database file itself without that connection copying it back.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
import { checkpointInBackground } from './wal-checkpoints.ts';

/** The rows of `t` that the database file holds on its own, without its log (-1 when caught mid-copy). */
function rowsInTheFile(path: string): number {
  const copy = `${path}.copy`;
  copyFileSync(path, copy);
  const alone = new Database(copy, { readonly: true });
  try {
    const made = alone.prepare("SELECT 1 FROM sqlite_master WHERE name = 't'").get();
    return made ? (alone.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n : 0;
  } catch {
    // A copy taken while the thread was writing the file.
    return -1;
  } finally {
    alone.close();
  }
}

const write = (db: Database.Database, rows: number) => {
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(500));
  })();
};

describe('checkpoints in the background', () => {
  it('copy the log into the database file while the site only writes, and leave it to the site again once stopped', async () => {
    const { db, path } = createTestDatabase();
    db.$client.exec('CREATE TABLE t (x TEXT)');
    const checkpoints = checkpointInBackground(db, path, { everyMs: 50 });
    // 2,000 pages of rows: past the 1,000 at which the site's connection would have copied them itself.
    for (let i = 0; i < 10; i++) write(db.$client, 1_600);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const deadline = Date.now() + 10_000;
    let rows = rowsInTheFile(path);
    while (rows !== 16_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows = rowsInTheFile(path);
    }
    expect(rows).toBe(16_000);
    await checkpoints.stop();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('without the thread, the rows stay in the log until the site copies them', () => {
    const { db, path } = createTestDatabase();
    db.$client.exec('CREATE TABLE t (x TEXT)');
    db.$client.pragma('wal_autocheckpoint = 10000');
    write(db.$client, 1_600);
    expect(rowsInTheFile(path)).toBe(0);
    db.$client.pragma('wal_checkpoint(PASSIVE)');
    expect(rowsInTheFile(path)).toBe(1_600);
  });
});
