// Turns domain errors into ActionErrors that the page shows beside the right field; anything else is a
// server error, which Astro answers with the 500 page (never a stack trace).
import { ActionError } from 'astro:actions';
import { DomainError } from '../lib/server/errors.ts';
import { encodeDomainMessage } from '../lib/server/page.ts';
import type { Actor } from '../lib/server/auth/scope.ts';

const CODES = {
  400: 'BAD_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'GONE',
  429: 'TOO_MANY_REQUESTS',
} as const;

/** Runs one domain call, translating its refusals for the page. */
export async function act<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new ActionError({ code: CODES[error.status], message: encodeDomainMessage(error) });
    throw error;
  }
}

/** Actions are public endpoints: every one that needs a user calls this first. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new ActionError({ code: 'UNAUTHORIZED', message: JSON.stringify({ field: null, message: 'auth.loginRequired' }) });
  return actor;
}
