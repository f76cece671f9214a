import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { addShiftSchema, coorganiserInvitationSchema, completionSchema, eventSchema, eventUpdateSchema, partSchema, partUpdateSchema, roleFormSchema, roleUpdateSchema, outcomeCorrectionSchema, shiftUpdateSchema } from '../lib/events/events.ts';
import { addRole, addShift, cancelEvent, completeEvent, copyEvent, correctHeadCount, createEvent, deleteEvent, deleteShift, publishEvent, updateEvent, updateRole, updateShift } from '../lib/events/events.server.ts';
import { inviteCoorganisers, respondToCoorganising } from '../lib/events/joint.server.ts';
import { addPart, deletePart, updatePart } from '../lib/events/programme.server.ts';
import { dateField, optionalText, requiredText } from '../lib/validation/fields.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const events = {
  create: defineAction({
    accept: 'form',
    input: eventSchema,
    handler: (input, context) => act(() => ({ id: createEvent(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  update: defineAction({
    accept: 'form',
    input: eventUpdateSchema,
    handler: ({ eventId, ...input }, context) => act(() => updateEvent(getDb(), { actor: requireActor(context.locals.actor), eventId, input })),
  }),

  updateRole: defineAction({
    accept: 'form',
    input: roleUpdateSchema,
    handler: ({ roleId, ...input }, context) =>
      act(() => {
        updateRole(getDb(), { actor: requireActor(context.locals.actor), roleId, input });
        return { roleId };
      }),
  }),

  updateShift: defineAction({
    accept: 'form',
    input: shiftUpdateSchema,
    handler: ({ shiftId, ...input }, context) =>
      act(() => {
        updateShift(getDb(), { actor: requireActor(context.locals.actor), shiftId, input });
        return { shiftId };
      }),
  }),

  delete: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive() }),
    handler: ({ eventId }, context) =>
      act(() => {
        deleteEvent(getDb(), { actor: requireActor(context.locals.actor), eventId });
        return { deleted: eventId };
      }),
  }),

  deleteShift: defineAction({
    accept: 'form',
    input: z.object({ shiftId: z.coerce.number().int().positive() }),
    handler: ({ shiftId }, context) => act(() => deleteShift(getDb(), { actor: requireActor(context.locals.actor), shiftId })),
  }),

  addPart: defineAction({
    accept: 'form',
    input: partSchema,
    handler: ({ eventId, ...input }, context) => act(() => ({ id: addPart(getDb(), { actor: requireActor(context.locals.actor), eventId, input }).id })),
  }),

  updatePart: defineAction({
    accept: 'form',
    input: partUpdateSchema,
    handler: ({ partId, ...input }, context) =>
      act(() => {
        updatePart(getDb(), { actor: requireActor(context.locals.actor), partId, input });
        return { partId };
      }),
  }),

  deletePart: defineAction({
    accept: 'form',
    input: z.object({ partId: z.coerce.number().int().positive() }),
    handler: ({ partId }, context) => act(() => deletePart(getDb(), { actor: requireActor(context.locals.actor), partId })),
  }),

  addRole: defineAction({
    accept: 'form',
    input: roleFormSchema,
    handler: (input, context) => act(() => ({ id: addRole(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  addShift: defineAction({
    accept: 'form',
    input: addShiftSchema,
    handler: ({ roleId, ...shift }, context) => act(() => ({ id: addShift(getDb(), { actor: requireActor(context.locals.actor), roleId, shift }).id })),
  }),

  cancel: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive(), reason: requiredText(300) }),
    handler: ({ eventId, reason }, context) =>
      act(() => {
        cancelEvent(getDb(), { actor: requireActor(context.locals.actor), eventId, reason });
        return { cancelled: eventId };
      }),
  }),

  complete: defineAction({
    accept: 'form',
    input: completionSchema,
    handler: ({ eventId, outcomes }, context) =>
      act(() => {
        completeEvent(getDb(), { actor: requireActor(context.locals.actor), eventId, outcomes });
        return { completed: eventId };
      }),
  }),

  correctHeadCount: defineAction({
    accept: 'form',
    input: outcomeCorrectionSchema,
    handler: ({ eventId, outcomes, reason }, context) =>
      act(() => {
        correctHeadCount(getDb(), { actor: requireActor(context.locals.actor), eventId, outcomes, reason });
        return { eventId };
      }),
  }),

  copy: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive(), date: dateField, title: optionalText(80) }),
    handler: ({ eventId, date, title }, context) => act(() => ({ id: copyEvent(getDb(), { actor: requireActor(context.locals.actor), eventId, date, title }).id })),
  }),

  publish: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive() }),
    handler: ({ eventId }, context) =>
      act(() => {
        publishEvent(getDb(), { actor: requireActor(context.locals.actor), eventId });
        return { published: eventId };
      }),
  }),

  inviteCoorganisers: defineAction({
    accept: 'form',
    input: coorganiserInvitationSchema,
    handler: ({ eventId, institutionIds }, context) =>
      act(() => ({ invited: inviteCoorganisers(getDb(), { actor: requireActor(context.locals.actor), eventId, institutionIds }) })),
  }),

  respondCoorganising: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive(), institutionId: z.coerce.number().int().positive(), answer: z.enum(['accept', 'decline']) }),
    handler: ({ eventId, institutionId, answer }, context) =>
      act(() => {
        respondToCoorganising(getDb(), { actor: requireActor(context.locals.actor), eventId, institutionId, accept: answer === 'accept' });
        return { eventId };
      }),
  }),
};
