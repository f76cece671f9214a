// Named fixtures from the demo data: the accounts and institutions the tests act as and on.
import { eq } from 'drizzle-orm';
import { institutions, users } from '../../db/schema.ts';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import type { Db } from '../../src/lib/server/db.ts';

export type DemoRole = 'admin' | 'publicity' | 'coordinator' | 'member' | 'otherCoordinator' | 'bureau' | 'otherAdmin' | 'operator';

const EMAILS: Record<DemoRole, string> = {
  admin: 'admin@yizhen.demo',
  publicity: 'publicity@yizhen.demo',
  coordinator: 'coordinator@yizhen.demo',
  member: 'member@yizhen.demo',
  otherCoordinator: 'qinyuan@yizhen.demo',
  bureau: 'bureau@yizhen.demo',
  otherAdmin: 'qinyuan-admin@yizhen.demo',
  operator: 'operator@yizhen.demo',
};

export function demoEmail(role: DemoRole): string {
  const email = EMAILS[role];
  if (!DEMO_ACCOUNTS.some((account) => account.email === email)) throw new Error(`no demo account ${email}`);
  return email;
}

export function institutionId(db: Db, name: string): number {
  const row = db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get();
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
}

/** The demo coordinator's and member's institution, and one they do not belong to. */
export const OWN_INSTITUTION = '长春市中心医院';
export const OTHER_INSTITUTION = '沁源县人民医院';

/** A session cookie for a demo account, made directly in the database (faster than the login form). */
export async function sessionCookieFor(db: Db, role: DemoRole): Promise<string> {
  const user = db.select().from(users).where(eq(users.email, demoEmail(role))).get()!;
  const cookie = await startSession(db, user.id);
  return `${cookie.name}=${cookie.value}`;
}
