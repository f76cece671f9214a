import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { issueApiTokenSchema } from '../lib/api-tokens/api-tokens.ts';
import { issueApiToken, revokeApiToken } from '../lib/api-tokens/api-tokens.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const apiTokens = {
  issue: defineAction({
    accept: 'form',
    input: issueApiTokenSchema,
    handler: (input, context) => act(() => issueApiToken(getDb(), { actor: requireActor(context.locals.actor), input })),
  }),

  revoke: defineAction({
    accept: 'form',
    input: z.object({ tokenId: z.coerce.number().int().positive() }),
    handler: ({ tokenId }, context) =>
      act(() => {
        revokeApiToken(getDb(), { actor: requireActor(context.locals.actor), tokenId });
        return { tokenId };
      }),
  }),
};
