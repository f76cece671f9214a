import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';

describe('database handle', () => {
  it('is in WAL mode with foreign keys on', () => {
    const { db } = createTestDatabase();
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reuses compiled statements, handing a reused reader back out of raw mode', () => {
    const { db } = createTestDatabase();
    const first = db.$client.prepare('SELECT 1 AS one');
    first.raw(true);
    expect(first.get()).toEqual([1]);
    const again = db.$client.prepare('SELECT 1 AS one');
    expect(again).toBe(first);
    expect(again.get()).toEqual({ one: 1 });
    // Writers are cached too, and still run.
    db.$client.prepare('CREATE TABLE t (x INTEGER)').run();
    for (let i = 0; i < 3; i++) db.$client.prepare('INSERT INTO t (x) VALUES (?)').run(i);
    expect(db.$client.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
  });
});

describe('prepared queries', () => {
  it('are built once per database and serve its transactions too', async () => {
    const { perDatabase } = await import('./db.ts');
    const { db } = createTestDatabase();
    let builds = 0;
    const run = (tx: Parameters<typeof perDatabase>[0]) =>
      perDatabase(tx, 'one', (handle) => {
        builds += 1;
        return { get: () => handle };
      });
    run(db);
    db.transaction((tx) => run(tx));
    db.transaction((tx) => run(tx));
    expect(builds).toBe(1);
    expect(() => run(createTestDatabase().db)).not.toThrow();
    expect(builds).toBe(2);
  });
});
