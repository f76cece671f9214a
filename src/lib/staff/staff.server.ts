// An institution's staff list. Staff need no account to be put on an event's roles; a coordinator may link
// a staff record to the account of a member, so that the person gets mail and can check in themselves.
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { memberships, staff, users } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, institutionIdsFor } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import type { Person, StaffInput, StaffListQuery } from './staff.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';
import type { Page } from '../lists/paging.ts';

/** Adds a staff member; the same name with the same phone (or both without one) is reported as a duplicate. */
export function saveStaff(tx: Tx, actor: Actor, input: StaffInput, now: number, onDuplicate: 'refuse' | 'keep'): { created: boolean } {
  assertAccess(actor, input.institutionId, 'manage');
  const same = tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.institutionId, input.institutionId), eq(staff.name, input.name), input.phone === null ? isNull(staff.phone) : eq(staff.phone, input.phone)))
    .get();
  if (same) {
    if (onDuplicate === 'refuse') throw new DomainError('staff.duplicate', 'name', 409);
    return { created: false };
  }
  const created = tx.insert(staff).values({ ...input, createdAt: now }).returning().get();
  recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'staff', entityId: created.id, institutionId: input.institutionId, after: created }, now);
  return { created: true };
}

export function addStaff(db: Db, { actor, input }: { actor: Actor; input: StaffInput }, now = Date.now()) {
  return db.transaction((tx) => saveStaff(tx, actor, input, now, 'refuse'));
}

/** A staff record the actor may change: one of an institution they manage. */
export function staffForChange(tx: Tx, actor: Actor, staffId: number) {
  const person = tx.select().from(staff).where(eq(staff.id, staffId)).get();
  if (!person) throw new NotFoundError();
  assertAccess(actor, person.institutionId, 'manage');
  return person;
}

/** Corrects a staff record (name, sex, title, department, profession, licence, phone); it stays with its institution. */
export function updateStaff(db: Db, { actor, staffId, input }: { actor: Actor; staffId: number; input: StaffInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = staffForChange(tx, actor, staffId);
    if (input.institutionId !== before.institutionId) throw new DomainError('validation.choice', 'institutionId');
    const { institutionId: _institution, ...after } = input;
    if (recordChange(tx, { actorId: actor.userId, entity: 'staff', entityId: staffId, institutionId: before.institutionId, before, after }, now).length) {
      tx.update(staff).set(after).where(eq(staff.id, staffId)).run();
    }
  });
}

/** The staff list with whether each has an account; names and phones are personal data. */
export function listStaff(
  tx: Tx,
  { actor, institutionId, query = {}, page = null }: { actor: Actor; institutionId: number; query?: Partial<StaffListQuery>; page?: PageAsked },
): Page<typeof staff.$inferSelect & { email: string | null }> {
  assertAccess(actor, institutionId, 'personal');
  const where = and(
    eq(staff.institutionId, institutionId),
    query.profession ? eq(staff.profession, query.profession) : undefined,
    query.q ? or(contains(staff.name, query.q), contains(staff.department, query.q), contains(staff.title, query.q)) : undefined,
  );
  const total = tx.select({ n: count() }).from(staff).where(where).get()!.n;
  const window = listWindow(page, total);
  const rows = tx
    .select({ staff, email: users.email })
    .from(staff)
    .leftJoin(users, eq(users.id, staff.userId))
    .where(where)
    .orderBy(asc(staff.department), asc(staff.name), asc(staff.id))
    .limit(window.limit)
    .offset(window.offset)
    .all()
    .map((row) => ({ ...row.staff, email: row.email }));
  return { rows, page: window.page, total };
}

/** Links a staff record to the account of one of the institution's members (found by email). */
export function linkStaffAccount(db: Db, { actor, staffId, email }: { actor: Actor; staffId: number; email: string }, now = Date.now()) {
  db.transaction((tx) => {
    const record = tx.select().from(staff).where(eq(staff.id, staffId)).get();
    if (!record) throw new NotFoundError();
    assertAccess(actor, record.institutionId, 'manage');
    const member = tx
      .select({ userId: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.institutionId, record.institutionId)))
      .where(eq(users.email, email))
      .get();
    if (!member) throw new DomainError('staff.notMember', 'email', 404);
    if (tx.select({ id: staff.id }).from(staff).where(and(eq(staff.institutionId, record.institutionId), eq(staff.userId, member.userId))).get()) {
      throw new DomainError('staff.accountTaken', 'email', 409);
    }
    tx.update(staff).set({ userId: member.userId }).where(eq(staff.id, staffId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'link_account', entity: 'staff', entityId: staffId, institutionId: record.institutionId, after: { userId: member.userId } }, now);
  });
}

/** Staff the actor may put on shifts: those of the institutions they manage. */
export function assignableStaff(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  return tx
    .select({ id: staff.id, name: staff.name, department: staff.department, profession: staff.profession, institutionId: staff.institutionId })
    .from(staff)
    .where(inArray(staff.institutionId, ids))
    .orderBy(asc(staff.name))
    .limit(500)
    .all();
}

/** A staff record, for the organiser placing it; refused unless the actor manages its institution. */
export function staffForAssignment(tx: Tx, actor: Actor, staffId: number) {
  const record = tx.select().from(staff).where(eq(staff.id, staffId)).get();
  if (!record) throw new DomainError('validation.choice', 'staffId');
  assertAccess(actor, record.institutionId, 'manage');
  return record;
}

/** Whether the person holds a doctor's licence: their own certificate number, or a licensed doctor's staff record. */
export function holdsDoctorLicence(tx: Tx, person: Person): boolean {
  if (person.staffId !== undefined) {
    const record = tx.select({ profession: staff.profession, licence: staff.licenceNumber }).from(staff).where(eq(staff.id, person.staffId)).get();
    return record?.profession === 'doctor' && record.licence !== null;
  }
  const own = tx.select({ licence: users.doctorLicence }).from(users).where(eq(users.id, person.userId)).get();
  if (own?.licence) return true;
  return !!tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.userId, person.userId), eq(staff.profession, 'doctor'), sql`${staff.licenceNumber} is not null`))
    .get();
}

/** Whether the person belongs to an institution: a member of it, or on its staff list. */
export function belongsTo(tx: Tx, person: Person, institutionId: number): boolean {
  if (person.staffId !== undefined) return !!tx.select({ id: staff.id }).from(staff).where(and(eq(staff.id, person.staffId), eq(staff.institutionId, institutionId))).get();
  return !!tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.userId, person.userId), eq(memberships.institutionId, institutionId))).get();
}
