// Account queries and changes. Each change, its audit entry and any mail it sends are one transaction.
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { emailTokens, type EmailTokenPurpose, type Locale, users } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { verifyDecoy, verifyPassword } from '../server/auth/password.ts';
import { assertLoginAllowed, clearLoginFailures, consumeRateLimit, recordLoginFailure, RULES } from '../server/auth/rate-limit.ts';
import { endAllSessions } from '../server/auth/session.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError } from '../server/errors.ts';
import { enqueueMail } from '../server/mail/outbox.ts';
import { passwordResetMail, siteLink, verificationMail } from '../server/mail/templates.ts';
import { hashToken, newToken } from '../server/tokens.ts';
import { RESET_PASSWORD_HOURS, VERIFY_EMAIL_HOURS } from './accounts.ts';
import { HOUR_MS } from '../time/beijing.ts';


export function findUserByEmail(tx: Tx, email: string) {
  return tx.select().from(users).where(eq(users.email, email)).get() ?? null;
}

/** Issues a one-time token for a user; any earlier unused token for the same purpose stops working. */
function issueToken(tx: Tx, userId: string, purpose: EmailTokenPurpose, hours: number, now: number): string {
  tx.update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
    .run();
  const token = newToken();
  tx.insert(emailTokens)
    .values({ tokenHash: hashToken(token), userId, purpose, expiresAt: now + hours * HOUR_MS, createdAt: now })
    .run();
  return token;
}

/** Uses up a token and returns its user's id; refuses unknown, used, expired or wrong-purpose tokens. */
function consumeToken(tx: Tx, token: string, purpose: EmailTokenPurpose, now: number): string {
  const row = tx.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashToken(token))).get();
  if (!row || row.purpose !== purpose || row.usedAt !== null) throw new DomainError('auth.tokenInvalid', null, 400);
  if (row.expiresAt <= now) throw new DomainError('auth.tokenExpired', null, 400);
  tx.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.tokenHash, row.tokenHash)).run();
  return row.userId;
}

function queueVerification(tx: Tx, user: { id: string; name: string; email: string; locale: Locale }, now: number) {
  const token = issueToken(tx, user.id, 'verify_email', VERIFY_EMAIL_HOURS, now);
  const mail = verificationMail(user.locale, user.name, siteLink(user.locale, `/verify?token=${token}`), VERIFY_EMAIL_HOURS);
  enqueueMail(tx, { kind: 'verify_email', recipient: user.email, locale: user.locale, ...mail }, now);
}

export interface SignUp {
  name: string;
  email: string;
  passwordHash: string;
  locale: Locale;
}

/** Creates an unverified account and queues its verification mail. */
export function signUp(db: Db, input: SignUp, now = Date.now()): { userId: string } {
  return db.transaction((tx) => {
    if (findUserByEmail(tx, input.email)) throw new DomainError('auth.emailTaken', 'email', 409);
    const user = { id: randomUUID(), ...input, createdAt: now };
    tx.insert(users).values(user).run();
    queueVerification(tx, user, now);
    recordAudit(tx, { actorId: user.id, action: 'sign_up', entity: 'user', entityId: user.id, after: user }, now);
    return { userId: user.id };
  });
}

/** Sends a new verification mail to an unverified account; silent for unknown or verified addresses. */
export function resendVerification(db: Db, email: string, now = Date.now()): void {
  db.transaction((tx) => {
    const user = findUserByEmail(tx, email);
    if (user && user.emailVerifiedAt === null) queueVerification(tx, user, now);
  });
}

/**
 * Verifies an address from its link. Opening a used link of an already verified account says so
 * rather than failing, since mail scanners often open links before their reader does.
 */
