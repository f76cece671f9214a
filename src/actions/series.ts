import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { createSeries, publishSeriesDrafts, updateSeries } from '../lib/events/series.server.ts';
import { seriesSchema, seriesUpdateSchema } from '../lib/events/series.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

const seriesId = z.coerce.number().int().positive();

export const series = {
  create: defineAction({
    accept: 'form',
    input: seriesSchema,
    handler: (input, context) => act(() => createSeries(getDb(), { actor: requireActor(context.locals.actor), input })),
  }),

  update: defineAction({
    accept: 'form',
    input: seriesUpdateSchema,
    handler: ({ seriesId: id, ...input }, context) => act(() => updateSeries(getDb(), { actor: requireActor(context.locals.actor), seriesId: id, input })),
  }),

  publishDrafts: defineAction({
    accept: 'form',
    input: z.object({ seriesId }),
    handler: ({ seriesId: id }, context) => act(() => ({ published: publishSeriesDrafts(getDb(), { actor: requireActor(context.locals.actor), seriesId: id }) })),
  }),
};
