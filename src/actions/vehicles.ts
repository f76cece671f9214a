import { defineAction } from 'astro:actions';
import { getDb } from '../lib/server/db.ts';
import { dispatchSchema, vehicleSchema } from '../lib/vehicles/vehicles.ts';
import { addVehicle, dispatchVehicle } from '../lib/vehicles/vehicles.server.ts';
import { act, requireActor } from './errors.ts';

export const vehicles = {
  add: defineAction({
    accept: 'form',
    input: vehicleSchema,
    handler: (input, context) => act(() => ({ id: addVehicle(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  dispatch: defineAction({
    accept: 'form',
    input: dispatchSchema,
    handler: (input, context) => act(() => ({ id: dispatchVehicle(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),
};
