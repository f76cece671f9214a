import { defineAction } from 'astro:actions';
import { getDb } from '../lib/server/db.ts';
import { postingEndSchema, postingSchema } from '../lib/postings/postings.ts';
import { endPosting, sendStaff } from '../lib/postings/postings.server.ts';
import { act, requireActor } from './errors.ts';

export const postings = {
  send: defineAction({
    accept: 'form',
    input: postingSchema,
    handler: (input, context) => act(() => ({ id: sendStaff(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  end: defineAction({
    accept: 'form',
    input: postingEndSchema,
    handler: ({ postingId, toDate }, context) =>
      act(() => {
        endPosting(getDb(), { actor: requireActor(context.locals.actor), postingId, toDate });
        return { postingId };
      }),
  }),
};
