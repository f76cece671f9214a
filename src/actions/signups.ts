import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/server/db.ts';
import { emailField, requiredText } from '../lib/validation/fields.ts';
import { assignStaffToShift, assignToShift, messageEvent, moveSignup } from '../lib/signups/assignments.server.ts';
import { checkInByCode, markAttendance } from '../lib/signups/attendance.server.ts';
import { answerReminder } from '../lib/signups/reminders.server.ts';
import { acceptOffer, cancelSignup, confirmOffer, signUpForShift } from '../lib/signups/signups.server.ts';
import { act, requireActor } from './errors.ts';

// "Go ahead anyway" boxes: ticked or not.
const acceptField = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

export const signups = {
  signUp: defineAction({
    accept: 'form',
    input: z.object({ shiftId: z.coerce.number().int().positive(), acceptOverlap: acceptField }),
    handler: ({ shiftId, acceptOverlap }, context) => act(() => signUpForShift(getDb(), { actor: requireActor(context.locals.actor), shiftId, acceptOverlap })),
  }),

  cancel: defineAction({
    accept: 'form',
    input: z.object({ signupId: z.coerce.number().int().positive() }),
    handler: ({ signupId }, context) =>
      act(() => {
        cancelSignup(getDb(), { actor: requireActor(context.locals.actor), signupId });
        return { cancelled: signupId };
      }),
  }),

  checkIn: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive(), code: z.string().min(1).max(64) }),
    handler: ({ eventId, code }, context) => act(() => checkInByCode(getDb(), { actor: requireActor(context.locals.actor), eventId, code })),
  }),

  mark: defineAction({
    accept: 'form',
    input: z.object({ signupId: z.coerce.number().int().positive(), mark: z.enum(['check_in', 'check_out', 'no_show', 'undo']) }),
    handler: ({ signupId, mark }, context) =>
      act(() => {
        markAttendance(getDb(), { actor: requireActor(context.locals.actor), signupId, mark });
        return { marked: signupId };
      }),
  }),

  confirmOffer: defineAction({
    accept: 'form',
    input: z.object({ token: z.string().min(1).max(200) }),
    handler: ({ token }) => act(() => confirmOffer(getDb(), { token })),
  }),

  acceptOffer: defineAction({
    accept: 'form',
    input: z.object({ signupId: z.coerce.number().int().positive() }),
    handler: ({ signupId }, context) => act(() => acceptOffer(getDb(), { actor: requireActor(context.locals.actor), signupId })),
  }),

  assign: defineAction({
    accept: 'form',
    input: z.object({ shiftId: z.coerce.number().int().positive(), email: emailField, acceptOverlap: acceptField }),
    handler: ({ shiftId, email, acceptOverlap }, context) => act(() => assignToShift(getDb(), { actor: requireActor(context.locals.actor), shiftId, email, acceptOverlap })),
  }),

  assignStaff: defineAction({
    accept: 'form',
    input: z.object({ shiftId: z.coerce.number().int().positive(), staffId: z.coerce.number().int().positive(), acceptOverlap: acceptField }),
    handler: ({ shiftId, staffId, acceptOverlap }, context) => act(() => assignStaffToShift(getDb(), { actor: requireActor(context.locals.actor), shiftId, staffId, acceptOverlap })),
  }),

  move: defineAction({
    accept: 'form',
    input: z.object({ signupId: z.coerce.number().int().positive(), shiftId: z.coerce.number().int().positive() }),
    handler: ({ signupId, shiftId }, context) =>
      act(() => {
        moveSignup(getDb(), { actor: requireActor(context.locals.actor), signupId, shiftId });
        return { moved: signupId };
      }),
  }),

  message: defineAction({
    accept: 'form',
    input: z.object({ eventId: z.coerce.number().int().positive(), audience: z.enum(['placed', 'everyone']), subject: requiredText(80), text: requiredText(2000) }),
    handler: ({ eventId, ...message }, context) => act(() => ({ sent: messageEvent(getDb(), { actor: requireActor(context.locals.actor), eventId, ...message }) })),
  }),

  answerReminder: defineAction({
    accept: 'form',
    input: z.object({ token: z.string().min(1).max(200), answer: z.enum(['coming', 'not_coming']) }),
    handler: ({ token, answer }) => act(() => ({ ...answerReminder(getDb(), { token, coming: answer === 'coming' }), answer })),
  }),
};
