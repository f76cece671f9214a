// Quantities and money at the edges. The database keeps pieces or grams, and fen; people type and read
// 斤, 公斤, boxes and yuan. 1 斤 = 500 g, 1 公斤 = 1000 g.
import { z } from 'zod';
import type { ItemUnit } from '#db/schema.ts';
import { DomainError } from '../server/errors.ts';
import { message, toHalfWidth } from '../validation/fields.ts';

export const GRAMS_PER: Partial<Record<ItemUnit, number>> = { jin: 500, kg: 1000 };

/** How many stored units (pieces or grams) make one of `unit`. */
export function baseUnitsPer(unit: ItemUnit): number {
  return GRAMS_PER[unit] ?? 1;
}

/** Whether an amount stored in one unit means the same in another: the same unit, or two weights (grams). */
export function keepsItsMeaning(from: ItemUnit, to: ItemUnit): boolean {
  return from === to || (GRAMS_PER[from] !== undefined && GRAMS_PER[to] !== undefined);
}

/**
 * A typed amount of `unit` as stored units, or null when it cannot be stored exactly: pieces must be whole,
 * and weights are kept to the gram.
 */
export function toBaseQuantity(unit: ItemUnit, amount: number): number | null {
  const base = amount * baseUnitsPer(unit);
  const rounded = Math.round(base);
  return Math.abs(base - rounded) < 1e-6 ? rounded : null;
}

/** A typed amount as stored units, refused beside `field` when it cannot be stored exactly (half a box). */
export function storedAmount(unit: ItemUnit, amount: number, field: string): number {
  const base = toBaseQuantity(unit, amount);
  if (base === null || base === 0) throw new DomainError('quantity.whole', field);
  return base;
}

/** Stored units back as an amount of the item's unit. */
export function fromBaseQuantity(unit: ItemUnit, base: number): number {
  return base / baseUnitsPer(unit);
}

/** The value in fen of a stored quantity at a unit price (fen per unit), rounded to the fen. */
export function valueOf(unit: ItemUnit, baseQuantity: number, unitPriceFen: number): number {
  return Math.round((baseQuantity * unitPriceFen) / baseUnitsPer(unit));
}

// Typed numbers: full-width digits and thousands separators ("2,000", "２０００") are accepted.
const numberText = (value: unknown) => (typeof value === 'string' ? toHalfWidth(value).replace(/[,，\s]/g, '') : value);

/** The most one entry may hold: a sane bound that still fits a large potato purchase (10 million). */
export const MAX_AMOUNT = 10_000_000;

/** A positive amount of something, up to three decimals (2.5 斤, 0.125 公斤) and MAX_AMOUNT. */
export const amountField = z.preprocess(
  numberText,
  z
    .string({ error: message('validation.required') })
    .min(1, { error: message('validation.required') })
    .regex(/^\d+(\.\d{1,3})?$/, { error: message('quantity.format') })
    .transform(Number)
    .refine((n) => n > 0, { error: message('quantity.positive') })
    .refine((n) => n <= MAX_AMOUNT, { error: message('quantity.tooLarge', { max: MAX_AMOUNT }) }),
);

/** The same, where an empty box means "none" (one line of a bulk form). */
export const optionalAmountField = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value ?? null), amountField.nullable());

/** Yuan with at most two decimals, stored as fen; at most 100 million yuan. */
export const moneyField = z.preprocess(
  numberText,
  z
    .string({ error: message('validation.required') })
    .min(1, { error: message('validation.required') })
    .regex(/^\d+(\.\d{1,2})?$/, { error: message('money.format') })
    .transform((text) => {
      const [yuan, decimals = ''] = text.split('.');
      return Number(yuan) * 100 + Number(decimals.padEnd(2, '0'));
    })
    .refine((fen) => fen <= 10_000_000_000, { error: message('money.tooLarge') }),
);

/** Fen as yuan with two decimals, e.g. 12345 → "123.45". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
