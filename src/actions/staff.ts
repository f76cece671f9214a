import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/server/db.ts';
import { staffSchema } from '../lib/staff/staff.ts';
import { addStaff, linkStaffAccount, updateStaff } from '../lib/staff/staff.server.ts';
import { emailField } from '../lib/validation/fields.ts';
import { act, requireActor } from './errors.ts';

export const staff = {
  add: defineAction({
    accept: 'form',
    input: staffSchema,
    handler: (input, context) => act(() => addStaff(getDb(), { actor: requireActor(context.locals.actor), input })),
  }),

  update: defineAction({
    accept: 'form',
    input: staffSchema.extend({ staffId: z.coerce.number().int().positive() }),
    handler: ({ staffId, ...input }, context) =>
      act(() => {
        updateStaff(getDb(), { actor: requireActor(context.locals.actor), staffId, input });
        return { staffId };
      }),
  }),

  link: defineAction({
    accept: 'form',
    input: z.object({ staffId: z.coerce.number().int().positive(), email: emailField }),
    handler: ({ staffId, email }, context) =>
      act(() => {
        linkStaffAccount(getDb(), { actor: requireActor(context.locals.actor), staffId, email });
        return { staffId };
      }),
  }),
};
