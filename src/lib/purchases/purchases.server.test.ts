// Purchases against a real database: seed 004's potatoes and mushrooms from 红沙崖村, totals by village and
// year in 斤 and yuan, and income to households that sold themselves.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, households, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusal } from '#tests/setup/refusal.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { householdSchema } from '../households/households.ts';
import { createHousehold } from '../households/households.server.ts';
import { ForbiddenError } from '../server/errors.ts';
import { fromBaseQuantity } from '../units/quantities.ts';
import { purchaseSchema } from './purchases.ts';
import { householdIncome, institutionPurchaseTotals, listPurchases, markPaid, recordDelivery, recordPurchase, updatePurchase, villagePurchaseTotals } from './purchases.server.ts';

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

const buy = (fields: Record<string, string>, actor = qinyuan) =>
  recordPurchase(db, { actor, input: purchaseSchema.parse({ institutionId: String(institutionId), villageId: String(villageId), sellerKind: 'village_collective', sellerName: '红沙崖村集体', unit: 'jin', ...fields }) }, NOW);

describe('purchases', () => {
  it('two years of potatoes and mushrooms add up by village and year, in 斤 and yuan', () => {
    // The demo data has the hospital's purchases in another village: the institution's totals grow by these.
    const before = new Map(institutionPurchaseTotals(db, { actor: qinyuan, institutionId }).map((r) => [`${r.year} ${r.product}`, r.valueFen]));
    const potatoes2018 = buy({ product: '土豆', quantityOrdered: '20,000', unitPrice: '0.80', deliveryDate: '2018-10-20' });
    recordDelivery(db, { actor: qinyuan, purchaseId: potatoes2018.id, quantityDelivered: 19_850 }, NOW);
    buy({ product: '土豆', quantityOrdered: '23000', unitPrice: '0.85', deliveryDate: '2019-10-12', buyerUnit: '食堂' });
    buy({ product: '香菇', quantityOrdered: '1500', unitPrice: '12', deliveryDate: '2019-10-12', sellerKind: 'cooperative', sellerName: '红沙崖食用菌合作社' });
    const totals = villagePurchaseTotals(db, { actor: qinyuan, villageId });
    expect(villagePurchaseTotals(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), villageId })).toEqual({ byProduct: [], byInstitution: [] });
    expect(totals.byProduct.map((r) => [r.year, r.product, fromBaseQuantity('jin', r.quantity), r.valueFen])).toEqual([
      ['2019', '土豆', 23_000, 1_955_000],
      ['2019', '香菇', 1_500, 1_800_000],
      ['2018', '土豆', 19_850, 1_588_000],
    ]);
    // Two years of potatoes: 42,850 斤, "4万余斤".
    expect(fromBaseQuantity('jin', totals.byProduct.filter((r) => r.product === '土豆').reduce((sum, r) => sum + r.quantity, 0))).toBe(42_850);
    expect(totals.byInstitution).toEqual([{ institution: '沁源县人民医院', valueFen: 5_343_000 }]);
    expect(institutionPurchaseTotals(db, { actor: qinyuan, institutionId }).map((r) => [r.year, r.product, r.valueFen - (before.get(`${r.year} ${r.product}`) ?? 0)])).toEqual([
      ['2019', '土豆', 1_955_000],
      ['2019', '香菇', 1_800_000],
      ['2018', '土豆', 1_588_000],
    ]);
  });

  it('a household that sold is named only to those who may see it', () => {
    createHousehold(db, { actor: qinyuan, input: householdSchema.parse({ villageId: String(villageId), headName: '郭满仓', idNumber: '11010519491231002X', cause: 'illness' }) }, NOW);
    const household = db.select().from(households).where(eq(households.headName, '郭满仓')).get()!;
    expect(() => buy({ product: '土豆', quantityOrdered: '500', unitPrice: '0.8', deliveryDate: '2019-10-12', sellerKind: 'household', sellerName: '' })).toThrow();
    buy({ product: '土豆', quantityOrdered: '500', unitPrice: '0.8', deliveryDate: '2019-10-12', sellerKind: 'household', householdId: String(household.id), sellerName: '' });
    expect(householdIncome(db, { actor: qinyuan, villageId })).toEqual([{ householdId: household.id, headName: household.headName, valueFen: 40_000 }]);
    expect(householdIncome(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), villageId })).toEqual([]);
    expect(householdIncome(db, { actor: actorWithRole(db, 'publicity', '长春市卫生健康委员会'), villageId })).toEqual([]);
  });

  it('are the buying institution’s to record and change', () => {
    const other = actorWithRole(db, 'coordinator', '长春市中心医院');
    expect(() => buy({ product: '土豆', quantityOrdered: '10', unitPrice: '1', deliveryDate: '2019-10-12' }, other)).toThrow(ForbiddenError);
    const purchase = buy({ product: '土豆', quantityOrdered: '10', unitPrice: '1', deliveryDate: '2019-10-12' });
    expect(() => markPaid(db, { actor: other, purchaseId: purchase.id })).toThrow(ForbiddenError);
    expect(() => listPurchases(db, { actor: other, institutionId })).toThrow(ForbiddenError);
    markPaid(db, { actor: qinyuan, purchaseId: purchase.id }, NOW);
    expect(listPurchases(db, { actor: qinyuan, institutionId })[0]).toMatchObject({ paymentState: 'paid', totalFen: 1000, village: '红沙崖村' });
  });

  it('are corrected until paid, the total following the figures, with a history in the purchase’s unit', () => {
    const purchase = buy({ product: '马铃薯', quantityOrdered: '200', unitPrice: '0.8', deliveryDate: '2019-10-12' });
    const correct = (fields: Record<string, string>, actor = qinyuan) =>
      updatePurchase(db, { actor, purchaseId: purchase.id, input: purchaseSchema.parse({ institutionId: String(institutionId), villageId: String(villageId), sellerKind: 'village_collective', sellerName: '红沙崖村集体', product: '土豆', unit: 'jin', quantityOrdered: '200', unitPrice: '0.8', deliveryDate: '2019-10-12', ...fields }) }, NOW);
    correct({ quantityOrdered: '250', unitPrice: '0.85', deliveryDate: '2019-10-13' });
    expect(listPurchases(db, { actor: qinyuan, institutionId }).find((p) => p.id === purchase.id)).toMatchObject({ product: '土豆', quantityOrdered: 125_000, unitPriceFen: 85, totalFen: 21_250, deliveryDate: '2019-10-13' });
    const [logged] = db.select().from(auditLog).where(eq(auditLog.entityId, String(purchase.id))).all().filter((r) => r.entity === 'purchase' && r.action === 'update');
    expect([JSON.parse(logged.before!), JSON.parse(logged.after!)]).toEqual([
      { product: '马铃薯', quantityOrdered: 200, unitPriceFen: 80, totalFen: 16_000, deliveryDate: '2019-10-12' },
      { product: '土豆', quantityOrdered: 250, unitPriceFen: 85, totalFen: 21_250, deliveryDate: '2019-10-13' },
    ]);
    // The product the new name finds is the demo's 土豆.
    expect(listPurchases(db, { actor: qinyuan, institutionId }).find((p) => p.id === purchase.id)!.productId).not.toBe(purchase.productId);
    // Once weighed, the total follows what was weighed; 斤 may become 公斤 (both grams), not cases.
    recordDelivery(db, { actor: qinyuan, purchaseId: purchase.id, quantityDelivered: 240 }, NOW);
    correct({ unit: 'kg', quantityOrdered: '125', unitPrice: '1.70', deliveryDate: '2019-10-13' });
    expect(listPurchases(db, { actor: qinyuan, institutionId }).find((p) => p.id === purchase.id)).toMatchObject({ unit: 'kg', quantityDelivered: 120_000, totalFen: 20_400 });
    expect(refusal(() => correct({ unit: 'case', quantityOrdered: '10', unitPrice: '50' }))).toMatchObject({ field: 'unit', message: 'purchase.unitDelivered' });
    expect(() => correct({ unitPrice: '9' }, actorWithRole(db, 'coordinator', '长春市中心医院'))).toThrow(ForbiddenError);
    expect(() => correct({ unitPrice: '9' }, actorWithRole(db, 'member', '沁源县人民医院'))).toThrow(ForbiddenError);
    markPaid(db, { actor: qinyuan, purchaseId: purchase.id }, NOW);
    expect(refusal(() => correct({ unit: 'kg', quantityOrdered: '125', unitPrice: '9' }))).toMatchObject({ message: 'purchase.paidFixed' });
    expect(listPurchases(db, { actor: qinyuan, institutionId }).find((p) => p.id === purchase.id)).toMatchObject({ unitPriceFen: 170, totalFen: 20_400 });
  });

  it('refuse impossible values beside the field', () => {
    const parse = (fields: Record<string, string>) =>
      purchaseSchema.safeParse({ institutionId: '1', villageId: '1', sellerKind: 'cooperative', sellerName: '合作社', product: '土豆', unit: 'jin', quantityOrdered: '100', unitPrice: '0.8', deliveryDate: '2019-10-12', ...fields }).error?.issues[0];
    expect(parse({ quantityOrdered: '-5' })).toMatchObject({ path: ['quantityOrdered'], message: 'quantity.format' });
    expect(parse({ quantityOrdered: '99999999' })).toMatchObject({ path: ['quantityOrdered'], message: 'quantity.tooLarge?max=10000000' });
    expect(parse({ unitPrice: '0.805' })).toMatchObject({ path: ['unitPrice'], message: 'money.format' });
    expect(parse({ sellerName: '' })).toMatchObject({ path: ['sellerName'], message: 'purchase.sellerRequired' });
  });
});
