import { defineAction } from 'astro:actions';
import { getDb } from '../lib/server/db.ts';
import { completeFollowUp } from '../lib/visits/follow-ups.server.ts';
import { completeFollowUpSchema, visitAmendSchema, visitDraftSchema, visitSchema } from '../lib/visits/visits.ts';
import { amendVisit, recordVisit, saveVisitDraft } from '../lib/visits/visits.server.ts';
import { act, requireActor } from './errors.ts';

export const visits = {
  record: defineAction({
    accept: 'form',
    input: visitSchema,
    handler: ({ photos, ...input }, context) =>
      act(async () => {
        const actor = requireActor(context.locals.actor);
        const bytes = await Promise.all(photos.map(async (file) => new Uint8Array(await file.arrayBuffer())));
        return recordVisit(getDb(), { actor, input, photos: bytes });
      }),
  }),

  amend: defineAction({
    accept: 'form',
    input: visitAmendSchema,
    handler: ({ visitId, ...input }, context) => act(() => amendVisit(getDb(), { actor: requireActor(context.locals.actor), visitId, input })),
  }),

  // Called by the visit form's script as the visitor types; answers when the draft was saved.
  saveDraft: defineAction({
    accept: 'form',
    input: visitDraftSchema,
    handler: ({ householdId, ...fields }, context) =>
      act(() => saveVisitDraft(getDb(), { actor: requireActor(context.locals.actor), householdId, fields: fields as Record<string, string> })),
  }),

  completeFollowUp: defineAction({
    accept: 'form',
    input: completeFollowUpSchema,
    handler: ({ followUpId, note }, context) =>
      act(() => {
        completeFollowUp(getDb(), { actor: requireActor(context.locals.actor), followUpId, note });
        return { followUpId };
      }),
  }),
};
