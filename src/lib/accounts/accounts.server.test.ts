import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, rateLimits, sessions, users } from '#db/schema.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { hashPassword, verifyPassword } from '../server/auth/password.ts';
import { loginWait, RateLimitedError, RULES } from '../server/auth/rate-limit.ts';
import { startSession } from '../server/auth/session.ts';
import { DomainError } from '../server/errors.ts';
import {
  checkCredentials,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmail,
} from './accounts.server.ts';

const HOUR = 3_600_000;
const tokenFrom = (body: string) => body.match(/token=([\w-]+)/)![1];
const expectDomainError = (work: () => unknown, message: string) => {
  try {
    work();
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(message);
  }
};

async function newAccount(email = 'zhou@example.cn', now = 0) {
  const { db } = createTestDatabase();
  const passwordHash = await hashPassword('correct horse battery');
  const { userId } = signUp(db, { name: '周川', email, passwordHash, locale: 'zh-CN' }, now);
  return { db, userId };
}

describe('sign-up and verification', () => {
  it('creates an unverified account, queues the verification mail and logs it, together', async () => {
    const { db, userId } = await newAccount();
    expect(db.select().from(users).get()).toMatchObject({ id: userId, email: 'zhou@example.cn', emailVerifiedAt: null });
    const mail = db.select().from(outbox).get()!;
    expect(mail).toMatchObject({ kind: 'verify_email', recipient: 'zhou@example.cn', locale: 'zh-CN', state: 'pending' });
    expect(mail.subject).toBe('请验证您在义诊平台的邮箱');
    expect(mail.body).toMatch(/\/verify\?token=[\w-]{40,}/);
    const audit = db.select().from(auditLog).get()!;
    expect(audit).toMatchObject({ action: 'sign_up', entityId: userId });
    expect(audit.after).not.toContain('argon2');
  });

  it('refuses a second account for the same email and writes nothing', async () => {
    const { db } = await newAccount();
    expectDomainError(() => signUp(db, { name: '另一人', email: 'zhou@example.cn', passwordHash: 'x', locale: 'en' }), 'auth.emailTaken');
    expect(db.select({ n: count() }).from(users).get()!.n).toBe(1);
    expect(db.select({ n: count() }).from(outbox).get()!.n).toBe(1);
    expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(1);
  });

  it('verifies once; opening the link again only confirms; an unknown, superseded or expired link is refused', async () => {
    const { db, userId } = await newAccount();
    const token = tokenFrom(db.select().from(outbox).get()!.body);
    expect(verifyEmail(db, token, 1_000)).toEqual({ userId });
    expect(db.select().from(users).get()!.emailVerifiedAt).toBe(1_000);
    expect(verifyEmail(db, token, 2_000)).toEqual({ userId });
    expect(db.select().from(users).get()!.emailVerifiedAt).toBe(1_000);
    expectDomainError(() => verifyEmail(db, 'made-up-token', 2_000), 'auth.tokenInvalid');

    const twice = await newAccount('twice@example.cn');
    const first = tokenFrom(twice.db.select().from(outbox).get()!.body);
    resendVerification(twice.db, 'twice@example.cn', 10);
    expectDomainError(() => verifyEmail(twice.db, first, 20), 'auth.tokenInvalid');
    expect(twice.db.select().from(users).get()!.emailVerifiedAt).toBeNull();

    const late = await newAccount('late@example.cn');
    const lateToken = tokenFrom(late.db.select().from(outbox).get()!.body);
    expectDomainError(() => verifyEmail(late.db, lateToken, 48 * HOUR), 'auth.tokenExpired');
    expect(late.db.select().from(users).get()!.emailVerifiedAt).toBeNull();
  });
});

