// Correcting households, their members and villages against the demo register: who may, what is kept, what
// the history says.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { households, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { recordHistory } from '../audit/audit.server.ts';
import { villageSchema } from '../places/places.ts';
import { getVillage, updateVillage, villageToCorrect } from '../places/places.server.ts';
import type { Db } from '../server/db.ts';
import { idVault } from '../server/id-vault.ts';
import { householdMemberSchema, householdUpdateSchema, memberRemovalSchema } from './households.ts';
import { addHouseholdMember, getHousehold, removeHouseholdMember, updateHousehold, updateHouseholdMember } from './households.server.ts';

const NOW = Date.parse('2019-10-17T10:00:00+08:00');
let db: Db;
let sun: typeof households.$inferSelect;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  sun = db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
});

const form = (fields: Record<string, string> = {}) => {
  const { householdId: _id, ...input } = householdUpdateSchema.parse({ householdId: String(sun.id), villageId: String(sun.villageId), headName: sun.headName, cause: sun.cause, status: sun.status, hamlet: sun.hamlet ?? '', phone: sun.phone ?? '', ...fields });
  return input;
};

describe('correcting a household', () => {
  it('changes what was typed, keeps the ID number unless a new one is given, and logs only what changed', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const { changed } = updateHousehold(db, { actor: coordinator, householdId: sun.id, input: form({ status: 'lifted', liftedYear: '2020', villageDoctor: '王村医' }) }, NOW);
    expect(changed.sort()).toEqual(['liftedYear', 'status', 'villageDoctor']);
    const after = db.select().from(households).where(eq(households.id, sun.id)).get()!;
    expect(after).toMatchObject({ status: 'lifted', liftedYear: 2020, villageDoctor: '王村医', idNumberIndex: sun.idNumberIndex });
    const [entry] = recordHistory(db, { actor: coordinator, records: [{ entity: 'household', ids: [sun.id] }] });
    expect(entry).toMatchObject({ action: 'update', before: { status: 'registered', liftedYear: null }, after: { status: 'lifted', liftedYear: 2020 } });
    // A new ID number replaces the old one, and only its masked form reaches the log.
    updateHousehold(db, { actor: coordinator, householdId: sun.id, input: form({ idNumber: '11010519491231002X' }) }, NOW);
    const renumbered = db.select().from(households).where(eq(households.id, sun.id)).get()!;
    expect(idVault().decrypt(renumbered.idNumberCipher)).toBe('11010519491231002X');
    const [latest] = recordHistory(db, { actor: coordinator, records: [{ entity: 'household', ids: [sun.id] }] });
    expect(JSON.stringify(latest)).not.toContain('11010519491231002X');
    expect(latest.after).toHaveProperty('idNumberMasked');
  });

  it('refuses a coordinator who may not change it, and a move to a village the institution is not paired with', () => {
    expect(() => updateHousehold(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), householdId: sun.id, input: form({ headName: '改名' }) }, NOW)).toThrow('error.forbidden');
    expect(() => updateHousehold(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), householdId: sun.id, input: form({ headName: '改名' }) }, NOW)).toThrow('error.forbidden');
    const liujiagou = db.select().from(villages).where(eq(villages.name, '刘家沟村')).get()!;
    expect(() => updateHousehold(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), householdId: sun.id, input: form({ villageId: String(liujiagou.id) }) }, NOW)).toThrow('household.villageNotPaired');
    expect(db.select().from(households).where(eq(households.id, sun.id)).get()).toEqual(sun);
  });
});

describe('household members', () => {
  it('are corrected, and leave with a date and a reason while staying on record', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const member = addHouseholdMember(db, { actor: coordinator, input: householdMemberSchema.parse({ householdId: String(sun.id), name: '孙大娘', relation: '配偶', birthYear: '1950' }) }, NOW);
    updateHouseholdMember(db, { actor: coordinator, memberId: member.id, input: householdMemberSchema.omit({ householdId: true }).parse({ name: '孙大娘', relation: '配偶', birthYear: '1951', chronicIllness: '高血压' }) }, NOW);
    removeHouseholdMember(db, { actor: coordinator, input: memberRemovalSchema.parse({ memberId: String(member.id), removedOn: '2020-03-02', reason: 'deceased' }) }, NOW);
    const file = getHousehold(db, { actor: coordinator, householdId: sun.id }, NOW);
    expect(file.members.map((m) => m.name)).not.toContain('孙大娘');
    expect(file.formerMembers).toEqual([expect.objectContaining({ name: '孙大娘', birthYear: 1951, chronicIllness: '高血压', removedOn: '2020-03-02', removalReason: 'deceased' })]);
    expect(() => removeHouseholdMember(db, { actor: coordinator, input: memberRemovalSchema.parse({ memberId: String(member.id), removedOn: '2020-03-02', reason: 'deceased' }) }, NOW)).toThrow('household.memberAlreadyRemoved');
    expect(memberRemovalSchema.safeParse({ memberId: '1', removedOn: '2020-03-02', reason: 'other' }).error!.issues[0]).toMatchObject({ path: ['note'], message: 'household.removalNoteRequired' });
  });
});

describe('correcting a village', () => {
  it('is for administrators, keeps its place or moves it, and refuses a name already used in the township', () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const liujiatun = db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!;
    const current = villageToCorrect(db, { actor: admin, villageId: liujiatun.id });
    const input = (fields: Record<string, string>) => villageSchema.parse({ province: current.province, city: current.city, county: current.county, township: current.township, name: current.name, status: current.status, population: String(current.population), poorHouseholds: String(current.poorHouseholds), doctorName: current.doctorName ?? '', ...fields });
    updateVillage(db, { actor: admin, villageId: liujiatun.id, input: input({ status: 'lifted', liftedYear: '2020', secretaryName: '李书记' }) }, NOW);
    expect(getVillage(db, { actor: admin, villageId: liujiatun.id })).toMatchObject({ status: 'lifted', liftedYear: 2020, township: current.township, contacts: expect.objectContaining({ secretaryName: '李书记' }) });
    expect(() => updateVillage(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), villageId: liujiatun.id, input: input({}) }, NOW)).toThrow('error.forbidden');
    const dongdao = db.select().from(villages).where(eq(villages.name, '东道村')).get()!;
    expect(() => updateVillage(db, { actor: admin, villageId: dongdao.id, input: input({}) }, NOW)).toThrow('place.villageExists');
  });
});
