// Staff sent to a village (驻村) against a real database, on Qinyuan's case (seed 004): beside the demo's village
// work team leader 赵永春, the county hospital sends 郭志强 to live in 红沙崖村; while he is there he opens its
// households and records their visits (handing out the hospital's goods if he is one of its members), and when
// he leaves the door closes.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { households, institutions, memberships, postings, staff, stockEntries, users, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusedWith as refusal } from '#tests/setup/refusal.ts';
import { getHousehold } from '../households/households.server.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { itemSchema, receiptSchema } from '../stock/stock.ts';
import { createItem, receiveStock } from '../stock/stock.server.ts';
import { visitSchema } from '../visits/visits.ts';
import { recordVisit, visitFormContext } from '../visits/visits.server.ts';
import { postingSchema } from './postings.ts';
import { endPosting, institutionPostings, sendStaff, villageResidents } from './postings.server.ts';

const NOW = Date.parse('2020-09-20T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let hospital: number;
let village: number;
let household: number;
let zhao: number;
let userId: string;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '沁源县人民医院');
  hospital = coordinator.memberships[0].institutionId;
  village = db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
  household = db.insert(households).values({ villageId: village, headName: '红沙崖村一户', idNumberCipher: 'x', idNumberIndex: randomUUID(), idNumberMasked: '1***', cause: 'illness', createdAt: 1 }).returning().get().id;
  userId = randomUUID();
  db.insert(users).values({ id: userId, email: `${userId}@test.example`, name: '郭志强', passwordHash: 'x', emailVerifiedAt: 1 }).run();
  zhao = db.insert(staff).values({ institutionId: hospital, name: '郭志强', profession: 'administrative', userId, createdAt: 1 }).returning().get().id;
});

const send = (fields: Record<string, string>) => sendStaff(db, { actor: coordinator, input: postingSchema.parse({ staffId: String(zhao), kind: 'village', villageId: String(village), role: 'team_member', fromDate: '2020-03-01', purpose: '脱贫攻坚驻村帮扶', ...fields }) }, NOW);
const resident = () => loadActor(db, userId);
const visit = (quantities: Record<string, string> = {}) => {
  const { photos: _none, ...input } = visitSchema.parse({
    householdId: String(household),
    institutionId: String(hospital),
    submissionKey: randomUUID(),
    visitedOn: '2020-09-19',
    visitedTime: '10:00',
    purpose: 'care',
    visitors: [String(zhao)],
    checks: {},
    readings: {},
    quantities,
    followUps: {},
  });
  return recordVisit(db, { actor: resident(), input }, NOW);
};

describe('a posting to a village (驻村)', () => {
  it('opens the village’s households to the resident while it lasts, and shows on the village and the institution', async () => {
    expect(await refusal(() => getHousehold(db, { actor: resident(), householdId: household }, NOW))).toBe('error.forbidden');
    const posting = send({});
    expect(getHousehold(db, { actor: resident(), householdId: household }, NOW).headName).toBe('红沙崖村一户');
    const form = visitFormContext(db, { actor: resident(), householdId: household }, NOW);
    expect([form.institutions.map((i) => i.id), form.staff.map((s) => s.name).sort()]).toEqual([[hospital], ['赵永春', '郭志强'].sort()]);
    expect((await visit()).created).toBe(true);
    // Not another village's households.
    const yonglong = db.select().from(households).where(eq(households.headName, '阴永龙')).get()!.id;
    expect(await refusal(() => getHousehold(db, { actor: resident(), householdId: yonglong }, NOW))).toBe('error.forbidden');

    const admin = actorWithRole(db, 'admin', '沁源县卫生健康局');
    expect(villageResidents(db, { actor: admin, villageId: village }).now.map((r) => [r.name, r.role])).toEqual([['赵永春', 'team_leader'], ['郭志强', 'team_member']]);
    expect(institutionPostings(db, { actor: coordinator, institutionId: hospital }).sent.map((p) => [p.name, p.village, p.current])).toEqual([['郭志强', '红沙崖村', true], ['赵永春', '红沙崖村', true]]);

    endPosting(db, { actor: coordinator, postingId: posting.id, toDate: '2020-09-19' }, NOW);
    expect(await refusal(() => getHousehold(db, { actor: resident(), householdId: household }, NOW))).toBe('error.forbidden');
    expect(villageResidents(db, { actor: admin, villageId: village }).before.map((r) => r.toDate)).toEqual(['2020-09-19']);
  });

  it('hands out the institution’s goods only when the resident is one of its members', async () => {
    send({});
    const item = createItem(db, { actor: coordinator, input: itemSchema.parse({ institutionId: String(hospital), name: '板蓝根颗粒', genericName: '板蓝根颗粒', kind: 'drug', unit: 'box', unitPrice: '15' }) }, NOW);
    receiveStock(db, { actor: coordinator, input: receiptSchema.parse({ itemId: String(item.id), amount: '20', source: 'bought', batchNo: 'B1', expiryDate: '2021-12-31' }) }, '2020-09-01', NOW);
    expect(await refusal(() => visit({ [item.id]: '2' }))).toBe('validation.choice quantities');
    db.insert(memberships).values({ userId, institutionId: hospital, role: 'member' }).run();
    expect((await visit({ [item.id]: '2' })).created).toBe(true);
    expect(db.select().from(stockEntries).where(and(eq(stockEntries.itemId, item.id), eq(stockEntries.kind, 'handout'))).all().map((e) => e.quantity)).toEqual([-2]);
  });

  it('is recorded by the sending institution’s coordinators only, with a place that fits its kind', async () => {
    const stranger = actorWithRole(db, 'coordinator', '长春市中心医院');
    const input = postingSchema.parse({ staffId: String(zhao), kind: 'village', villageId: String(village), role: 'team_member', fromDate: '2020-03-01' });
    expect(await refusal(() => sendStaff(db, { actor: stranger, input }, NOW))).toBe('error.forbidden');
    expect(postingSchema.safeParse({ staffId: String(zhao), kind: 'village', role: 'training', fromDate: '2020-03-01' }).error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['role', 'villageId']);
    const other = db.select().from(institutions).where(eq(institutions.name, '长春市中心医院')).get()!.id;
    const secondment = sendStaff(db, { actor: coordinator, input: postingSchema.parse({ staffId: String(zhao), kind: 'institution', hostInstitutionId: String(other), role: 'training', fromDate: '2020-01-01', toDate: '2020-06-30' }) }, NOW);
    expect(db.select().from(postings).where(eq(postings.id, secondment.id)).get()).toMatchObject({ villageId: null, hostInstitutionId: other, institutionId: hospital });
    // The database refuses a posting whose place does not fit its kind.
    expect(() => db.$client.prepare("INSERT INTO postings (staff_id, institution_id, kind, role, from_date, created_at) VALUES (?, ?, 'village', 'team_member', '2020-01-01', 1)").run(zhao, hospital)).toThrow(/CHECK/);
  });
});
