import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { institutionSchema } from '../lib/institutions/institutions.ts';
import { createInstitution, updateInstitution } from '../lib/institutions/institutions.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const institutions = {
  create: defineAction({
    accept: 'form',
    input: institutionSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return { id: createInstitution(getDb(), { actor, input }).id };
      }),
  }),

  update: defineAction({
    accept: 'form',
    input: institutionSchema.extend({ institutionId: z.coerce.number().int().positive() }),
    handler: ({ institutionId, ...input }, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return { id: updateInstitution(getDb(), { actor, institutionId, input }).id };
      }),
  }),
};