describe('login', () => {
  it('refuses a wrong password and an unknown email alike, and an unverified account with its own message', async () => {
    const { db, userId } = await newAccount();
    const address = '10.0.0.1';
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'wrong password', address })).rejects.toThrow('auth.invalidCredentials');
    await expect(checkCredentials(db, { email: 'nobody@example.cn', password: 'correct horse battery', address })).rejects.toThrow('auth.invalidCredentials');
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'correct horse battery', address })).rejects.toThrow('auth.notVerified');
    db.update(users).set({ emailVerifiedAt: 1 }).where(eq(users.id, userId)).run();
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'correct horse battery', address })).resolves.toEqual({ userId });
  });

  it('slows guessing on one account with a growing wait, never a lockout; the right password then clears it', async () => {
    const { db, userId } = await newAccount();
    db.update(users).set({ emailVerifiedAt: 1 }).where(eq(users.id, userId)).run();
    const attempt = (password: string, at: number, address: string | null = null) => checkCredentials(db, { email: 'zhou@example.cn', password, address }, at);
    // Five failures are free, from any address.
    for (let i = 0; i < 5; i++) await expect(attempt(`guess ${i}`, i, `10.0.0.${i}`)).rejects.toThrow('auth.invalidCredentials');
    // Then each attempt waits: 30 s after the fifth failure, refused before, even with the right password.
    await expect(attempt('correct horse battery', 20_000)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(attempt('guess 5', 30_004)).rejects.toThrow('auth.invalidCredentials');
    // The sixth failure doubles the wait to a minute.
    await expect(attempt('guess 6', 60_000)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(attempt('correct horse battery', 90_004)).resolves.toEqual({ userId });
    // Cleared: the next mistake is free again.
    await expect(attempt('typo', 90_005)).rejects.toThrow('auth.invalidCredentials');
    await expect(attempt('correct horse battery', 90_006)).resolves.toEqual({ userId });
  });

  it('waits at most fifteen minutes however long the guessing goes on', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 20].map((count) => loginWait({ windowStart: 0, count }, 0))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    expect(loginWait({ windowStart: 0, count: 4 }, 0)).toBe(0);
    expect(loginWait({ windowStart: 0, count: 20 }, 24 * 60 * 60_000)).toBe(0);
  });

  it('limits failures from one client address only when that address is known', async () => {
    const { db } = await newAccount();
    const guess = (i: number, address: string | null) => checkCredentials(db, { email: `person${i}@example.cn`, password: 'guess', address }, 0);
    await expect(guess(0, '203.0.113.7')).rejects.toThrow('auth.invalidCredentials');
    // Ninety-nine more failures from there, on other accounts.
    db.update(rateLimits).set({ count: RULES.loginFailuresPerAddress.limit }).where(eq(rateLimits.key, 'login:address:203.0.113.7')).run();
    await expect(guess(100, '203.0.113.7')).rejects.toBeInstanceOf(RateLimitedError);
    // Another address, or none known (a shared proxy), is not held back by it.
    await expect(guess(101, '203.0.113.8')).rejects.toThrow('auth.invalidCredentials');
    await expect(guess(102, null)).rejects.toThrow('auth.invalidCredentials');
  });
});

describe('password reset', () => {
  it('says nothing and sends nothing for an unknown address', async () => {
    const { db } = await newAccount();
    requestPasswordReset(db, 'nobody@example.cn');
    expect(db.select({ n: count() }).from(outbox).get()!.n).toBe(1);
  });

  it('sets the new password, ends every session and cannot be used twice', async () => {
    const { db, userId } = await newAccount();
    await startSession(db, userId);
    requestPasswordReset(db, 'zhou@example.cn', 0);
    const mail = db.select().from(outbox).where(eq(outbox.kind, 'reset_password')).get()!;
    const token = tokenFrom(mail.body);
    const newHash = await hashPassword('a brand new password');
    expect(resetPassword(db, token, newHash, HOUR)).toEqual({ userId });
    expect(await verifyPassword(db.select().from(users).get()!.passwordHash, 'a brand new password')).toBe(true);
    expect(db.select({ n: count() }).from(sessions).get()!.n).toBe(0);
    expectDomainError(() => resetPassword(db, token, newHash, HOUR), 'auth.tokenInvalid');
  });

  it('refuses an expired link and a verification link used as a reset link', async () => {
    const { db } = await newAccount();
    const verifyToken = tokenFrom(db.select().from(outbox).get()!.body);
    expectDomainError(() => resetPassword(db, verifyToken, 'x', 0), 'auth.tokenInvalid');
    requestPasswordReset(db, 'zhou@example.cn', 0);
    const token = tokenFrom(db.select().from(outbox).where(eq(outbox.kind, 'reset_password')).get()!.body);
    expectDomainError(() => resetPassword(db, token, 'x', 2 * HOUR), 'auth.tokenExpired');
  });
});
