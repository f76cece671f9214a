// Purchases from poor villages. The buying institution records and updates them; totals by village and
// year are open to every signed-in user (no names), income by household only to those who may see it.
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { households, institutions, products, type PurchaseUnit, purchases, villages } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { getHousehold } from '../households/households.server.ts';
import { type Actor, ANY_VIEW, assertAccess, householdFilter, institutionFilter } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { beijingDate } from '../time/beijing.ts';
import { readPhoto, removePhoto, savePhoto } from '../server/photos.ts';
import { fromBaseQuantity, keepsItsMeaning, storedAmount } from '../units/quantities.ts';
import { purchaseTotal, type PurchaseInput } from './purchases.ts';
import { productFor } from './products.server.ts';

/** A purchase form's values as stored, once its village and household are checked (the total comes later). */
function purchaseValues(tx: Tx, actor: Actor, input: PurchaseInput, now: number) {
  if (!tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId)).get()) throw new DomainError('validation.choice', 'villageId');
  const householdId = input.sellerKind === 'household' ? input.householdId : null;
  if (householdId !== null) {
    const household = getHousehold(tx, { actor, householdId }, now);
    if (household.villageId !== input.villageId) throw new DomainError('purchase.householdVillage', 'householdId');
  }
  const { unitPrice, institutionId, ...fields } = input;
  const productId = productFor(tx, institutionId, input.product, now);
  return { ...fields, productId, householdId, quantityOrdered: storedAmount(input.unit, input.quantityOrdered, 'quantityOrdered'), unitPriceFen: unitPrice };
}

