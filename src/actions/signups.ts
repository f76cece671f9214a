import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/server/db.ts';
import { checkInByCode, markAttendance } from '../lib/signups/attendance.server.ts';
import { cancelSignup, confirmOffer, signUpForShift } from '../lib/signups/signups.server.ts';
import { act, requireActor } from './errors.ts';

export const signups = {
  signUp: defineAction({
    accept: 'form',
    input: z.object({ shiftId: z.coerce.number().int().positive(), acceptOverlap: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()) }),
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
};