export function verifyEmail(db: Db, token: string, now = Date.now()): { userId: string } {
  return db.transaction((tx) => {
    const used = tx
      .select({ userId: users.id })
      .from(emailTokens)
      .innerJoin(users, eq(users.id, emailTokens.userId))
      .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, 'verify_email'), isNotNull(emailTokens.usedAt), isNotNull(users.emailVerifiedAt)))
      .get();
    if (used) return { userId: used.userId };
    const userId = consumeToken(tx, token, 'verify_email', now);
    tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt))).run();
    recordAudit(tx, { actorId: userId, action: 'verify_email', entity: 'user', entityId: userId }, now);
    return { userId };
  });
}

/** Queues a reset link for a known address; says nothing either way, so addresses cannot be probed. */
export function requestPasswordReset(db: Db, email: string, now = Date.now()): void {
  db.transaction((tx) => {
    const user = findUserByEmail(tx, email);
    if (!user) return;
    const token = issueToken(tx, user.id, 'reset_password', RESET_PASSWORD_HOURS, now);
    const mail = passwordResetMail(user.locale, user.name, siteLink(user.locale, `/reset-password?token=${token}`), RESET_PASSWORD_HOURS);
    enqueueMail(tx, { kind: 'reset_password', recipient: user.email, locale: user.locale, ...mail }, now);
  });
}

/** Sets a new password from a reset link, verifies the address (the mail reached its owner) and ends all sessions. */
export function resetPassword(db: Db, token: string, passwordHash: string, now = Date.now()): { userId: string } {
  return db.transaction((tx) => {
    const userId = consumeToken(tx, token, 'reset_password', now);
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    tx.update(users)
      .set({ passwordHash, emailVerifiedAt: before?.emailVerifiedAt ?? now })
      .where(eq(users.id, userId))
      .run();
    endAllSessions(tx, userId);
    recordAudit(tx, { actorId: userId, action: 'reset_password', entity: 'user', entityId: userId }, now);
    return { userId };
  });
}

/** What a person may change about themselves on their account page. */
export function getProfile(tx: Tx, userId: string) {
  return tx.select({ name: users.name, locale: users.locale, doctorLicence: users.doctorLicence }).from(users).where(eq(users.id, userId)).get()!;
}

export function updateProfile(db: Db, userId: string, input: { name: string; locale: Locale; doctorLicence: string | null }, now = Date.now()) {
  db.transaction((tx) => {
    const before = getProfile(tx, userId);
    tx.update(users).set(input).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: userId, action: 'update_profile', entity: 'user', entityId: userId, before, after: input }, now);
  });
}

export function logOutEverywhere(db: Db, userId: string, now = Date.now()): void {
  db.transaction((tx) => {
    endAllSessions(tx, userId);
    recordAudit(tx, { actorId: userId, action: 'log_out_everywhere', entity: 'user', entityId: userId }, now);
  });
}

/**
 * Checks a login attempt, counting it against the per-address and per-account limits first.
 * A wrong email and a wrong password get the same answer and take the same time.
 */
export async function checkCredentials(
  db: Db,
  { email, password, address }: { email: string; password: string; address: string | null },
  now = Date.now(),
): Promise<{ userId: string }> {
  assertLoginAllowed(db, { email, address }, now);
  const user = findUserByEmail(db, email);
  // Without an account the decoy takes as long, so the answer's time does not tell whether the address is known.
  const right = user ? await verifyPassword(user.passwordHash, password) : (await verifyDecoy(password), false);
  if (!user || !right) {
    recordLoginFailure(db, { email, address }, now);
    throw new DomainError('auth.invalidCredentials', 'password', 400);
  }
  clearLoginFailures(db, email);
  if (user.emailVerifiedAt === null) throw new DomainError('auth.notVerified', 'email', 403);
  return { userId: user.id };
}

/** Counts a request that sends mail to `email` against the per-address and per-recipient limits. */
export function limitMailRequests(db: Db, { email, address }: { email: string; address: string | null }, now = Date.now()): void {
  consumeRateLimit(db, [...(address === null ? [] : [{ key: `mail:ip:${address}`, rule: RULES.mailPerIp }]), { key: `mail:to:${email}`, rule: RULES.mailPerAddress }], now);
}
