// Fixed-window rate limits kept in the database, so they hold across restarts and server processes.
import { eq } from 'drizzle-orm';
import { rateLimits } from '../../../../db/schema.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';

export interface RateRule {
  /** How many attempts a window allows. */
  limit: number;
  windowMs: number;
}

export const RULES = {
  loginPerIp: { limit: 30, windowMs: 15 * 60_000 },
  loginPerAccount: { limit: 8, windowMs: 15 * 60_000 },
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

export class RateLimitedError extends DomainError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`auth.rateLimited?minutes=${Math.max(1, Math.ceil(retryAfterMs / 60_000))}`, null, 429);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** Records an attempt under each key and throws RateLimitedError when any of them is over its limit. */
export function consumeRateLimit(db: Db, checks: { key: string; rule: RateRule }[], now = Date.now()): void {
  const worst = db.transaction((tx) => {
    let retryAfterMs = 0;
    for (const { key, rule } of checks) {
      const previous = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get() ?? null;
      const decision = countAttempt(previous, rule, now);
      tx.insert(rateLimits)
        .values({ key, ...decision.state })
        .onConflictDoUpdate({ target: rateLimits.key, set: decision.state })
        .run();
      retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
    }
    return retryAfterMs;
  });
  if (worst > 0) throw new RateLimitedError(worst);
}
