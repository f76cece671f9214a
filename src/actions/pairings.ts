import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { pairingRequestSchema, pairingSchema, pairingUpdateSchema } from '../lib/pairings/pairings.ts';
import { createPairing, decidePairingRequest, endPairing, recordVisitDate, requestPairing, updatePairing, withdrawPairingRequest } from '../lib/pairings/pairings.server.ts';
import { projectPaymentSchema, projectSchema } from '../lib/pairings/projects.ts';
import { addProject, recordProjectPayment } from '../lib/pairings/projects.server.ts';
import { optionalText } from '../lib/validation/fields.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

const onePairing = z.object({ pairingId: z.coerce.number().int().positive() });
const oneRequest = z.object({ requestId: z.coerce.number().int().positive() });

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

  addProject: defineAction({
    accept: 'form',
    input: projectSchema,
    handler: (input, context) => act(() => ({ projectId: addProject(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  recordProjectPayment: defineAction({
    accept: 'form',
    input: projectPaymentSchema,
    handler: (input, context) => act(() => ({ paymentId: recordProjectPayment(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
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

  request: defineAction({
    accept: 'form',
    input: pairingRequestSchema,
    handler: (input, context) => act(() => ({ id: requestPairing(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  approve: defineAction({
    accept: 'form',
    input: oneRequest,
    handler: ({ requestId }, context) => act(() => decidePairingRequest(getDb(), { actor: requireActor(context.locals.actor), requestId, approve: true, reason: null })),
  }),

  refuse: defineAction({
    accept: 'form',
    input: oneRequest.extend({ reason: optionalText(300) }),
    handler: ({ requestId, reason }, context) => act(() => decidePairingRequest(getDb(), { actor: requireActor(context.locals.actor), requestId, approve: false, reason })),
  }),

  withdraw: defineAction({
    accept: 'form',
    input: oneRequest,
    handler: ({ requestId }, context) =>
      act(() => {
        withdrawPairingRequest(getDb(), { actor: requireActor(context.locals.actor), requestId });
        return { withdrawn: requestId };
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
