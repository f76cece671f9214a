// Users with a given role in a given institution, made directly in a test database.
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { institutions, memberships, type Role, users } from '../../db/schema.ts';
import { type Actor, loadActor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';

/** A new user holding `role` in the named institution, returned as the scoping rules see them. */
export function actorWithRole(db: Db, role: Role, institutionName: string): Actor {
  const institution = db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, institutionName)).get();
  if (!institution) throw new Error(`no institution ${institutionName}`);
  const id = randomUUID();
  db.insert(users).values({ id, email: `${id}@test.example`, name: role, passwordHash: 'x', emailVerifiedAt: 1 }).run();
  db.insert(memberships).values({ userId: id, institutionId: institution.id, role }).run();
  return loadActor(db, id);
}

/** A signed-up person who belongs to no institution yet (a volunteer), as the scoping rules see them. */
export function volunteer(db: Db, name = '志愿者', locale: 'zh-CN' | 'en' = 'zh-CN'): Actor {
  const id = randomUUID();
  db.insert(users).values({ id, email: `${id}@volunteer.example`, name, passwordHash: 'x', locale, emailVerifiedAt: 1 }).run();
  return loadActor(db, id);
}
