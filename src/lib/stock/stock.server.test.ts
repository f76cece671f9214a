// Stock against a real database: receipts, bulk handouts at an event, frozen values, reversals, and the
// refusals (negative stock, expired batches, other institutions).
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, households, stockEntries, stockLevels } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { refusal } from '#tests/setup/refusal.ts';
import { handoutSchema } from '../handouts/handouts.ts';
import { eventHandouts, recordHandouts, villageHandoutTotals } from '../handouts/handouts.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { adjustStock, createItem, itemLedger, receiveStock, reverseEntry, stockView, updateItem } from './stock.server.ts';
import { itemSchema, receiptSchema } from './stock.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
const TODAY = '2019-10-10';
let db: Db;
let coordinator: Actor;
let institutionId: number;
let eventId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  ({ coordinator, eventId } = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }]));
  institutionId = coordinator.memberships[0].institutionId;
});

function item(name: string, kind: string, unit: string, price: string, extra: Record<string, string> = {}) {
  return createItem(db, { actor: coordinator, input: itemSchema.parse({ institutionId: String(institutionId), name, kind, unit, unitPrice: price, ...extra }) }, NOW);
}

function receive(itemId: number, amount: string, extra: Record<string, string> = {}) {
  return receiveStock(db, { actor: coordinator, input: receiptSchema.parse({ itemId: String(itemId), amount, source: 'bought', ...extra }) }, TODAY, NOW);
}

function handOut(quantities: Record<string, string>, extra: Record<string, string> = {}) {
  return recordHandouts(db, { actor: coordinator, input: handoutSchema.parse({ eventId: String(eventId), quantities, ...extra }) }, NOW);
}

