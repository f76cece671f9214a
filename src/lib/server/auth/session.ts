// Sessions. Lucia stays behind this module: the rest of the site calls these functions only, so that
// replacing Lucia (docs/decisions/0002-sessions.md) touches one file.
import { createHash } from 'node:crypto';
import { DrizzleSQLiteAdapter } from '@lucia-auth/adapter-drizzle';
import type { AstroCookieSetOptions } from 'astro';
import { type Cookie, type DatabaseSession, type DatabaseUser, Lucia, TimeSpan } from 'lucia';
import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '#db/schema.ts';
import { config } from '../config.ts';
import type { Db } from '../db.ts';

/**
 * What the database keeps of a session id: its SHA-256, so that a copy of the database (a backup, a stolen
 * file) holds no id that would open a session. The cookie carries the id itself.
 */
export function storedSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * Lucia's Drizzle adapter keeping session ids hashed (storedSessionId), with the one lookup every request
 * makes (session and its user, in one query) built once instead of on each call.
 */
class SessionAdapter extends DrizzleSQLiteAdapter {
  private readonly lookup;
  constructor(db: Db) {
    super(db, sessions, users);
    this.lookup = db
      .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name, locale: users.locale } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('sessionId')))
      .prepare();
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = this.lookup.get({ sessionId: storedSessionId(sessionId) });
    if (!row) return [null, null];
    const { id: userId, ...attributes } = row.user;
    return [
      { id: sessionId, userId: row.session.userId, expiresAt: new Date(row.session.expiresAt * 1000), attributes: {} },
      { id: userId, attributes },
    ];
  }

  override setSession(session: DatabaseSession): Promise<void> {
    return super.setSession({ ...session, id: storedSessionId(session.id) });
  }

  override updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    return super.updateSessionExpiration(storedSessionId(sessionId), expiresAt);
  }

  override deleteSession(sessionId: string): Promise<void> {
    return super.deleteSession(storedSessionId(sessionId));
  }
}

function createLucia(db: Db) {
  return new Lucia(new SessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: {
      name: 'yizhen_session',
      attributes: { secure: config().SITE_URL.startsWith('https:'), sameSite: 'lax' },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      locale: attributes.locale,
    }),
  });
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: { email: string; name: string; locale: 'zh-CN' | 'en' };
  }
}

const instances = new WeakMap<Db, ReturnType<typeof createLucia>>();
function lucia(db: Db) {
  let instance = instances.get(db);
  if (!instance) {
    instance = createLucia(db);
    instances.set(db, instance);
  }
  return instance;
}

export interface SessionCookie {
  name: string;
  value: string;
  attributes: AstroCookieSetOptions;
}

function toCookie(cookie: Cookie): SessionCookie {
  const { sameSite, ...rest } = cookie.attributes;
  return { name: cookie.name, value: cookie.value, attributes: { ...rest, sameSite } };
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
}

export function sessionCookieName(db: Db): string {
  return lucia(db).sessionCookieName;
}

/** Starts a session for a user and returns the cookie that carries it. */
export async function startSession(db: Db, userId: string): Promise<SessionCookie> {
  const session = await lucia(db).createSession(userId, {});
  return toCookie(lucia(db).createSessionCookie(session.id));
}

/**
 * Resolves a session id from a cookie. `cookie` is a replacement to set (a refreshed or a blank one), if any.
 */
export async function resolveSession(
  db: Db,
  sessionId: string | undefined,
): Promise<{ sessionId: string | null; user: SessionUser | null; cookie: SessionCookie | null }> {
  if (!sessionId) return { sessionId: null, user: null, cookie: null };
  const { session, user } = await lucia(db).validateSession(sessionId);
  if (!session) return { sessionId: null, user: null, cookie: toCookie(lucia(db).createBlankSessionCookie()) };
  return {
    sessionId: session.id,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    cookie: session.fresh ? toCookie(lucia(db).createSessionCookie(session.id)) : null,
  };
}

export async function endSession(db: Db, sessionId: string): Promise<SessionCookie> {
  await lucia(db).invalidateSession(sessionId);
  return toCookie(lucia(db).createBlankSessionCookie());
}

/** Ends every session of a user (log out everywhere, password reset). Synchronous so it can run in a transaction. */
export function endAllSessions(tx: Pick<Db, 'delete'>, userId: string): void {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}
