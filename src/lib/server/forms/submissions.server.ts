// Posted forms and their outcomes (form_submissions): the first post of a form claims its key, a second post
// of the same key finds the first one's outcome instead of writing again.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { formSubmissions } from '#db/schema.ts';
import type { Tx } from '../db.ts';
import { DAY_MS } from '#src/lib/time/beijing.ts';

/** How long an outcome is kept for a repeated post or the page after the redirect. */
export const SUBMISSION_KEPT_MS = DAY_MS;

export type Claim = { state: 'claimed' } | { state: 'done'; result: string } | { state: 'pending' };

/**
 * Claims `key` for this post. Another post already holding it is 'pending' until it finishes, then 'done' with
 * its outcome. A key claimed by somebody else is treated as done with nothing to show, so it reveals nothing.
 */
export function claimSubmission(tx: Tx, { key, userId, action }: { key: string; userId: string | null; action: string }, now = Date.now()): Claim {
  const inserted = tx.insert(formSubmissions).values({ key, userId, action, createdAt: now }).onConflictDoNothing().returning({ key: formSubmissions.key }).get();
  if (inserted) return { state: 'claimed' };
  const existing = tx.select().from(formSubmissions).where(eq(formSubmissions.key, key)).get();
  if (!existing) return claimSubmission(tx, { key, userId, action }, now);
  if (existing.userId !== userId || existing.action !== action) return { state: 'done', result: '' };
  return existing.result === null ? { state: 'pending' } : { state: 'done', result: existing.result };
}

/** Keeps the outcome of a claimed post. */
export function completeSubmission(tx: Tx, key: string, result: string): void {
  tx.update(formSubmissions).set({ result }).where(eq(formSubmissions.key, key)).run();
}

/** Gives a refused post's key back, so that the corrected form can be sent with it. */
export function releaseSubmission(tx: Tx, key: string): void {
  tx.delete(formSubmissions).where(and(eq(formSubmissions.key, key), isNull(formSubmissions.result))).run();
}

/**
 * The outcome to show on the page after a redirect: the action's name and its result, for the person who
 * posted it (or anyone, for a form posted before logging in).
 */
export function submissionOutcome(tx: Tx, { key, userId }: { key: string; userId: string | null }): { action: string; result: string } | null {
  const row = tx
    .select({ action: formSubmissions.action, result: formSubmissions.result })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.key, key), or(isNull(formSubmissions.userId), userId === null ? undefined : eq(formSubmissions.userId, userId))))
    .get();
  return row?.result ? { action: row.action, result: row.result } : null;
}

/** Forgets an outcome that must be shown only once (a new API token), keeping the key so a repeat writes nothing. */
export function forgetOutcome(tx: Tx, key: string): void {
  tx.update(formSubmissions).set({ result: '' }).where(eq(formSubmissions.key, key)).run();
}

/** Drops outcomes older than a day (the minute's job). */
export function purgeSubmissions(tx: Tx, now = Date.now()): void {
  tx.delete(formSubmissions).where(lt(formSubmissions.createdAt, now - SUBMISSION_KEPT_MS)).run();
}
