import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { householdMemberSchema, householdSchema } from '../lib/households/households.ts';
import { addHouseholdMember, createHousehold, revealIdNumber } from '../lib/households/households.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const households = {
  create: defineAction({
    accept: 'form',
    input: householdSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return createHousehold(getDb(), { actor, input });
      }),
  }),

  addMember: defineAction({
    accept: 'form',
    input: householdMemberSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return { id: addHouseholdMember(getDb(), { actor, input }).id };
      }),
  }),

  revealIdNumber: defineAction({
    accept: 'form',
    input: z.object({ householdId: z.coerce.number().int().positive() }),
    handler: ({ householdId }, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return { idNumber: revealIdNumber(getDb(), { actor, householdId }) };
      }),
  }),
};
