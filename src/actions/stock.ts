import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { beijingDate } from '../lib/time/beijing.ts';
import { getDb } from '../lib/server/db.ts';
import { adjustStock, createItem, receiveStock, reverseEntry, updateItem } from '../lib/stock/stock.server.ts';
import { adjustmentSchema, itemSchema, receiptSchema } from '../lib/stock/stock.ts';
import { requiredText } from '../lib/validation/fields.ts';
import { act, requireActor } from './errors.ts';

export const stock = {
  createItem: defineAction({
    accept: 'form',
    input: itemSchema,
    handler: (input, context) => act(() => ({ id: createItem(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  updateItem: defineAction({
    accept: 'form',
    input: itemSchema.safeExtend({ itemId: z.coerce.number().int().positive() }),
    handler: ({ itemId, ...input }, context) =>
      act(() => {
        updateItem(getDb(), { actor: requireActor(context.locals.actor), itemId, input });
        return { itemId };
      }),
  }),

  receive: defineAction({
    accept: 'form',
    input: receiptSchema,
    handler: (input, context) => act(() => ({ id: receiveStock(getDb(), { actor: requireActor(context.locals.actor), input }, beijingDate(Date.now())).id })),
  }),

  adjust: defineAction({
    accept: 'form',
    input: adjustmentSchema,
    handler: (input, context) => act(() => ({ id: adjustStock(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  reverse: defineAction({
    accept: 'form',
    input: z.object({ entryId: z.coerce.number().int().positive(), reason: requiredText(200) }),
    handler: ({ entryId, reason }, context) => act(() => ({ id: reverseEntry(getDb(), { actor: requireActor(context.locals.actor), entryId, reason }).id })),
  }),
};
