// Membership queries and changes. Listing members shows names and emails, so it needs 'personal' access; who
// may give which role where is grantableRoles (decision 4), and nobody gives themselves one.
import { and, asc, count, eq, inArray, or } from 'drizzle-orm';
import { institutions, memberships, type Role, users } from '#db/schema.ts';
import { type MessageKey, proseTranslator } from '#src/i18n/index.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess, assertAdministersAnyArea, grantableRoles, mayHoldRole, runsSite } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { enqueueMail } from '../server/mail/outbox.ts';
import { ensureAreaPath } from '../places/places.server.ts';
import { composeMail, memberAddedMail, siteLink } from '../server/mail/templates.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';
import type { UserListQuery } from './memberships.ts';

export function listMembers(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'personal');
  return tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.institutionId, institutionId))
    .orderBy(asc(memberships.role), asc(users.name))
    .all();
}

/** The institution, once the actor is known to give these roles in it. */
function institutionGranting(tx: Tx, actor: Actor, institutionId: number, roles: Role[]) {
  const institution = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
  if (!institution) throw new NotFoundError();
  const grantable = grantableRoles(actor, institution);
  if (!roles.every((role) => grantable.includes(role))) throw new ForbiddenError();
  return institution;
}

/** Refuses a change that would leave an institution that has coordinators without any. */
function assertKeepsCoordinator(tx: Tx, institutionId: number, userId: string) {
  const coordinators = tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.institutionId, institutionId), eq(memberships.role, 'coordinator')))
    .all();
  if (coordinators.length === 1 && coordinators[0].userId === userId) throw new DomainError('member.lastCoordinator', null, 409);
}

/** A membership the actor may change, to `role`: one whose role it may give (a coordinator not an administrator's). */
function findChangeableMembership(tx: Tx, actor: Actor, institutionId: number, userId: string, role?: Role) {
  const membership = tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.institutionId, institutionId)))
    .get();
  if (!membership) throw new NotFoundError();
  institutionGranting(tx, actor, institutionId, role ? [membership.role, role] : [membership.role]);
  return membership;
}

/**
 * Gives the account with this email a role in an institution, with its audit entry: refused beside the email
 * when no account has it, or when it is already a member there.
 */
function writeMembership(tx: Tx, { actorId, email, institutionId, role }: { actorId: string | null; email: string; institutionId: number; role: Role }, now: number) {
  const user = tx.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new DomainError('member.noUser', 'email', 400);
  if (user.id === actorId) throw new DomainError('member.notYourself', 'email');
  const existing = tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.institutionId, institutionId)))
    .get();
  if (existing) throw new DomainError('member.already', 'email', 409);
  const created = tx.insert(memberships).values({ userId: user.id, institutionId, role, createdAt: now }).returning().get();
  recordAudit(tx, { actorId, action: 'add_member', entity: 'membership', entityId: created.id, institutionId, after: created }, now);
  return { user, membership: created };
}

export function addMember(
  db: Db,
  { actor, institutionId, email, role }: { actor: Actor; institutionId: number; email: string; role: Role },
  now = Date.now(),
) {
  return db.transaction((tx) => {
    const institution = institutionGranting(tx, actor, institutionId, [role]);
    const { user, membership } = writeMembership(tx, { actorId: actor.userId, email, institutionId, role }, now);
    const mail = memberAddedMail(user.locale, user.name, institution.name, `role.${role}` as MessageKey, siteLink(user.locale, '/'));
    enqueueMail(tx, { kind: 'member_added', recipient: user.email, locale: user.locale, ...mail }, now);
    return membership;
  });
}

export function changeRole(
  db: Db,
  { actor, institutionId, userId, role }: { actor: Actor; institutionId: number; userId: string; role: Role },
  now = Date.now(),
) {
  if (userId === actor.userId) throw new DomainError('member.notYourself', 'role');
  db.transaction((tx) => {
    const before = findChangeableMembership(tx, actor, institutionId, userId, role);
    if (before.role === 'coordinator' && role !== 'coordinator') assertKeepsCoordinator(tx, institutionId, userId);
    const after = tx.update(memberships).set({ role }).where(eq(memberships.id, before.id)).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'change_role', entity: 'membership', entityId: before.id, institutionId, before, after }, now);
  });
}

