// An institution's items and its stock ledger. Every change is a new ledger entry and a change of the
// stock level in the same IMMEDIATE transaction; the level's CHECK (never below zero) is the last guard.
// Only the owning institution (and administrators) see or change its items and stock.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { events, type ItemUnit, items, stockEntries, type StockEntryKind, stockLevels, users } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, canAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { fromBaseQuantity, keepsItsMeaning, storedAmount, valueOf } from '../units/quantities.ts';
import { type Batch, type ItemInput, isExpired, type ReceiptInput } from './stock.ts';
import { addDays } from '../time/beijing.ts';
import { message } from '../validation/fields.ts';

/** Days before expiry from which a batch is flagged on the stock page. */
export const EXPIRY_WARNING_DAYS = 60;

/** Refuses a second item of the institution with the same name and specification. */
function assertItemNameFree(tx: Tx, input: ItemInput, exceptId: number | null = null) {
  const same = tx
    .select({ id: items.id })
    .from(items)
    .where(and(eq(items.institutionId, input.institutionId), eq(items.name, input.name), input.specification === null ? sql`${items.specification} is null` : eq(items.specification, input.specification)))
    .get();
  if (same && same.id !== exceptId) throw new DomainError('item.duplicate', 'name', 409);
}

export function createItem(db: Db, { actor, input }: { actor: Actor; input: ItemInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    assertItemNameFree(tx, input);
    const { unitPrice, ...fields } = input;
    const created = tx.insert(items).values({ ...fields, unitPriceFen: unitPrice, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'item', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/**
 * Corrects an item. A new price holds from now on: what is already in the ledger keeps the price of its
 * moment. Once the ledger holds the item, its unit may change only between 斤 and 公斤, because the ledger
 * keeps grams for both; boxes cannot become bottles after the fact.
 */
export function updateItem(db: Db, { actor, itemId, input }: { actor: Actor; itemId: number; input: ItemInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = itemForChange(tx, actor, itemId);
    if (input.institutionId !== before.institutionId) throw new DomainError('validation.choice', 'institutionId');
    assertItemNameFree(tx, input, itemId);
    if (!keepsItsMeaning(before.unit, input.unit)) {
      const used = tx.select({ id: stockEntries.id }).from(stockEntries).where(eq(stockEntries.itemId, itemId)).limit(1).get();
      if (used) throw new DomainError('item.unitInUse', 'unit', 409);
    }
    const { institutionId: _institution, unitPrice, ...fields } = input;
    const after = { ...fields, unitPriceFen: unitPrice };
    if (recordChange(tx, { actorId: actor.userId, entity: 'item', entityId: itemId, institutionId: before.institutionId, before, after }, now).length) {
      tx.update(items).set(after).where(eq(items.id, itemId)).run();
    }
  });
}

/** An item, for a change by its institution's coordinators. */
export function itemForChange(tx: Tx, actor: Actor, itemId: number) {
  const item = tx.select().from(items).where(eq(items.id, itemId)).get();
  if (!item) throw new NotFoundError();
  assertAccess(actor, item.institutionId, 'manage');
  return item;
}

/** The batches of an item in stock (including empty and expired ones). */
export function batchesOf(tx: Tx, institutionId: number, itemId: number): Batch[] {
  return tx
    .select({ batchNo: stockLevels.batchNo, expiryDate: stockLevels.expiryDate, quantity: stockLevels.quantity })
    .from(stockLevels)
    .where(and(eq(stockLevels.institutionId, institutionId), eq(stockLevels.itemId, itemId)))
    .all();
}

interface NewEntry {
  institutionId: number;
  item: { id: number; unit: ItemUnit };
  kind: StockEntryKind;
  batchNo: string;
  expiryDate: string | null;
  quantity: number;
  unitPriceFen: number;
  source?: (typeof stockEntries.$inferInsert)['source'];
  donor?: string | null;
  reason?: string | null;
  eventId?: number | null;
  visitId?: number | null;
  householdId?: number | null;
  recipient?: string | null;
  reversesId?: number | null;
  occurredOn?: string | null;
  createdBy: string;
}

/** Writes one ledger entry and moves the stock level with it; a level that would go below zero is refused. */
export function writeEntry(tx: Tx, entry: NewEntry, now: number, field: string | null = null) {
  const { item, ...rest } = entry;
  const created = tx
    .insert(stockEntries)
    .values({ ...rest, itemId: item.id, valueFen: valueOf(item.unit, entry.quantity, entry.unitPriceFen), createdAt: now })
    .returning()
    .get();
  const level = and(eq(stockLevels.institutionId, entry.institutionId), eq(stockLevels.itemId, item.id), eq(stockLevels.batchNo, entry.batchNo));
  try {
    if (entry.quantity >= 0) {
      tx.insert(stockLevels)
        .values({ institutionId: entry.institutionId, itemId: item.id, batchNo: entry.batchNo, expiryDate: entry.expiryDate, quantity: entry.quantity })
        .onConflictDoUpdate({ target: [stockLevels.institutionId, stockLevels.itemId, stockLevels.batchNo], set: { quantity: sql`${stockLevels.quantity} + ${entry.quantity}` } })
        .run();
    } else if (tx.update(stockLevels).set({ quantity: sql`${stockLevels.quantity} + ${entry.quantity}` }).where(level).run().changes === 0) {
      throw new DomainError('stock.negative', field, 409);
    }
  } catch (error) {
    if (error instanceof Error && /CHECK constraint failed/.test(error.message)) throw new DomainError('stock.negative', field, 409);
    throw error;
  }
  return created;
}

/** Goods come in: bought, or donated by a company or by staff (seed 002's coats). */
export function receiveStock(db: Db, { actor, input }: { actor: Actor; input: ReceiptInput }, today: string, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const item = itemForChange(tx, actor, input.itemId);
      const quantity = storedAmount(item.unit, input.amount, 'amount');
      if (item.kind === 'drug' && input.expiryDate === null) throw new DomainError('stock.expiryRequired', 'expiryDate');
      if (input.expiryDate !== null && isExpired(input.expiryDate, today)) throw new DomainError('stock.expiredOnReceipt', 'expiryDate');
      const batchNo = input.batchNo ?? '';
      const known = batchesOf(tx, item.institutionId, item.id).find((b) => b.batchNo === batchNo);
      if (known && known.expiryDate !== input.expiryDate) throw new DomainError(message('stock.batchExpiry', { expiry: known.expiryDate ?? '—' }), 'expiryDate');
      const entry = writeEntry(
        tx,
        {
          institutionId: item.institutionId,
          item,
          kind: 'receipt',
          batchNo,
          expiryDate: input.expiryDate,
          quantity,
          unitPriceFen: input.unitPrice ?? item.unitPriceFen,
          source: input.source,
          donor: input.donor,
          createdBy: actor.userId,
        },
        now,
      );
      recordAudit(tx, { actorId: actor.userId, action: 'receive', entity: 'stock_entry', entityId: entry.id, institutionId: item.institutionId, after: entry }, now);
      return entry;
    },
    { behavior: 'immediate' },
  );
}

/** A count correction (breakage, a miscount), always with a reason. */
export function adjustStock(
  db: Db,
  { actor, input }: { actor: Actor; input: { itemId: number; batchNo: string; direction: 'add' | 'remove'; amount: number; reason: string } },
  now = Date.now(),
) {
  return db.transaction(
    (tx) => {
      const item = itemForChange(tx, actor, input.itemId);
      const batch = batchesOf(tx, item.institutionId, item.id).find((b) => b.batchNo === input.batchNo);
      if (!batch) throw new DomainError('validation.choice', 'batchNo');
      const magnitude = storedAmount(item.unit, input.amount, 'amount');
      const entry = writeEntry(
        tx,
        { institutionId: item.institutionId, item, kind: 'adjustment', batchNo: batch.batchNo, expiryDate: batch.expiryDate, quantity: input.direction === 'add' ? magnitude : -magnitude, unitPriceFen: item.unitPriceFen, reason: input.reason, createdBy: actor.userId },
        now,
        'amount',
      );
      recordAudit(tx, { actorId: actor.userId, action: 'adjust', entity: 'stock_entry', entityId: entry.id, institutionId: item.institutionId, after: entry }, now);
      return entry;
    },
    { behavior: 'immediate' },
  );
}

/** Cancels a receipt, handout or adjustment with an opposite entry (entries are never edited); once only. */
export function reverseEntry(db: Db, { actor, entryId, reason }: { actor: Actor; entryId: number; reason: string }, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const original = tx.select().from(stockEntries).where(eq(stockEntries.id, entryId)).get();
      if (!original) throw new NotFoundError();
      const item = itemForChange(tx, actor, original.itemId);
      if (original.kind === 'reversal') throw new DomainError('stock.reverseReversal', null, 409);
      if (tx.select({ id: stockEntries.id }).from(stockEntries).where(eq(stockEntries.reversesId, entryId)).get()) throw new DomainError('stock.alreadyReversed', null, 409);
      const entry = writeEntry(
        tx,
        {
          institutionId: original.institutionId,
          item,
          kind: 'reversal',
          batchNo: original.batchNo,
          expiryDate: original.expiryDate,
          quantity: -original.quantity,
          unitPriceFen: original.unitPriceFen,
          reason,
          eventId: original.eventId,
          visitId: original.visitId,
          householdId: original.householdId,
          recipient: original.recipient,
          occurredOn: original.occurredOn,
          reversesId: original.id,
          createdBy: actor.userId,
        },
        now,
      );
      recordAudit(tx, { actorId: actor.userId, action: 'reverse', entity: 'stock_entry', entityId: entry.id, institutionId: original.institutionId, before: original, after: entry }, now);
      return entry;
    },
    { behavior: 'immediate' },
  );
}

