// Fixed-window rate limits kept in the database, so they hold across restarts and server processes.
import { eq } from 'drizzle-orm';
import { rateLimits } from '#db/schema.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { message } from '#src/lib/validation/fields.ts';

export interface RateRule {
  /** How many attempts a window allows. */
  limit: number;
  windowMs: number;
}

export const RULES = {
  // Failed logins from one client address (known only through TRUSTED_PROXIES): a guard against one
  // machine guessing many accounts' passwords; high, because a hospital's staff may share one address.
  loginFailuresPerAddress: { limit: 100, windowMs: 15 * 60_000 },
  mailPerIp: { limit: 10, windowMs: 60 * 60_000 },
  mailPerAddress: { limit: 4, windowMs: 60 * 60_000 },
  apiPerToken: { limit: 60, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

export interface WindowState {
  windowStart: number;
  count: number;
}

export interface RateDecision {
  allowed: boolean;
  state: WindowState;
  retryAfterMs: number;
}

/** Counts one attempt against a window; pure, so the rule is tested without a database. */
export function countAttempt(previous: WindowState | null, rule: RateRule, now: number): RateDecision {
  const fresh = !previous || now - previous.windowStart >= rule.windowMs || now < previous.windowStart;
  const state = fresh ? { windowStart: now, count: 1 } : { windowStart: previous.windowStart, count: previous.count + 1 };
  const allowed = state.count <= rule.limit;
  return { allowed, state, retryAfterMs: allowed ? 0 : state.windowStart + rule.windowMs - now };
}

/**
 * An account's failed logins in a row buy it a growing wait, never a lockout: the first few are free, then
 * each further attempt waits twice as long as the one before (30 s, 1 min, 2 min…, at most 15 min) after the
 * last failure. A success clears the count; a day without failures forgets it.
 */
export const LOGIN_BACKOFF = { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 60 * 60_000 };

/** How long an account must still wait before its next login attempt; pure, so the rule is tested alone. */
export function loginWait(failures: WindowState | null, now: number): number {
  if (!failures || failures.count < LOGIN_BACKOFF.freeFailures || now - failures.windowStart >= LOGIN_BACKOFF.forgetAfterMs) return 0;
  const delay = Math.min(LOGIN_BACKOFF.firstDelayMs * 2 ** (failures.count - LOGIN_BACKOFF.freeFailures), LOGIN_BACKOFF.maxDelayMs);
  return Math.max(0, failures.windowStart + delay - now);
}

const accountKey = (email: string) => `login:failures:${email}`;
const addressKey = (address: string) => `login:address:${address}`;

/** Refuses a login attempt while its account waits out its backoff or its address has failed too often. */
export function assertLoginAllowed(db: Db, { email, address }: { email: string; address: string | null }, now = Date.now()): void {
  const failures = db.select().from(rateLimits).where(eq(rateLimits.key, accountKey(email))).get() ?? null;
  let wait = loginWait(failures, now);
  if (address !== null) {
    const fromAddress = db.select().from(rateLimits).where(eq(rateLimits.key, addressKey(address))).get() ?? null;
    const rule = RULES.loginFailuresPerAddress;
    if (fromAddress && now - fromAddress.windowStart < rule.windowMs && fromAddress.count >= rule.limit) wait = Math.max(wait, fromAddress.windowStart + rule.windowMs - now);
  }
  if (wait > 0) throw new RateLimitedError(wait);
}

/** Counts a failed login against its account (in a row, the last one's time kept) and its address. */
export function recordLoginFailure(db: Db, { email, address }: { email: string; address: string | null }, now = Date.now()): void {
  db.transaction((tx) => {
    const previous = tx.select().from(rateLimits).where(eq(rateLimits.key, accountKey(email))).get();
    const count = previous && now - previous.windowStart < LOGIN_BACKOFF.forgetAfterMs ? previous.count + 1 : 1;
    tx.insert(rateLimits)
      .values({ key: accountKey(email), windowStart: now, count })
      .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: now, count } })
      .run();
  });
  if (address !== null) countAgainst(db, addressKey(address), RULES.loginFailuresPerAddress, now);
}

/** Forgets an account's failed logins once the right password is given. */
export function clearLoginFailures(db: Db, email: string): void {
  db.delete(rateLimits).where(eq(rateLimits.key, accountKey(email))).run();
}

/** Counts one attempt under a key's window, and says what the window now holds. */
function countAgainst(db: Db, key: string, rule: RateRule, now: number): RateDecision {
  return db.transaction((tx) => {
    const decision = countAttempt(tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get() ?? null, rule, now);
    tx.insert(rateLimits).values({ key, ...decision.state }).onConflictDoUpdate({ target: rateLimits.key, set: decision.state }).run();
    return decision;
  });
}

export class RateLimitedError extends DomainError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(message('auth.rateLimited', { minutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) }), null, 429);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** Records an attempt under each key and throws RateLimitedError when any of them is over its limit. */
export function consumeRateLimit(db: Db, checks: { key: string; rule: RateRule }[], now = Date.now()): void {
  const worst = db.transaction(() => Math.max(0, ...checks.map(({ key, rule }) => countAgainst(db, key, rule, now).retryAfterMs)));
  if (worst > 0) throw new RateLimitedError(worst);
}
