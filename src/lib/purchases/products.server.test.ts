// Products (seed 004): the hospital's canteen buys 土豆 and its union 马铃薯 — one product, merged — and the
// tallies break purchases down by it, saying which amounts were weighed and which are only ordered.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { productNames, products, purchases, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusedWith } from '#tests/setup/refusal.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { tallyReport } from '../tallies/tallies.server.ts';
import { listProducts, mergeProducts } from './products.server.ts';
import { purchaseSchema } from './purchases.ts';
import { recordDelivery, recordPurchase } from './purchases.server.ts';

const NOW = Date.parse('2020-10-10T10:00:00+08:00');
let db: Db;
let qinyuan: Actor;
let institutionId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
  institutionId = qinyuan.memberships[0].institutionId;
});

const buy = (product: string, quantity: string, deliveryDate: string) => {
  const villageId = db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
  return recordPurchase(db, { actor: qinyuan, input: purchaseSchema.parse({ institutionId: String(institutionId), villageId: String(villageId), sellerKind: 'village_collective', sellerName: '红沙崖村集体', product, unit: 'jin', quantityOrdered: quantity, unitPrice: '1', deliveryDate }) }, NOW);
};
const byName = (name: string) => db.select().from(products).where(eq(products.name, name)).get()!;

describe('products', () => {
  it('are found by any of their names, written with or without spaces, and added in place', () => {
    const first = buy('土 豆', '1000', '2020-09-01');
    const second = buy('土豆', '500', '2020-09-02');
    expect(first.productId).toBe(second.productId);
    expect(first.product).toBe('土 豆');
    const potato = buy('马铃薯', '800', '2020-09-03');
    expect(potato.productId).not.toBe(first.productId);
    expect(listProducts(db, { actor: qinyuan, institutionId }).map((p) => p.name)).toEqual(expect.arrayContaining(['土豆', '马铃薯', '香菇']));
  });

  it('merge into one, with their purchases and names; the tally then counts them together, weighed and ordered apart', async () => {
    const weighed = buy('马铃薯', '800', '2020-09-03');
    recordDelivery(db, { actor: qinyuan, purchaseId: weighed.id, quantityDelivered: 790 }, NOW);
    buy('土豆', '1000', '2020-09-04');
    const [potato, tudou] = [byName('马铃薯'), byName('土豆')];
    expect(() => mergeProducts(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), productId: potato.id, intoId: tudou.id })).toThrow(ForbiddenError);
    expect(await refusedWith(() => mergeProducts(db, { actor: qinyuan, productId: tudou.id, intoId: tudou.id }))).toBe('validation.choice intoId');
    mergeProducts(db, { actor: qinyuan, productId: potato.id, intoId: tudou.id }, NOW);
    expect(db.select().from(products).where(eq(products.id, potato.id)).get()).toBeUndefined();
    expect(db.select().from(purchases).where(eq(purchases.id, weighed.id)).get()!.productId).toBe(tudou.id);
    expect(listProducts(db, { actor: qinyuan, institutionId }).find((p) => p.name === '土豆')!.otherNames).toEqual(['马铃薯']);
    // A later purchase written 马铃薯 is 土豆.
    expect(buy('马铃薯', '100', '2020-09-05').productId).toBe(tudou.id);
    expect(db.select().from(productNames).where(eq(productNames.productId, tudou.id)).all().map((n) => n.name).sort()).toEqual(['土豆', '马铃薯'].sort());

    const report = tallyReport(db, { actor: qinyuan, filters: tallyFilterSchema.parse({ from: '2020-09-01', to: '2020-09-30' }) });
    // 790 斤 weighed (of 800 ordered); 1,000 and 100 斤 not yet weighed, as ordered. In grams.
    expect(report.purchases).toEqual([{ product: '土豆', unit: 'jin', weighed: 790 * 500, orderedOnly: 1100 * 500, quantity: 1890 * 500, valueFen: 189_000 }]);
  });
});
