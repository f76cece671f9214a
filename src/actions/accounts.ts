import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { emailOnlySchema, loginSchema, profileSchema, resetPasswordSchema, signUpSchema } from '../lib/accounts/accounts.ts';
import {
  checkCredentials,
  limitMailRequests,
  logOutEverywhere,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  updateProfile,
} from '../lib/accounts/accounts.server.ts';
import { hashPassword } from '../lib/server/auth/password.ts';
import { endSession, sessionCookieName, startSession } from '../lib/server/auth/session.ts';
import { type Db, getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

/** After logging out, the rest of this request (the page's header) is rendered as for a visitor. */
function forgetUser(locals: App.Locals) {
  locals.user = null;
  locals.actor = null;
  locals.sessionId = null;
}

/** An action that mails a link to an address, limited per address and per requester. */
function mailingAction(send: (db: Db, email: string) => void) {
  return defineAction({
    accept: 'form',
    input: emailOnlySchema,
    handler: (input, context) =>
      act(() => {
        const db = getDb();
        limitMailRequests(db, { email: input.email, address: context.locals.clientAddress });
        send(db, input.email);
        return { email: input.email };
      }),
  });
}

export const accounts = {
  signUp: defineAction({
    accept: 'form',
    input: signUpSchema,
    handler: (input, context) =>
      act(async () => {
        const db = getDb();
        limitMailRequests(db, { email: input.email, address: context.locals.clientAddress });
        const passwordHash = await hashPassword(input.password);
        signUp(db, { name: input.name, email: input.email, passwordHash, locale: input.locale });
        return { email: input.email };
      }),
  }),

  logIn: defineAction({
    accept: 'form',
    input: loginSchema,
    handler: (input, context) =>
      act(async () => {
        const db = getDb();
        const { userId } = await checkCredentials(db, { email: input.email, password: input.password, address: context.locals.clientAddress });
        const cookie = await startSession(db, userId);
        context.cookies.set(cookie.name, cookie.value, cookie.attributes);
        return { userId };
      }),
  }),

  resendVerification: mailingAction(resendVerification),

  requestPasswordReset: mailingAction(requestPasswordReset),

  resetPassword: defineAction({
    accept: 'form',
    input: resetPasswordSchema,
    handler: (input) =>
      act(async () => {
        const passwordHash = await hashPassword(input.password);
        return resetPassword(getDb(), input.token, passwordHash);
      }),
  }),

  logOut: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: (_input, context) =>
      act(async () => {
        if (!context.locals.sessionId) return { loggedOut: true };
        const cookie = await endSession(getDb(), context.locals.sessionId);
        context.cookies.set(cookie.name, cookie.value, cookie.attributes);
        forgetUser(context.locals);
        return { loggedOut: true };
      }),
  }),

  logOutEverywhere: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: (_input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        logOutEverywhere(getDb(), actor.userId);
        context.cookies.delete(sessionCookieName(getDb()), { path: '/' });
        forgetUser(context.locals);
        return { loggedOut: true };
      }),
  }),

  updateProfile: defineAction({
    accept: 'form',
    input: profileSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        updateProfile(getDb(), actor.userId, input);
        return { saved: true };
      }),
  }),
};