/** The institution's items with what is on hand, batch by batch, flagged when expired or expiring soon. */
export function stockView(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, today: string) {
  assertAccess(actor, institutionId, 'read');
  const warnFrom = addDays(today, EXPIRY_WARNING_DAYS);
  const levels = tx.select().from(stockLevels).where(eq(stockLevels.institutionId, institutionId)).orderBy(asc(stockLevels.expiryDate)).all();
  return tx
    .select()
    .from(items)
    .where(eq(items.institutionId, institutionId))
    .orderBy(asc(items.kind), asc(items.name))
    .all()
    .map((item) => {
      const batches = levels
        .filter((l) => l.itemId === item.id && l.quantity > 0)
        .map((l) => ({ ...l, amount: fromBaseQuantity(item.unit, l.quantity), expired: isExpired(l.expiryDate, today), expiringSoon: l.expiryDate !== null && !isExpired(l.expiryDate, today) && l.expiryDate <= warnFrom }));
      const onHand = batches.reduce((sum, b) => sum + b.quantity, 0);
      const usable = batches.filter((b) => !b.expired).reduce((sum, b) => sum + b.quantity, 0);
      return { ...item, batches, onHand, amount: fromBaseQuantity(item.unit, onHand), usableAmount: fromBaseQuantity(item.unit, usable), valueFen: valueOf(item.unit, onHand, item.unitPriceFen) };
    });
}

/** Every entry of one item, newest first, with the event it went to and who wrote it. */
export function itemLedger(tx: Tx, { actor, itemId }: { actor: Actor; itemId: number }) {
  const item = tx.select().from(items).where(eq(items.id, itemId)).get();
  if (!item) throw new NotFoundError();
  assertAccess(actor, item.institutionId, 'read');
  const entries = tx
    .select({ entry: stockEntries, event: events.title, by: users.name })
    .from(stockEntries)
    .leftJoin(events, eq(events.id, stockEntries.eventId))
    .leftJoin(users, eq(users.id, stockEntries.createdBy))
    // By institution and item, so the ledger's (institution, item) index serves it.
    .where(and(eq(stockEntries.institutionId, item.institutionId), eq(stockEntries.itemId, itemId)))
    .orderBy(desc(stockEntries.id))
    .all();
  // Who received something is personal data: members see the movement, not the person.
  const personal = canAccess(actor, item.institutionId, 'personal');
  return { item, entries: personal ? entries : entries.map((row) => ({ ...row, entry: { ...row.entry, recipient: null, householdId: null } })) };
}
