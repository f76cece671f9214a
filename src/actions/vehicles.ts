import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/server/db.ts';
import { dispatchSchema, vehicleSchema } from '../lib/vehicles/vehicles.ts';
import { addVehicle, dispatchVehicle, updateVehicle } from '../lib/vehicles/vehicles.server.ts';
import { act, requireActor } from './errors.ts';

export const vehicles = {
  add: defineAction({
    accept: 'form',
    input: vehicleSchema,
    handler: (input, context) => act(() => ({ id: addVehicle(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  update: defineAction({
    accept: 'form',
    input: vehicleSchema.extend({ vehicleId: z.coerce.number().int().positive() }),
    handler: ({ vehicleId, ...input }, context) =>
      act(() => {
        updateVehicle(getDb(), { actor: requireActor(context.locals.actor), vehicleId, input });
        return { vehicleId };
      }),
  }),

  dispatch: defineAction({
    accept: 'form',
    input: dispatchSchema,
    handler: (input, context) => act(() => ({ id: dispatchVehicle(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),
};
