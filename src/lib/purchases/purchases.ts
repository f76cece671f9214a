// Purchases from poor villages (消费扶贫): the form, and how quantities and totals are counted. Weights
// are kept in grams and reported in 斤 ("4万余斤 potatoes"); cases are counted as pieces.
import { z } from 'zod';
import { PURCHASE_UNITS, type PurchaseUnit, SELLER_KINDS } from '#db/schema.ts';
import { amountField, moneyField, valueOf } from '../units/quantities.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, requiredText } from '../validation/fields.ts';

export const purchaseSchema = z
  .object({
    institutionId: z.coerce.number().int().positive(),
    buyerUnit: optionalText(30),
    sellerKind: choiceField(SELLER_KINDS),
    villageId: z.coerce.number({ error: message('validation.required') }).int().positive({ error: message('validation.required') }),
    householdId: optionalIdField,
    sellerName: optionalText(60),
    product: requiredText(30),
    unit: choiceField(PURCHASE_UNITS),
    quantityOrdered: amountField,
    unitPrice: moneyField,
    deliveryDate: dateField,
  })
  .superRefine((value, ctx) => {
    if (value.sellerKind === 'household' && value.householdId === null) ctx.addIssue({ code: 'custom', path: ['householdId'], message: message('purchase.householdRequired') });
    if (value.sellerKind !== 'household' && value.sellerName === null) ctx.addIssue({ code: 'custom', path: ['sellerName'], message: message('purchase.sellerRequired') });
  });
export type PurchaseInput = z.output<typeof purchaseSchema>;

export const deliverySchema = z.object({ purchaseId: z.coerce.number().int().positive(), quantityDelivered: amountField });

/** What a purchase comes to: the weighed quantity once delivered, the ordered one until then. */
export function purchaseTotal(unit: PurchaseUnit, quantityOrdered: number, quantityDelivered: number | null, unitPriceFen: number): number {
  return valueOf(unit, quantityDelivered ?? quantityOrdered, unitPriceFen);
}
