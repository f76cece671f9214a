// Money and goods given (seed 004): cash support to a household and to 6 old party members, support funds of
// ¥20,000 to a village's collective, desks and chairs worth ¥4,000; voided entries no longer count.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { households, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { householdSchema } from '../households/households.ts';
import { createHousehold } from '../households/households.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { donationSchema } from './donations.ts';
import { listDonations, recordDonation, villageDonationTotals, voidDonation } from './donations.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let qinyuan: Actor;
let institutionId: number;
let villageId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
  institutionId = qinyuan.memberships[0].institutionId;
  villageId = db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
});

const give = (fields: Record<string, string>, actor = qinyuan) => recordDonation(db, { actor, input: donationSchema.parse({ institutionId: String(institutionId), date: '2019-10-17', ...fields }) }, NOW);
const issue = (fields: Record<string, string>) => donationSchema.safeParse({ institutionId: '1', date: '2019-10-17', ...fields }).error?.issues[0];

describe('donations', () => {
  it('refuse what is missing for their kind, beside the field', () => {
    expect(issue({ kind: 'cash', amount: '500', recipientKind: 'group', recipientName: '老党员' })).toMatchObject({ path: ['approvedBy'], message: 'donation.approverRequired' });
    expect(issue({ kind: 'in_kind', amount: '4000', recipientKind: 'village', villageId: '1' })).toMatchObject({ path: ['description'], message: 'donation.descriptionRequired' });
    expect(issue({ kind: 'cash', amount: '0', recipientKind: 'person', recipientName: '张', approvedBy: '院长' })).toMatchObject({ path: ['amount'], message: 'donation.amountPositive' });
    expect(issue({ kind: 'cash', amount: '12.345', recipientKind: 'person', recipientName: '张', approvedBy: '院长' })).toMatchObject({ path: ['amount'], message: 'money.format' });
    expect(issue({ kind: 'cash', amount: '500', recipientKind: 'household', approvedBy: '院长' })).toMatchObject({ path: ['householdId'], message: 'donation.householdRequired' });
    // A person or a group is placed in their village.
    expect(issue({ kind: 'cash', amount: '600', recipientKind: 'group', recipientName: '老党员', approvedBy: '院长' })).toMatchObject({ path: ['villageId'], message: 'donation.villageRequired' });
    expect(issue({ kind: 'cash', amount: '600', recipientKind: 'person', recipientName: '张', approvedBy: '院长' })).toMatchObject({ path: ['villageId'], message: 'donation.villageRequired' });
  });

  it('add up for the village, to it and to its households, without names; a voided one no longer counts', () => {
    createHousehold(db, { actor: qinyuan, input: householdSchema.parse({ villageId: String(villageId), headName: '郭满仓', idNumber: '11010519491231002X', cause: 'illness' }) }, NOW);
    const household = db.select().from(households).where(eq(households.headName, '郭满仓')).get()!;
    give({ kind: 'in_kind', amount: '4,000', description: '课桌椅', recipientKind: 'village', villageId: String(villageId), purpose: '村小学' });
    give({ kind: 'in_kind', amount: '3000', description: '消防器材', recipientKind: 'village', villageId: String(villageId) });
    give({ kind: 'cash', amount: '500', recipientKind: 'household', householdId: String(household.id), approvedBy: '黄院长', purpose: '重阳节慰问' });
    const mistake = give({ kind: 'cash', amount: '300', recipientKind: 'household', householdId: String(household.id), approvedBy: '黄院长' });
    give({ kind: 'cash', amount: '1,200', recipientKind: 'group', recipientName: '老党员', groupSize: '6', villageId: String(villageId), approvedBy: '党委书记' });
    give({ kind: 'cash', amount: '20000', recipientKind: 'village', villageId: String(villageId), purpose: '村级组织活动场所工程结算缺口资金', approvedBy: '院党委' });
    voidDonation(db, { actor: qinyuan, donationId: mistake.id, reason: '重复登记' }, NOW);
    expect(() => voidDonation(db, { actor: qinyuan, donationId: mistake.id, reason: '再次' })).toThrow('donation.alreadyVoided');
    // With the demo's gifts of 2020 to 红沙崖村: ¥600 to three old party members, ¥20,000, ¥1,500 and ¥4,150 of goods.
    expect(villageDonationTotals(db, { actor: qinyuan, villageId }).map((r) => [r.heading, r.amountFen]).sort()).toEqual([
      ['cash_support', 170_000 + 60_000],
      ['goods', 700_000 + 150_000 + 415_000],
      ['support_funds', 2_000_000 + 2_000_000],
    ]);
    // Another institution's member reads none of them; a member of the giver reads them (no names are in them).
    expect(villageDonationTotals(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), villageId })).toEqual([]);
    expect(villageDonationTotals(db, { actor: actorWithRole(db, 'member', '沁源县人民医院'), villageId })).toHaveLength(3);
    const listed = listDonations(db, { actor: qinyuan, institutionId });
    expect(listed.find((d) => d.recipientName === '老党员')).toMatchObject({ recipientName: '老党员', groupSize: 6, amountFen: 120_000 });
    expect(listed.find((d) => d.id === mistake.id)).toMatchObject({ voidReason: '重复登记', household: '郭满仓' });
    const member = actorWithRole(db, 'member', '沁源县人民医院');
    expect(listDonations(db, { actor: member, institutionId }).every((d) => d.household === null)).toBe(true);
  });

  it('are the giving institution’s to record and void', () => {
    const other = actorWithRole(db, 'coordinator', '长春市中心医院');
    expect(() => give({ kind: 'in_kind', amount: '10', description: '书', recipientKind: 'village', villageId: String(villageId) }, other)).toThrow(ForbiddenError);
    const gift = give({ kind: 'in_kind', amount: '10', description: '书', recipientKind: 'village', villageId: String(villageId) });
    expect(() => voidDonation(db, { actor: other, donationId: gift.id, reason: 'x' })).toThrow(ForbiddenError);
    expect(() => listDonations(db, { actor: actorWithRole(db, 'publicity', '长春市卫生健康委员会'), institutionId })).toThrow(ForbiddenError);
  });
});
