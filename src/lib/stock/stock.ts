// Stock rules that need no database: the item and receipt forms, expiry, and which batches a handout
// draws from (first to expire, first out; expired batches never).
import { z } from 'zod';
import { ITEM_KINDS, ITEM_UNITS, RECEIPT_SOURCES } from '#db/schema.ts';
import { amountField, moneyField } from '../units/quantities.ts';
import { choiceField, dateField, message, optionalText, requiredText } from '../validation/fields.ts';
import { listChoiceField, listSearchField } from '../lists/list-query.ts';

export const itemSchema = z
  .object({
    institutionId: z.coerce.number().int().positive(),
    name: requiredText(60),
    kind: choiceField(ITEM_KINDS),
    unit: choiceField(ITEM_UNITS),
    unitPrice: moneyField,
    genericName: optionalText(60),
    specification: optionalText(60),
    dosageForm: optionalText(30),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'drug' && value.genericName === null) ctx.addIssue({ code: 'custom', path: ['genericName'], message: message('item.genericNameRequired') });
  });
export type ItemInput = z.output<typeof itemSchema>;

export const receiptSchema = z.object({
  itemId: z.coerce.number().int().positive(),
  amount: amountField,
  batchNo: optionalText(40),
  expiryDate: z.preprocess((v) => (v === '' || v === undefined ? null : v), dateField.nullable()),
  source: choiceField(RECEIPT_SOURCES),
  donor: optionalText(60),
  // Empty: the item's current price. A donation can be valued at another price for the record.
  unitPrice: z.preprocess((v) => (v === '' || v === undefined ? null : v), moneyField.nullable()),
});
export type ReceiptInput = z.output<typeof receiptSchema>;

export const adjustmentSchema = z.object({
  itemId: z.coerce.number().int().positive(),
  batchNo: z.preprocess((v) => v ?? '', z.string().max(40)),
  direction: z.enum(['add', 'remove'], { error: message('validation.choice') }),
  amount: amountField,
  reason: requiredText(200),
});

/** Whether a batch has expired by `today` (a Beijing date); a batch without an expiry never does. */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

export interface Batch {
  batchNo: string;
  expiryDate: string | null;
  quantity: number;
}

/**
 * Takes `wanted` from the batches that have not expired, soonest expiry first (batches without an expiry
 * last). Returns what to take from each, or the shortfall: what is usable and what has expired.
 */
export function allocate(batches: Batch[], wanted: number, today: string): { ok: true; takes: Batch[] } | { ok: false; usable: number; expired: number } {
  const usable = batches.filter((b) => b.quantity > 0 && !isExpired(b.expiryDate, today)).sort((a, b) => (a.expiryDate ?? '9999').localeCompare(b.expiryDate ?? '9999') || a.batchNo.localeCompare(b.batchNo));
  const available = usable.reduce((sum, b) => sum + b.quantity, 0);
  if (available < wanted) {
    return { ok: false, usable: available, expired: batches.filter((b) => isExpired(b.expiryDate, today)).reduce((sum, b) => sum + b.quantity, 0) };
  }
  const takes: Batch[] = [];
  let left = wanted;
  for (const batch of usable) {
    if (left === 0) break;
    const take = Math.min(left, batch.quantity);
    takes.push({ batchNo: batch.batchNo, expiryDate: batch.expiryDate, quantity: take });
    left -= take;
  }
  return { ok: true, takes };
}

/** What the stock list can be narrowed to: every item, those with stock, or those with a batch expired or expiring soon. */
export const STOCK_LIST_STATES = ['in_stock', 'expiring'] as const;

/** The stock list's query, from its address: words in the item's names or specification, kind, state. */
export const stockListSchema = z.object({
  q: listSearchField,
  kind: listChoiceField(ITEM_KINDS),
  state: listChoiceField(STOCK_LIST_STATES),
});
export type StockListQuery = z.output<typeof stockListSchema>;

/**
 * Whether an item of the stock list answers the query. An institution holds tens of items, not thousands: the
 * list is read whole (its forms offer every item) and narrowed as it is shown.
 */
export function stockItemMatches(
  item: { name: string; genericName: string | null; specification: string | null; kind: string; onHand: number; batches: { expired: boolean; expiringSoon: boolean }[] },
  query: Partial<StockListQuery>,
): boolean {
  const words = query.q?.toLowerCase();
  if (words && ![item.name, item.genericName, item.specification].some((text) => text?.toLowerCase().includes(words))) return false;
  if (query.kind && item.kind !== query.kind) return false;
  if (query.state === 'in_stock' && item.onHand <= 0) return false;
  if (query.state === 'expiring' && !item.batches.some((b) => b.expired || b.expiringSoon)) return false;
  return true;
}
