// The products an institution buys from poor villages, each once however it is written: a purchase names its
// product as the receipt does, and that name finds the product (or makes a new one, added in place). Two
// products found to be one (土豆 and 马铃薯) are merged: the purchases and names of one go to the other.
import { and, asc, count, eq } from 'drizzle-orm';
import { productNames, products, purchases } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';

/** A name as it is compared: without spaces at either end or inside (土 豆 is 土豆). */
export const productNameKey = (name: string) => name.replace(/\s+/g, '');

/** The institution's product of that name (its own or another it goes by); a new product when there is none. */
export function productFor(tx: Tx, institutionId: number, name: string, now: number): number {
  const key = productNameKey(name);
  const found = tx.select({ productId: productNames.productId }).from(productNames).where(and(eq(productNames.institutionId, institutionId), eq(productNames.name, key))).get();
  if (found) return found.productId;
  const product = tx.insert(products).values({ institutionId, name: key, createdAt: now }).returning({ id: products.id }).get();
  tx.insert(productNames).values({ productId: product.id, institutionId, name: key }).run();
  return product.id;
}

/** An institution's products, each with every name it goes by and how many purchases it has. */
export function listProducts(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'read');
  const rows = tx
    .select({ id: products.id, name: products.name, purchases: count(purchases.id) })
    .from(products)
    .leftJoin(purchases, eq(purchases.productId, products.id))
    .where(eq(products.institutionId, institutionId))
    .groupBy(products.id)
    .orderBy(asc(products.name))
    .all();
  const names = tx.select().from(productNames).where(eq(productNames.institutionId, institutionId)).orderBy(asc(productNames.name)).all();
  return rows.map((product) => ({ ...product, otherNames: names.filter((n) => n.productId === product.id && n.name !== product.name).map((n) => n.name) }));
}

/** Merges one product into another of the same institution: its purchases and its names go to the other. */
export function mergeProducts(db: Db, { actor, productId, intoId }: { actor: Actor; productId: number; intoId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const merged = tx.select().from(products).where(eq(products.id, productId)).get();
    const into = tx.select().from(products).where(eq(products.id, intoId)).get();
    if (!merged || !into) throw new NotFoundError();
    assertAccess(actor, merged.institutionId, 'manage');
    if (into.institutionId !== merged.institutionId || into.id === merged.id) throw new DomainError('validation.choice', 'intoId');
    tx.update(purchases).set({ productId: into.id }).where(eq(purchases.productId, merged.id)).run();
    tx.update(productNames).set({ productId: into.id }).where(eq(productNames.productId, merged.id)).run();
    tx.delete(products).where(eq(products.id, merged.id)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'merge', entity: 'product', entityId: into.id, institutionId: into.institutionId, before: merged, after: into }, now);
  });
}
