import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { donationSchema } from '../lib/donations/donations.ts';
import { recordDonation, voidDonation } from '../lib/donations/donations.server.ts';
import { getDb } from '../lib/server/db.ts';
import { requiredText } from '../lib/validation/fields.ts';
import { act, requireActor } from './errors.ts';

export const donations = {
  record: defineAction({
    accept: 'form',
    input: donationSchema,
    handler: (input, context) => act(() => ({ id: recordDonation(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  void: defineAction({
    accept: 'form',
    input: z.object({ donationId: z.coerce.number().int().positive(), reason: requiredText(200) }),
    handler: ({ donationId, reason }, context) =>
      act(() => {
        voidDonation(getDb(), { actor: requireActor(context.locals.actor), donationId, reason });
        return { donationId };
      }),
  }),
};
