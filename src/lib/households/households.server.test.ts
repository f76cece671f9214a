// Who may see which household, against the demo register: 刘家屯村 (paired with 长春市中心医院 and others as a
// village; its households each paired with one institution) and 刘家沟村 (沁源县人民医院).
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, households, pairings } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusal } from '#tests/setup/refusal.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { type MessageKey, translate } from '#src/i18n/index.ts';
import { householdSchema } from './households.ts';
import { createHousehold, getHousehold, householdRegister, listHouseholds, revealIdNumber } from './households.server.ts';

const NOW = Date.parse('2019-10-17T10:00:00+08:00');
const heads = (rows: { headName: string }[]) => rows.map((r) => r.headName).sort();
const LIUJIATUN = ['孙广森', '崔右海', '倪殿义', '李文俊', '杜井富', '林秀志', '林江', '黄希荣'].sort();

let db: Db;
beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
});

describe('household visibility', () => {
  it('a bureau\'s administrator sees the households its area\'s institutions are paired with, and no other area\'s', () => {
    const changchun = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    expect(heads(listHouseholds(db, { actor: changchun }, NOW))).toEqual(LIUJIATUN);
    const qinyuan = actorWithRole(db, 'admin', '沁源县卫生健康局');
    expect(heads(listHouseholds(db, { actor: qinyuan }, NOW))).toEqual(['王文中', '阴永龙']);
    const sun = db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    expect(() => getHousehold(db, { actor: qinyuan, householdId: sun.id }, NOW)).toThrow(ForbiddenError);
  });

  it('the system operator sees none', () => {
    const operator = actorWithRole(db, 'operator', '长春市卫生健康委员会');
    expect(listHouseholds(db, { actor: operator }, NOW)).toEqual([]);
    const sun = db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    expect(() => getHousehold(db, { actor: operator, householdId: sun.id }, NOW)).toThrow(ForbiddenError);
  });

  it('a coordinator of a village’s paired institution sees that village’s households, and no others', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    expect(heads(listHouseholds(db, { actor: coordinator }, NOW))).toEqual(LIUJIATUN);
  });

  it('a coordinator paired with households only sees just those', () => {
    const bloodStation = actorWithRole(db, 'coordinator', '长春市中心血站');
    expect(heads(listHouseholds(db, { actor: bloodStation }, NOW))).toEqual(['杜井富', '黄希荣']);
    const other = listHouseholds(db, { actor: actorWithRole(db, 'admin', '长春市卫生健康委员会') }, NOW).find((h) => h.headName === '孙广森')!;
    expect(() => getHousehold(db, { actor: bloodStation, householdId: other.id }, NOW)).toThrow(ForbiddenError);
  });

  it('another county’s coordinator, a member and the publicity office see none', () => {
    for (const actor of [
      actorWithRole(db, 'coordinator', '沁源县人民医院'),
      actorWithRole(db, 'member', '长春市中心医院'),
      actorWithRole(db, 'publicity', '长春市卫生健康委员会'),
    ]) {
      const seen = heads(listHouseholds(db, { actor }, NOW));
      expect(seen.filter((h) => LIUJIATUN.includes(h))).toEqual([]);
    }
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    const any = db.select({ id: households.id }).from(households).get()!;
    expect(() => getHousehold(db, { actor: publicity, householdId: any.id }, NOW)).toThrow(ForbiddenError);
  });

  it('an ended pairing no longer opens the household', () => {
    const bloodStation = actorWithRole(db, 'coordinator', '长春市中心血站');
    db.update(pairings).set({ endDate: '2019-10-16' }).where(eq(pairings.target, 'household')).run();
    expect(listHouseholds(db, { actor: bloodStation }, NOW)).toEqual([]);
  });
});

describe('ID numbers', () => {
  it('are shown masked, and in full only to a paired coordinator who asks, with an audit entry', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心血站');
    const [row] = householdRegister(db, { actor: coordinator, query: { q: '黄希荣' } }, NOW).rows;
    expect(row.idNumberMasked).toMatch(/^2201\*{10}\d{3}[\dX]$/);
    const household = getHousehold(db, { actor: coordinator, householdId: row.id }, NOW);
    expect(household.mayRevealIdNumber).toBe(true);
    expect(JSON.stringify(household)).not.toMatch(/v1:/);
    const before = db.select({ n: count() }).from(auditLog).get()!.n;
    const full = revealIdNumber(db, { actor: coordinator, householdId: row.id }, NOW);
    expect(full).toMatch(/^220122\d{11}[\dX]$/);
    expect(full.slice(-4)).toBe(row.idNumberMasked.slice(-4));
    expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(before + 1);
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ action: 'reveal_id_number', entityId: String(row.id), actorId: coordinator.userId });

    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    expect(getHousehold(db, { actor: admin, householdId: row.id }, NOW).mayRevealIdNumber).toBe(false);
    expect(() => revealIdNumber(db, { actor: admin, householdId: row.id }, NOW)).toThrow(ForbiddenError);
  });

  it('refuses a second household with the same ID number, and writes nothing', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const village = listHouseholds(db, { actor: coordinator }, NOW)[0].villageId;
    const input = householdSchema.parse({ villageId: String(village), headName: '新户', idNumber: '11010519491231002x', cause: 'illness' });
    expect(input.idNumber).toBe('11010519491231002X');
    createHousehold(db, { actor: coordinator, input }, NOW);
    const count1 = db.select({ n: count() }).from(households).get()!.n;
    expect(() => createHousehold(db, { actor: coordinator, input: { ...input, headName: '重复' } }, NOW)).toThrow('household.duplicate');
    expect(db.select({ n: count() }).from(households).get()!.n).toBe(count1);
  });

  it('does not tell a coordinator that a person is registered where it cannot see', () => {
    // 孙广森 is on file in 刘家屯村; 沁源县人民医院 cannot see him, and may not learn that he is registered.
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const own = listHouseholds(db, { actor: qinyuan }, NOW)[0];
    const sun = db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const idNumber = revealIdNumber(db, { actor: coordinator, householdId: sun.id }, NOW);
    const input = householdSchema.parse({ villageId: String(own.villageId), headName: '孙广森', idNumber, cause: 'illness' });
    const refused = refusal(() => createHousehold(db, { actor: qinyuan, input }, NOW));
    expect(refused).toMatchObject({ field: 'idNumber', message: 'household.idNumberRefused' });
    expect(translate('zh-CN', refused.message as MessageKey)).not.toMatch(/已有|登记|档案/);
  });

  it('does not let a coordinator add households to a village it is not paired with', () => {
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const liujiatun = db.select().from(households).where(eq(households.headName, '孙广森')).get()!.villageId;
    const input = householdSchema.parse({ villageId: String(liujiatun), headName: '外村户', idNumber: '11010519491231002X', cause: 'illness' });
    expect(() => createHousehold(db, { actor: qinyuan, input }, NOW)).toThrow('household.villageNotPaired');
  });

  it('rejects a malformed ID number in the form', () => {
    const result = householdSchema.safeParse({ villageId: '1', headName: '户主', idNumber: '110105194912310021', cause: 'illness' });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['idNumber', 'household.idNumberInvalid']]);
  });
});