describe('stock', () => {
  it('a free clinic’s bulk handout reduces stock and shows its value; a reversal restores it', () => {
    const medicine = item('感冒灵颗粒', 'drug', 'box', '12.50', { genericName: '感冒灵颗粒', specification: '10g×9袋' });
    const leaflets = item('健康扶贫政策宣传单', 'leaflet', 'copy', '0.10');
    const posters = item('健康扶贫海报', 'poster', 'sheet', '2');
    receive(medicine.id, '200', { batchNo: 'A1', expiryDate: '2020-03-31' });
    receive(medicine.id, '200', { batchNo: 'A2', expiryDate: '2021-03-31' });
    receive(leaflets.id, '5,000');
    receive(posters.id, '100');

    expect(handOut({ [medicine.id]: '300', [leaflets.id]: '2000', [posters.id]: '50' })).toBe(4);
    const stock = new Map(stockView(db, { actor: coordinator, institutionId }, TODAY).map((i) => [i.name, i]));
    expect(stock.get('感冒灵颗粒')!.amount).toBe(100);
    // First to expire, first out: all of A1, then 100 of A2.
    expect(stock.get('感冒灵颗粒')!.batches.map((b) => [b.batchNo, b.amount])).toEqual([['A2', 100]]);
    expect(stock.get('健康扶贫政策宣传单')!.amount).toBe(3000);
    const given = eventHandouts(db, { actor: coordinator, eventId });
    expect(given.totals.valueFen).toBe(300 * 1250 + 2000 * 10 + 50 * 200);
    expect(given.totals.byKind.get('drug')).toEqual({ quantity: 300, valueFen: 375_000 });

    // A later price change leaves what was handed out at the price of its moment.
    updateItem(db, { actor: coordinator, itemId: medicine.id, input: itemSchema.parse({ institutionId: String(institutionId), name: '感冒灵颗粒', kind: 'drug', unit: 'box', unitPrice: '20', genericName: '感冒灵颗粒', specification: '10g×9袋' }) }, NOW);
    expect(stockView(db, { actor: coordinator, institutionId }, TODAY).find((i) => i.id === medicine.id)!.unitPriceFen).toBe(2000);
    expect(eventHandouts(db, { actor: coordinator, eventId }).totals.valueFen).toBe(405_000);

    const posterLine = given.lines.find((l) => l.itemId === posters.id)!;
    reverseEntry(db, { actor: coordinator, entryId: posterLine.id, reason: '多登记了' }, NOW);
    expect(stockView(db, { actor: coordinator, institutionId }, TODAY).find((i) => i.id === posters.id)!.amount).toBe(100);
    expect(eventHandouts(db, { actor: coordinator, eventId }).totals.byKind.get('poster')).toEqual({ quantity: 0, valueFen: 0 });
    expect(() => reverseEntry(db, { actor: coordinator, entryId: posterLine.id, reason: '再次' }, NOW)).toThrow('stock.alreadyReversed');
  });

  it('never goes below zero, nor hands out an expired batch, and writes nothing of a refused form', () => {
    const medicine = item('胃药', 'drug', 'box', '8', { genericName: '奥美拉唑肠溶胶囊' });
    const coats = item('棉衣', 'cotton_coat', 'piece', '150');
    receive(medicine.id, '10', { batchNo: 'OLD', expiryDate: '2019-10-15' });
    receive(coats.id, '7');
    const before = db.select().from(stockEntries).all().length;
    const error = refusal(() => recordHandouts(db, { actor: coordinator, input: handoutSchema.parse({ eventId: String(eventId), quantities: { [coats.id]: '7', [medicine.id]: '5' } }) }, NOW));
    expect(error).toMatchObject({ field: `quantities.${medicine.id}`, message: 'stock.notEnough?usable=0&expired=10' });
    expect(db.select().from(stockEntries).all().length).toBe(before);
    expect(() => handOut({ [coats.id]: '8' })).toThrow('stock.notEnough?usable=7&expired=0');
    expect(() => handOut({ [coats.id]: '1.5' })).toThrow('quantity.whole');
    expect(() => handOut({ [coats.id]: '' })).toThrow('handout.nothing');
    expect(refusal(() => adjustStock(db, { actor: coordinator, input: { itemId: coats.id, batchNo: '', direction: 'remove', amount: 8, reason: '盘点' } }, NOW))).toMatchObject({ field: 'amount', message: 'stock.negative' });
    // Even written directly, the level cannot go below zero.
    expect(() => db.update(stockLevels).set({ quantity: -1 }).where(eq(stockLevels.itemId, coats.id)).run()).toThrow(/CHECK constraint failed/);
  });

  it('refuses an expired or undated drug on receipt, and a batch with a second expiry', () => {
    const medicine = item('板蓝根颗粒', 'drug', 'bag', '1.5', { genericName: '板蓝根颗粒' });
    expect(refusal(() => receive(medicine.id, '10', { expiryDate: '2019-10-09' }))).toMatchObject({ field: 'expiryDate', message: 'stock.expiredOnReceipt' });
    expect(refusal(() => receive(medicine.id, '10'))).toMatchObject({ field: 'expiryDate', message: 'stock.expiryRequired' });
    receive(medicine.id, '10', { batchNo: 'X', expiryDate: '2020-10-01' });
    expect(refusal(() => receive(medicine.id, '10', { batchNo: 'X', expiryDate: '2021-10-01' }))).toMatchObject({ field: 'expiryDate', message: 'stock.batchExpiry?expiry=2020-10-01' });
  });

  it('receives weights in 斤 and keeps grams; donations keep their donor', () => {
    const feed = item('猪饲料', 'pig_feed', 'jin', '1.80');
    receive(feed.id, '2.5', { source: 'donated_company', donor: '某饲料公司' });
    const [entry] = db.select().from(stockEntries).where(eq(stockEntries.itemId, feed.id)).all();
    expect(entry).toMatchObject({ quantity: 1250, valueFen: 450, source: 'donated_company', donor: '某饲料公司' });
  });

  it('belongs to its institution: others cannot see or change it; members see movements but not recipients', () => {
    const coats = item('棉衣', 'cotton_coat', 'piece', '150');
    receive(coats.id, '7');
    const handOutsBefore = db.select().from(auditLog).where(eq(auditLog.action, 'hand_out')).all().length;
    const household = db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    handOut({ [coats.id]: '1' }, { householdId: String(household.id), recipient: '孙广森' });
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(() => stockView(db, { actor: other, institutionId }, TODAY)).toThrow(ForbiddenError);
    expect(() => stockView(db, { actor: actorWithRole(db, 'publicity', '长春市卫生健康委员会'), institutionId }, TODAY)).toThrow(ForbiddenError);
    expect(() => receiveStock(db, { actor: other, input: receiptSchema.parse({ itemId: String(coats.id), amount: '1', source: 'bought' }) }, TODAY)).toThrow(ForbiddenError);
    expect(() => recordHandouts(db, { actor: other, input: handoutSchema.parse({ eventId: String(eventId), quantities: { [coats.id]: '1' } }) })).toThrow(ForbiddenError);
    const member = actorWithRole(db, 'member', '长春市中心医院');
    expect(() => receiveStock(db, { actor: member, input: receiptSchema.parse({ itemId: String(coats.id), amount: '1', source: 'bought' }) }, TODAY)).toThrow(ForbiddenError);
    expect(eventHandouts(db, { actor: member, eventId }).lines[0]).toMatchObject({ household: null, recipient: null });
    expect(itemLedger(db, { actor: member, itemId: coats.id }).entries.every((e) => e.entry.recipient === null && e.entry.householdId === null)).toBe(true);
    expect(eventHandouts(db, { actor: coordinator, eventId }).lines[0]).toMatchObject({ household: '孙广森', recipient: '孙广森' });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'hand_out')).all()).toHaveLength(handOutsBefore + 1);
  });

  it('corrects an item with its history; a used item keeps its kind of unit, and a name stays unique', () => {
    const coats = item('军大衣', 'cotton_coat', 'piece', '150');
    const feed = item('育肥猪饲料', 'pig_feed', 'jin', '1.80');
    item('加厚棉被', 'quilt', 'piece', '80');
    receive(coats.id, '7');
    receive(feed.id, '100');
    const change = (itemId: number, fields: Record<string, string>, actor = coordinator) =>
      updateItem(db, { actor, itemId, input: itemSchema.parse({ institutionId: String(institutionId), ...fields }) }, NOW);
    change(coats.id, { name: '棉衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '160' });
    expect(itemLedger(db, { actor: coordinator, itemId: coats.id }).item).toMatchObject({ name: '棉衣', unitPriceFen: 16000 });
    const logged = db.select().from(auditLog).where(eq(auditLog.entityId, String(coats.id))).all().filter((r) => r.entity === 'item' && r.action === 'update');
    expect(logged.map((r) => [JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([[{ name: '军大衣', unitPriceFen: 15000 }, { name: '棉衣', unitPriceFen: 16000 }]]);
    // 斤 and 公斤 are both kept in grams: the 100 斤 read as 50 公斤.
    change(feed.id, { name: '育肥猪饲料', kind: 'pig_feed', unit: 'kg', unitPrice: '3.60' });
    expect(stockView(db, { actor: coordinator, institutionId }, TODAY).find((i) => i.id === feed.id)!.amount).toBe(50);
    expect(refusal(() => change(coats.id, { name: '棉衣', kind: 'cotton_coat', unit: 'set', unitPrice: '160' }))).toMatchObject({ field: 'unit', message: 'item.unitInUse' });
    expect(refusal(() => change(coats.id, { name: '棉衣', kind: 'cotton_coat', unit: 'jin', unitPrice: '160' }))).toMatchObject({ field: 'unit', message: 'item.unitInUse' });
    expect(refusal(() => change(coats.id, { name: '加厚棉被', kind: 'quilt', unit: 'piece', unitPrice: '160' }))).toMatchObject({ field: 'name', message: 'item.duplicate' });
    expect(() => change(coats.id, { name: '棉衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '1' }, actorWithRole(db, 'coordinator', '沁源县人民医院'))).toThrow(ForbiddenError);
    expect(() => change(coats.id, { name: '棉衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '1' }, actorWithRole(db, 'member', '长春市中心医院'))).toThrow(ForbiddenError);
    expect(itemLedger(db, { actor: coordinator, itemId: coats.id }).item.unitPriceFen).toBe(16000);
  });
});

describe('a village’s handout totals', () => {
  it('add up what the institutions the reader may see handed out there, and nothing of the others', () => {
    // The demo's round in 刘家屯村: 长春市中心医院 handed out quilts and medicines.
    const village = db.select({ villageId: households.villageId }).from(households).where(eq(households.headName, '孙广森')).get()!.villageId;
    const kinds = (actor: Actor) => villageHandoutTotals(db, { actor, villageId: village }).map((line) => line.kind).sort();
    expect(kinds(actorWithRole(db, 'member', '长春市中心医院'))).toEqual(['drug', 'quilt']);
    expect(kinds(actorWithRole(db, 'publicity', '长春市卫生健康委员会'))).toEqual(['drug', 'quilt']);
    expect(kinds(actorWithRole(db, 'member', '长春市妇产医院'))).toEqual([]);
    expect(kinds(actorWithRole(db, 'coordinator', '沁源县人民医院'))).toEqual([]);
  });
});
