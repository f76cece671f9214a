// Seed 001: 周川, sent by the Gongjing district health bureau to live in 成佳镇刘家村, visits every household in
// his first week with 板蓝根 and 玄麦甘桔颗粒 as a gift. He is a member of his bureau with no other role: his
// residency opens the village's households to him, and his bureau's stock for what he hands out. He started
// three days before the demo is loaded and has been to two of the three households; the third is left for him.
// Written through the domain functions, as the bureau's administrator and 周川 would enter them.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { households, staff, users, villages } from '../schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { addDays, beijingDate, beijingInstant } from '../../src/lib/time/beijing.ts';
import { postingSchema } from '../../src/lib/postings/postings.ts';
import { sendStaff } from '../../src/lib/postings/postings.server.ts';
import { createItem, receiveStock } from '../../src/lib/stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../../src/lib/stock/stock.ts';
import { visitSchema } from '../../src/lib/visits/visits.ts';
import { recordVisit } from '../../src/lib/visits/visits.server.ts';

/** 周川's account: a member of the district bureau, resident in 刘家村. */
export const RESIDENT_CADRE_EMAIL = 'zhouchuan@yizhen.demo';

export async function seedDemoGongjing(db: Db, now = Date.now()): Promise<void> {
  const accountOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  const admin = loadActor(db, accountOf('gongjing-admin@yizhen.demo'));
  const bureau = admin.memberships.find((m) => m.role === 'admin')!.institutionId;
  const today = beijingDate(now);

  const zhou = db
    .insert(staff)
    .values({ institutionId: bureau, name: '周川', sex: 'male', title: '医师', profession: 'doctor', userId: accountOf(RESIDENT_CADRE_EMAIL), createdAt: now })
    .returning({ id: staff.id })
    .get().id;
  const village = db.select({ id: villages.id }).from(villages).where(eq(villages.name, '刘家村')).get()!.id;
  const startedOn = addDays(today, -3);
  sendStaff(db, { actor: admin, input: postingSchema.parse({ staffId: String(zhou), kind: 'village', villageId: String(village), role: 'team_member', fromDate: startedOn, purpose: '驻村帮扶：逐户走访调查' }) }, now);

  const granules = createItem(db, { actor: admin, input: itemSchema.parse({ institutionId: String(bureau), name: '板蓝根颗粒', kind: 'drug', unit: 'pack', unitPrice: '15', genericName: '板蓝根颗粒', specification: '10g×20袋', dosageForm: '颗粒剂' }) }, now);
  const lozenges = createItem(db, { actor: admin, input: itemSchema.parse({ institutionId: String(bureau), name: '玄麦甘桔颗粒', kind: 'drug', unit: 'box', unitPrice: '12', genericName: '玄麦甘桔颗粒', specification: '10g×10袋', dosageForm: '颗粒剂' }) }, now);
  for (const item of [granules, lozenges]) {
    receiveStock(db, { actor: admin, input: receiptSchema.parse({ itemId: String(item.id), amount: '30', batchNo: '20261001', expiryDate: '2028-09-30', source: 'bought' }) }, startedOn, now);
  }

  const zhouChuan = loadActor(db, accountOf(RESIDENT_CADRE_EMAIL));
  for (const [n, head] of ['刘德全', '刘素芬'].entries()) {
    const visitedOn = addDays(startedOn, n + 1);
    const household = db.select({ id: households.id }).from(households).where(eq(households.headName, head)).get()!.id;
    const { photos: _none, ...input } = visitSchema.parse({
      householdId: String(household),
      institutionId: String(bureau),
      submissionKey: randomUUID(),
      visitedOn,
      visitedTime: '10:00',
      purpose: 'care',
      visitors: [String(zhou)],
      checks: {},
      readings: {},
      quantities: { [granules.id]: '1', [lozenges.id]: '1' },
      followUps: {},
      notes: '入户了解家庭情况和身体状况，送上板蓝根、玄麦甘桔颗粒。',
    });
    await recordVisit(db, { actor: zhouChuan, input }, Math.min(now, beijingInstant(visitedOn, '12:00')));
  }
}
