import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { deliverySchema, purchaseSchema } from '../lib/purchases/purchases.ts';
import { markPaid, recordDelivery, recordPurchase } from '../lib/purchases/purchases.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const purchases = {
  record: defineAction({
    accept: 'form',
    input: purchaseSchema,
    handler: (input, context) => act(() => ({ id: recordPurchase(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  deliver: defineAction({
    accept: 'form',
    input: deliverySchema,
    handler: ({ purchaseId, quantityDelivered }, context) =>
      act(() => {
        recordDelivery(getDb(), { actor: requireActor(context.locals.actor), purchaseId, quantityDelivered });
        return { purchaseId };
      }),
  }),

  markPaid: defineAction({
    accept: 'form',
    input: z.object({ purchaseId: z.coerce.number().int().positive() }),
    handler: ({ purchaseId }, context) =>
      act(() => {
        markPaid(getDb(), { actor: requireActor(context.locals.actor), purchaseId });
        return { purchaseId };
      }),
  }),
};
