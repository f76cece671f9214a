import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { campaignSchema, invitationSchema } from '../lib/campaigns/campaigns.ts';
import { createCampaign, inviteInstitutions, respondToInvitation, updateCampaign } from '../lib/campaigns/campaigns.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const campaigns = {
  create: defineAction({
    accept: 'form',
    input: campaignSchema,
    handler: (input, context) => act(() => ({ id: createCampaign(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  update: defineAction({
    accept: 'form',
    input: campaignSchema.safeExtend({ campaignId: z.coerce.number().int().positive() }),
    handler: ({ campaignId, ...input }, context) =>
      act(() => {
        updateCampaign(getDb(), { actor: requireActor(context.locals.actor), campaignId, input });
        return { campaignId };
      }),
  }),

  invite: defineAction({
    accept: 'form',
    input: invitationSchema,
    handler: ({ campaignId, institutionIds }, context) =>
      act(() => ({ invited: inviteInstitutions(getDb(), { actor: requireActor(context.locals.actor), campaignId, institutionIds }) })),
  }),

  respond: defineAction({
    accept: 'form',
    input: z.object({ campaignId: z.coerce.number().int().positive(), institutionId: z.coerce.number().int().positive(), answer: z.enum(['accept', 'decline']) }),
    handler: ({ campaignId, institutionId, answer }, context) =>
      act(() => {
        respondToInvitation(getDb(), { actor: requireActor(context.locals.actor), campaignId, institutionId, accept: answer === 'accept' });
        return { campaignId };
      }),
  }),
};
