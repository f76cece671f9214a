import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { deliverySchema, purchaseSchema } from '../lib/purchases/purchases.ts';
import { mergeProducts } from '../lib/purchases/products.server.ts';
import { attachReceipt, markPaid, recordDelivery, recordPurchase, updatePurchase } from '../lib/purchases/purchases.server.ts';
import { normalisePhoto } from '../lib/server/photos.ts';
import { message } from '../lib/validation/fields.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const purchases = {
  record: defineAction({
    accept: 'form',
    input: purchaseSchema,
    handler: (input, context) => act(() => ({ id: recordPurchase(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  update: defineAction({
    accept: 'form',
    input: purchaseSchema.safeExtend({ purchaseId: z.coerce.number().int().positive() }),
    handler: ({ purchaseId, ...input }, context) =>
      act(() => {
        updatePurchase(getDb(), { actor: requireActor(context.locals.actor), purchaseId, input });
        return { purchaseId };
      }),
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

  attachReceipt: defineAction({
    accept: 'form',
    input: z.object({
      purchaseId: z.coerce.number().int().positive(),
      photo: z.instanceof(File, { error: message('photo.missing') }).refine((file) => file.size > 0, { error: message('photo.missing') }),
    }),
    handler: ({ purchaseId, photo }, context) =>
      act(async () => {
        const actor = requireActor(context.locals.actor);
        const jpeg = await normalisePhoto(new Uint8Array(await photo.arrayBuffer()), 'photo');
        attachReceipt(getDb(), { actor, purchaseId, jpeg });
        return { purchaseId };
      }),
  }),

  mergeProducts: defineAction({
    accept: 'form',
    input: z.object({ productId: z.coerce.number().int().positive(), intoId: z.coerce.number().int().positive() }),
    handler: ({ productId, intoId }, context) =>
      act(() => {
        mergeProducts(getDb(), { actor: requireActor(context.locals.actor), productId, intoId });
        return { intoId };
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
