import { defineAction } from 'astro:actions';
import { villageSchema, villageUpdateSchema } from '../lib/places/places.ts';
import { createVillage, updateVillage } from '../lib/places/places.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const places = {
  createVillage: defineAction({
    accept: 'form',
    input: villageSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return createVillage(getDb(), { actor, input });
      }),
  }),

  updateVillage: defineAction({
    accept: 'form',
    input: villageUpdateSchema,
    handler: ({ villageId, ...input }, context) => act(() => updateVillage(getDb(), { actor: requireActor(context.locals.actor), villageId, input })),
  }),
};
