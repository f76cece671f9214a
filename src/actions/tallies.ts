import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { getDb } from '../lib/server/db.ts';
import { DomainError } from '../lib/server/errors.ts';
import { publishTally } from '../lib/tallies/snapshots.server.ts';
import { tallyFilterSchema } from '../lib/tallies/tallies.ts';
import { requiredText } from '../lib/validation/fields.ts';
import { act, requireActor } from './errors.ts';

export const tallies = {
  // Freezes the dashboard's current figures under a title (the press release they went into).
  publish: defineAction({
    accept: 'form',
    input: z.object({ title: requiredText(80), campaign: z.string().max(20).optional(), from: z.string().max(20).optional(), to: z.string().max(20).optional(), area: z.string().max(20).optional(), institution: z.string().max(20).optional() }),
    handler: ({ title, ...raw }, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        // The filters come from the dashboard's own hidden fields; malformed ones are not a tally to publish.
        const filters = tallyFilterSchema.safeParse(raw);
        if (!filters.success) throw new DomainError('validation.invalid');
        return publishTally(getDb(), { actor, filters: filters.data, title });
      }),
  }),
};