export function recordPurchase(db: Db, { actor, input }: { actor: Actor; input: PurchaseInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    const values = purchaseValues(tx, actor, input, now);
    const created = tx
      .insert(purchases)
      .values({
        ...values,
        institutionId: input.institutionId,
        totalFen: purchaseTotal(values.unit, values.quantityOrdered, null, values.unitPriceFen),
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'purchase', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/** A purchase's amounts in its own unit (斤, not grams), as its history shows them. */
function asTyped<T extends { unit: PurchaseUnit; quantityOrdered: number; quantityDelivered: number | null }>(purchase: T): T {
  const { unit, quantityOrdered, quantityDelivered } = purchase;
  return { ...purchase, quantityOrdered: fromBaseQuantity(unit, quantityOrdered), quantityDelivered: quantityDelivered === null ? null : fromBaseQuantity(unit, quantityDelivered) };
}

/** A purchase, for a change by the buying institution's coordinators. */
export function purchaseForChange(tx: Tx, actor: Actor, purchaseId: number) {
  const purchase = tx.select().from(purchases).where(eq(purchases.id, purchaseId)).get();
  if (!purchase) throw new NotFoundError();
  assertAccess(actor, purchase.institutionId, 'manage');
  return purchase;
}

/**
 * Corrects a purchase not yet paid: seller, product, amounts, price and delivery date. Once paid it is
 * settled money and stays as it is. A weighed delivery keeps its grams, so its unit may change only
 * between 斤 and 公斤; the total follows the corrected figures.
 */
export function updatePurchase(db: Db, { actor, purchaseId, input }: { actor: Actor; purchaseId: number; input: PurchaseInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = purchaseForChange(tx, actor, purchaseId);
    if (input.institutionId !== before.institutionId) throw new DomainError('validation.choice', 'institutionId');
    if (before.paymentState === 'paid') throw new DomainError('purchase.paidFixed', null, 409);
    if (before.quantityDelivered !== null && !keepsItsMeaning(before.unit, input.unit)) throw new DomainError('purchase.unitDelivered', 'unit', 409);
    const values = purchaseValues(tx, actor, input, now);
    const after = { ...values, totalFen: purchaseTotal(values.unit, values.quantityOrdered, before.quantityDelivered, values.unitPriceFen) };
    // The history shows the product as written; the product it finds follows from it.
    const { productId: _found, ...logged } = { ...after, quantityOrdered: fromBaseQuantity(after.unit, after.quantityOrdered) };
    const { productId: _was, ...was } = asTyped(before);
    if (recordChange(tx, { actorId: actor.userId, entity: 'purchase', entityId: purchaseId, institutionId: before.institutionId, before: was, after: logged }, now).length) {
      tx.update(purchases).set(after).where(eq(purchases.id, purchaseId)).run();
    }
  });
}

/** Records what was weighed (or counted) on delivery; the total follows it. */
export function recordDelivery(db: Db, { actor, purchaseId, quantityDelivered }: { actor: Actor; purchaseId: number; quantityDelivered: number }, now = Date.now()) {
  db.transaction((tx) => {
    const purchase = purchaseForChange(tx, actor, purchaseId);
    const delivered = storedAmount(purchase.unit, quantityDelivered, 'quantityDelivered');
    const totalFen = purchaseTotal(purchase.unit, purchase.quantityOrdered, delivered, purchase.unitPriceFen);
    tx.update(purchases).set({ quantityDelivered: delivered, totalFen }).where(eq(purchases.id, purchaseId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'deliver', entity: 'purchase', entityId: purchaseId, institutionId: purchase.institutionId, before: { quantityDelivered: asTyped(purchase).quantityDelivered, totalFen: purchase.totalFen }, after: { quantityDelivered: fromBaseQuantity(purchase.unit, delivered), totalFen } }, now);
  });
}

export function markPaid(db: Db, { actor, purchaseId }: { actor: Actor; purchaseId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const purchase = purchaseForChange(tx, actor, purchaseId);
    tx.update(purchases).set({ paymentState: 'paid' }).where(eq(purchases.id, purchaseId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'paid', entity: 'purchase', entityId: purchaseId, institutionId: purchase.institutionId }, now);
  });
}

/** Attaches the receipt's photo (already re-encoded by normalisePhoto), replacing an earlier one. */
export function attachReceipt(db: Db, { actor, purchaseId, jpeg }: { actor: Actor; purchaseId: number; jpeg: Buffer }, now = Date.now()) {
  db.transaction((tx) => {
    const purchase = purchaseForChange(tx, actor, purchaseId);
    const path = savePhoto('receipts', purchaseId, jpeg);
    try {
      tx.update(purchases).set({ receiptPhoto: path }).where(eq(purchases.id, purchaseId)).run();
      recordAudit(tx, { actorId: actor.userId, action: 'attach_receipt', entity: 'purchase', entityId: purchaseId, institutionId: purchase.institutionId, after: { bytes: jpeg.byteLength, replaced: purchase.receiptPhoto !== null } }, now);
    } catch (error) {
      if (purchase.receiptPhoto === null) removePhoto(path);
      throw error;
    }
  });
}

/** The receipt photo of a purchase, for those who may read the buying institution's records. */
export function receiptOf(tx: Tx, { actor, purchaseId }: { actor: Actor; purchaseId: number }): Buffer {
  const purchase = tx.select({ institutionId: purchases.institutionId, receiptPhoto: purchases.receiptPhoto }).from(purchases).where(eq(purchases.id, purchaseId)).get();
  if (!purchase) throw new NotFoundError();
  assertAccess(actor, purchase.institutionId, 'read');
  if (purchase.receiptPhoto === null) throw new NotFoundError();
  return readPhoto(purchase.receiptPhoto);
}

/** An institution's purchases, newest delivery first. */
export function listPurchases(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'read');
  return tx
    .select({ purchase: purchases, village: villages.name })
    .from(purchases)
    .innerJoin(villages, eq(villages.id, purchases.villageId))
    .where(eq(purchases.institutionId, institutionId))
    .orderBy(desc(purchases.deliveryDate), desc(purchases.id))
    .limit(500)
    .all()
    .map((row) => ({ ...row.purchase, village: row.village }));
}

const year = sql<string>`substr(${purchases.deliveryDate}, 1, 4)`;

/**
 * What purchases come to by product and measure (the product's own name, 土豆 for 马铃薯): the weighed amount of
 * those delivered, the ordered amount of those not yet weighed, their sum (in grams or cases) and the value.
 */
const measure = sql<'jin' | 'case'>`CASE WHEN ${purchases.unit} = 'case' THEN 'case' ELSE 'jin' END`;
export const byProduct = {
  product: products.name,
  // Weights (斤 and 公斤, kept in grams) together; cases apart.
  unit: measure,
  weighed: sql<number>`coalesce(sum(${purchases.quantityDelivered}), 0)`,
  orderedOnly: sql<number>`coalesce(sum(CASE WHEN ${purchases.quantityDelivered} IS NULL THEN ${purchases.quantityOrdered} END), 0)`,
  quantity: sql<number>`sum(coalesce(${purchases.quantityDelivered}, ${purchases.quantityOrdered}))`,
  valueFen: sql<number>`sum(${purchases.totalFen})`,
};

/** Purchases by year and product, for a village or an institution. */
function totalsByYearAndProduct(tx: Tx, where: SQL) {
  return tx
    .select({ year, ...byProduct })
    .from(purchases)
    .innerJoin(products, eq(products.id, purchases.productId))
    .where(where)
    .groupBy(year, products.name, measure)
    .orderBy(desc(year), asc(products.name))
    .all();
}

/** An institution's purchases by year and product: what it bought from poor villages, and for how much. */
export function institutionPurchaseTotals(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'read');
  return totalsByYearAndProduct(tx, eq(purchases.institutionId, institutionId));
}

/** A village's purchases by year and product, and by buying institution. */
export function villagePurchaseTotals(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }) {
  const seen = and(eq(purchases.villageId, villageId), institutionFilter(actor, ANY_VIEW, purchases.institutionId))!;
  const byProduct = totalsByYearAndProduct(tx, seen);
  const byInstitution = tx
    .select({ institution: institutions.name, valueFen: sql<number>`sum(${purchases.totalFen})` })
    .from(purchases)
    .innerJoin(institutions, eq(institutions.id, purchases.institutionId))
    .where(seen)
    .groupBy(institutions.id)
    .orderBy(desc(sql`sum(${purchases.totalFen})`))
    .all();
  return { byProduct, byInstitution };
}

/** Income brought to a village's households that sold directly, for those who may see the households. */
export function householdIncome(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }, now = Date.now()) {
  return tx
    .select({ householdId: households.id, headName: households.headName, valueFen: sql<number>`sum(${purchases.totalFen})` })
    .from(purchases)
    .innerJoin(households, eq(households.id, purchases.householdId))
    .where(and(eq(purchases.villageId, villageId), householdFilter(actor, { id: households.id, villageId: households.villageId }, beijingDate(now))))
    .groupBy(households.id)
    .orderBy(desc(sql`sum(${purchases.totalFen})`))
    .all();
}
