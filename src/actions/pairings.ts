import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { pairingSchema, pairingUpdateSchema } from '../lib/pairings/pairings.ts';
import { createPairing, endPairing, recordVisitDate, updatePairing } from '../lib/pairings/pairings.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

const onePairing = z.object({ pairingId: z.coerce.number().int().positive() });

export const pairings = {
  update: defineAction({
    accept: 'form',
    input: pairingUpdateSchema,
    handler: ({ pairingId, ...input }, context) =>
      act(() => {
        updatePairing(getDb(), { actor: requireActor(context.locals.actor), pairingId, input });
        return { pairingId };
      }),
  }),

  create: defineAction({
    accept: 'form',
    input: pairingSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return { id: createPairing(getDb(), { actor, input }).id };
      }),
  }),

  end: defineAction({
    accept: 'form',
    input: onePairing,
    handler: ({ pairingId }, context) =>
      act(() => {
        endPairing(getDb(), { actor: requireActor(context.locals.actor), pairingId });
        return { ended: pairingId };
      }),
  }),

  markVisited: defineAction({
    accept: 'form',
    input: onePairing,
    handler: ({ pairingId }, context) =>
      act(() => {
        recordVisitDate(getDb(), { actor: requireActor(context.locals.actor), pairingId, visitedAt: Date.now() });
        return { visited: pairingId };
      }),
  }),
};
