// The list of villages a page at a time: a province has thousands.
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
import { loadActor } from '../server/auth/scope.ts';
import { ensureAreaPath, listVillages } from './places.server.ts';

describe('the list of villages', () => {
  it('is shown fifty at a time, by county, township and name, one county alone when chosen', () => {
    const { db } = createTestDatabase();
    const run = (statement: string, ...params: unknown[]) => db.$client.prepare(statement).run(...params);
    const townships = [ensureAreaPath(db, ['吉林省', '长春市', '农安县', '合心镇']), ensureAreaPath(db, ['吉林省', '长春市', '榆树市', '大岭镇'])];
    for (let v = 0; v < 70; v++) run("INSERT INTO villages (township_id, name, status, created_at) VALUES (?, ?, 'poverty_village', 1)", townships[v % 2], `村${String(v).padStart(2, '0')}`);
    run("INSERT INTO users (id, email, name, password_hash, locale, created_at) VALUES ('u', 'u@test.example', '志愿者', 'x', 'zh-CN', 1)");
    const actor = loadActor(db, 'u');
    const first = listVillages(db, { actor, query: {}, page: { number: 1, size: 50 } });
    expect([first.page, first.total, first.rows.length]).toEqual([1, 70, 50]);
    // 农安县 before 榆树市 (by name), then the villages of each by name.
    expect(first.rows[0]).toMatchObject({ county: '农安县', name: '村00' });
    expect(first.rows[34]).toMatchObject({ county: '农安县', name: '村68' });
    expect(first.rows[35]).toMatchObject({ county: '榆树市', name: '村01' });
    const second = listVillages(db, { actor, query: {}, page: { number: 2, size: 50 } });
    expect([second.page, second.rows.length, second.rows.at(-1)?.name]).toEqual([2, 20, '村69']);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(70);
    // Past the last page: the last page.
    expect(listVillages(db, { actor, query: {}, page: { number: 9, size: 50 } }).page).toBe(2);
    const county = db.$client.prepare("SELECT id FROM areas WHERE name = '榆树市'").get() as { id: number };
    const one = listVillages(db, { actor, query: { county: county.id }, page: { number: 1, size: 50 } });
    expect([one.total, one.rows.every((r) => r.county === '榆树市')]).toEqual([35, true]);
    db.$client.close();
  });
});
