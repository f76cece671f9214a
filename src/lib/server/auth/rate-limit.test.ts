import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
import { consumeRateLimit, countAttempt, RateLimitedError } from './rate-limit.ts';

const rule = { limit: 3, windowMs: 60_000 };

describe('rate limit rule', () => {
  it('allows up to the limit in a window, then refuses until the window ends', () => {
    let state = null;
    for (let i = 1; i <= 3; i++) {
      const decision = countAttempt(state, rule, 1_000 + i);
      expect(decision.allowed).toBe(true);
      state = decision.state;
    }
    const refused = countAttempt(state, rule, 10_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(1_001 + 60_000 - 10_000);
    expect(countAttempt(refused.state, rule, 1_001 + 60_000).allowed).toBe(true);
  });
});

describe('rate limit store', () => {
  it('refuses the fourth attempt for the same key and says when to retry, in minutes', () => {
    const { db } = createTestDatabase();
    const checks = [{ key: 'login:ip:1.2.3.4', rule }];
    for (let i = 0; i < 3; i++) consumeRateLimit(db, checks, 1_000);
    expect(() => consumeRateLimit(db, checks, 2_000)).toThrow(RateLimitedError);
    try {
      consumeRateLimit(db, checks, 2_000);
    } catch (error) {
      expect((error as RateLimitedError).message).toBe('auth.rateLimited?minutes=1');
      expect((error as RateLimitedError).status).toBe(429);
    }
    // Another key has its own window.
    expect(() => consumeRateLimit(db, [{ key: 'login:ip:5.6.7.8', rule }], 2_000)).not.toThrow();
  });
});
