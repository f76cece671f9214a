// What was handed out at an event: the bulk form (one amount per item, empty for none) and the totals
// the event page shows.
import { z } from 'zod';
import type { ItemKind } from '#db/schema.ts';
import { optionalAmountField } from '../units/quantities.ts';
import { optionalIdField, optionalText } from '../validation/fields.ts';

export const handoutSchema = z.object({
  eventId: z.coerce.number().int().positive(),
  // Whose stock: at a joint event each institution running it hands out its own (the organiser's when empty).
  institutionId: optionalIdField,
  householdId: optionalIdField,
  recipient: optionalText(60),
  // quantities.<itemId> = amount in the item's unit; a plain object with any item ids as keys.
  quantities: z.object({}).catchall(optionalAmountField),
});
export type HandoutInput = z.output<typeof handoutSchema>;

/** The lines that were filled in, as item ids with amounts. */
export function filledLines(quantities: Record<string, number | null>): { itemId: number; amount: number }[] {
  return Object.entries(quantities)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([id, amount]) => ({ itemId: Number(id), amount }))
    .filter((line) => Number.isInteger(line.itemId) && line.itemId > 0);
}

/** Given value and pieces per kind, net of reversals (handouts are negative stock movements). */
export function handoutTotals(lines: { kind: ItemKind; quantity: number; valueFen: number }[]) {
  const byKind = new Map<ItemKind, { quantity: number; valueFen: number }>();
  for (const line of lines) {
    const total = byKind.get(line.kind) ?? { quantity: 0, valueFen: 0 };
    total.quantity -= line.quantity;
    total.valueFen -= line.valueFen;
    byKind.set(line.kind, total);
  }
  const valueFen = [...byKind.values()].reduce((sum, t) => sum + t.valueFen, 0);
  return { byKind, valueFen };
}
