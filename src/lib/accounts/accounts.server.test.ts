import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, sessions, users } from '../../../db/schema.ts';
import { createTestDatabase } from '../../../tests/setup/db.ts';
import { hashPassword, verifyPassword } from '../server/auth/password.ts';
import { RateLimitedError } from '../server/auth/rate-limit.ts';
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
    const ip = '10.0.0.1';
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'wrong password', ip })).rejects.toThrow('auth.invalidCredentials');
    await expect(checkCredentials(db, { email: 'nobody@example.cn', password: 'correct horse battery', ip })).rejects.toThrow('auth.invalidCredentials');
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'correct horse battery', ip })).rejects.toThrow('auth.notVerified');
    db.update(users).set({ emailVerifiedAt: 1 }).where(eq(users.id, userId)).run();
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'correct horse battery', ip })).resolves.toEqual({ userId });
  });

  it('stops guessing on one account after eight tries', async () => {
    const { db } = await newAccount();
    for (let i = 0; i < 8; i++) {
      await expect(checkCredentials(db, { email: 'zhou@example.cn', password: `guess ${i}`, ip: `10.0.0.${i}` }, 0)).rejects.toThrow(
        'auth.invalidCredentials',
      );
    }
    await expect(checkCredentials(db, { email: 'zhou@example.cn', password: 'correct horse battery', ip: '10.9.9.9' }, 0)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
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
