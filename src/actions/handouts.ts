import { defineAction } from 'astro:actions';
import { handoutSchema } from '../lib/handouts/handouts.ts';
import { recordHandouts } from '../lib/handouts/handouts.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const handouts = {
  record: defineAction({
    accept: 'form',
    input: handoutSchema,
    handler: (input, context) => act(() => ({ lines: recordHandouts(getDb(), { actor: requireActor(context.locals.actor), input }) })),
  }),
};
