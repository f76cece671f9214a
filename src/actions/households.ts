import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { householdMemberSchema, householdMemberUpdateSchema, householdSchema, householdUpdateSchema, memberRemovalSchema } from '../lib/households/households.ts';
import { addHouseholdMember, createHousehold, removeHouseholdMember, revealIdNumber, updateHousehold, updateHouseholdMember } from '../lib/households/households.server.ts';
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

  update: defineAction({
    accept: 'form',
    input: householdUpdateSchema,
    handler: ({ householdId, ...input }, context) => act(() => updateHousehold(getDb(), { actor: requireActor(context.locals.actor), householdId, input })),
  }),

  updateMember: defineAction({
    accept: 'form',
    input: householdMemberUpdateSchema,
    handler: ({ memberId, ...input }, context) =>
      act(() => {
        updateHouseholdMember(getDb(), { actor: requireActor(context.locals.actor), memberId, input });
        return { memberId };
      }),
  }),

  removeMember: defineAction({
    accept: 'form',
    input: memberRemovalSchema,
    handler: (input, context) =>
      act(() => {
        removeHouseholdMember(getDb(), { actor: requireActor(context.locals.actor), input });
        return { memberId: input.memberId };
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
