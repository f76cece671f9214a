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

describe('lists of ids', () => {
  it('are written into the statement, whole numbers only, and an empty list matches nothing', async () => {
    const { inIds } = await import('./db.ts');
    const { sql } = await import('drizzle-orm');
    const { institutions } = await import('#db/schema.ts');
    const { db } = createTestDatabase();
    for (const name of ['甲', '乙', '丙']) db.$client.prepare("INSERT INTO institutions (name, kind, created_at) VALUES (?, 'hospital', 0)").run(name);
    const ids = (db.$client.prepare('SELECT id FROM institutions ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const names = (list: number[]) => db.all<{ name: string }>(sql`SELECT name FROM ${institutions} WHERE ${inIds(institutions.id, list)} ORDER BY id`).map((r) => r.name);
    expect(names([ids[0], ids[2]])).toEqual(['甲', '丙']);
    expect(names([])).toEqual([]);
    expect(() => inIds(institutions.id, [1, 2.5])).toThrow();
    expect(() => inIds(institutions.id, ['1) OR (1 = 1' as unknown as number])).toThrow();
  });
});
