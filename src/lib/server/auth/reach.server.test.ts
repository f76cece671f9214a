// A bureau's reach is kept between requests, and follows every change to the area tree and to where an
// institution is placed, whoever makes it: here plain SQL, as an import or the console would.
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '#db/seed/demo.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Db } from '../db.ts';
import { loadActor } from './scope.ts';

let db: Db;
let adminId: string;
let county: number;
const run = (statement: string, ...params: unknown[]) => db.$client.prepare(statement).run(...params);
const reach = () => loadActor(db, adminId).administered;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db);
  adminId = (db.$client.prepare("SELECT id FROM users WHERE email = 'qinyuan-admin@yizhen.demo'").get() as { id: string }).id;
  county = (db.$client.prepare("SELECT area_id AS id FROM institutions WHERE name = '沁源县卫生健康局'").get() as { id: number }).id;
});

describe('a bureau’s reach', () => {
  it('gains an institution placed in its area, and loses it when it is moved out or removed', () => {
    const before = reach();
    expect(reach()).toBe(before); // kept, not worked out again
    const added = Number(run("INSERT INTO institutions (name, kind, area_id, created_at) VALUES ('沁源县新医院', 'hospital', ?, 1)", county).lastInsertRowid);
    expect(reach().institutionIds).toEqual([...before.institutionIds, added].sort((a, b) => a - b));
    const elsewhere = (db.$client.prepare("SELECT area_id AS id FROM institutions WHERE name = '长春市卫生健康委员会'").get() as { id: number }).id;
    run('UPDATE institutions SET area_id = ? WHERE id = ?', elsewhere, added);
    expect(reach().institutionIds).toEqual(before.institutionIds);
    run('UPDATE institutions SET area_id = ? WHERE id = ?', county, added);
    expect(reach().institutionIds).toContain(added);
    run('DELETE FROM institutions WHERE id = ?', added);
    expect(reach().institutionIds).toEqual(before.institutionIds);
  });

  it('gains an area made under its own, and what is placed there', () => {
    const township = Number(run("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('新设镇', 'township', ?, 1)", county).lastInsertRowid);
    expect(reach().areaIds).toContain(township);
    const clinic = Number(run("INSERT INTO institutions (name, kind, area_id, created_at) VALUES ('新设镇卫生院', 'township_centre', ?, 1)", township).lastInsertRowid);
    expect(reach().institutionIds).toContain(clinic);
    run('UPDATE areas SET parent_id = NULL WHERE id = ?', township);
    expect(reach().areaIds).not.toContain(township);
    expect(reach().institutionIds).not.toContain(clinic);
  });
});