export function removeMember(
  db: Db,
  { actor, institutionId, userId }: { actor: Actor; institutionId: number; userId: string },
  now = Date.now(),
) {
  db.transaction((tx) => {
    const before = findChangeableMembership(tx, actor, institutionId, userId);
    if (before.role === 'coordinator') assertKeepsCoordinator(tx, institutionId, userId);
    tx.delete(memberships).where(eq(memberships.id, before.id)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'remove_member', entity: 'membership', entityId: before.id, institutionId, before }, now);
  });
}

/**
 * Gives an account a role from the server's console, for the first administrator and system operator of a new
 * site, which no one can yet grant (README, Starting a real site). The institution is made when it is new: a
 * bureau placed at the end of `areaPath` (province first), made where missing. Recorded in the audit log with
 * no person, as the console's.
 */
export function grantFromConsole(
  db: Db,
  { email, role, institutionName, areaPath }: { email: string; role: 'admin' | 'operator'; institutionName: string; areaPath: string[] },
  now = Date.now(),
) {
  return db.transaction((tx) => {
    let institution = tx.select().from(institutions).where(eq(institutions.name, institutionName)).get();
    if (!institution) {
      if (areaPath.length === 0) throw new DomainError('validation.required', 'areaId');
      institution = tx.insert(institutions).values({ name: institutionName, kind: 'bureau', areaId: ensureAreaPath(tx, areaPath, now), createdAt: now }).returning().get();
      recordAudit(tx, { actorId: null, action: 'create', entity: 'institution', entityId: institution.id, institutionId: institution.id, after: institution }, now);
    }
    if (!mayHoldRole(institution, role)) throw new DomainError('validation.choice', 'role');
    return { institution, membership: writeMembership(tx, { actorId: null, email, institutionId: institution.id, role }, now).membership };
  });
}

/**
 * Users with their memberships, for 用户管理: every user and role for the system operator; for a bureau's
 * administrator, the people holding a role in its area, with those roles only. Narrowed by the list's query
 * (words in the name or email, a role held), by email; a page at a time, or every row for a download.
 */
export function listUsers(tx: Tx, { actor, query = {}, page = null }: { actor: Actor; query?: Partial<UserListQuery>; page?: PageAsked }) {
  assertAdministersAnyArea(actor);
  const area = runsSite(actor) ? undefined : actor.administered.institutionIds;
  const seen = and(area ? inArray(memberships.institutionId, area) : undefined, query.role ? eq(memberships.role, query.role) : undefined);
  const where = and(
    area || query.role ? inArray(users.id, tx.select({ userId: memberships.userId }).from(memberships).where(seen)) : undefined,
    query.q ? or(contains(users.name, query.q), contains(users.email, query.q)) : undefined,
  );
  const total = tx.select({ n: count() }).from(users).where(where).get()!.n;
  const window = listWindow(page, total);
  const listed = tx
    .select({ id: users.id, name: users.name, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  const held = listed.length === 0 ? [] : tx
    .select({ userId: memberships.userId, institutionId: memberships.institutionId, institutionName: institutions.name, role: memberships.role })
    .from(memberships)
    .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
    .where(and(inArray(memberships.userId, listed.map((u) => u.id)), area ? inArray(memberships.institutionId, area) : undefined))
    .orderBy(asc(institutions.name))
    .all();
  const rows = listed.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    verified: user.emailVerifiedAt !== null,
    memberships: held.filter((m) => m.userId === user.id).map(({ institutionId, institutionName, role }) => ({ institutionId, institutionName, role })),
  }));
  return { rows, page: window.page, total };
}

/**
 * Mails an invitation (to a campaign, to run an event jointly) to every coordinator of the invited institutions,
 * each in their language, with a link to where they answer.
 */
export function mailInvitedCoordinators(
  tx: Tx,
  { institutionIds, kind, path, lines }: { institutionIds: number[]; kind: string; path: string; lines: (t: (key: MessageKey, params?: Record<string, string | number>) => string, institution: string) => { subject: string; body: string } },
  now: number,
) {
  const coordinators = tx
    .select({ email: users.email, name: users.name, locale: users.locale, institution: institutions.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
    .where(and(inArray(memberships.institutionId, institutionIds), eq(memberships.role, 'coordinator')))
    .all();
  for (const person of coordinators) {
    const t = proseTranslator(person.locale);
    const { subject, body } = lines(t, person.institution);
    enqueueMail(tx, { kind, recipient: person.email, locale: person.locale, subject, body: composeMail(person.locale, person.name, [body, siteLink(person.locale, path)]) }, now);
  }
}
