// Staff sent away for a period: to a village (驻村工作队, the first secretary among them) or to another institution
// (帮扶, 进修, 派驻). The sending institution's coordinators record and end postings; its page shows who is away,
// the host's who has come; a village's page shows who lives there now and who did. Residents open the
// village's households at the door (scope.ts, doorHouseholds).
import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { institutions, pairings, postings, staff, villages } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { mayReadContacts } from '../places/places.server.ts';
import { type Actor, assertAccess, ownStaffRecords, postingOn } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { beijingDate } from '../time/beijing.ts';
import type { PostingInput } from './postings.ts';

export function sendStaff(db: Db, { actor, input }: { actor: Actor; input: PostingInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const person = tx.select({ institutionId: staff.institutionId }).from(staff).where(eq(staff.id, input.staffId)).get();
    if (!person) throw new DomainError('validation.choice', 'staffId');
    assertAccess(actor, person.institutionId, 'manage');
    if (input.villageId !== null && !tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId)).get()) throw new DomainError('validation.choice', 'villageId');
    if (input.hostInstitutionId !== null && (input.hostInstitutionId === person.institutionId || !tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.hostInstitutionId)).get())) {
      throw new DomainError('validation.choice', 'hostInstitutionId');
    }
    const posting = tx.insert(postings).values({ ...input, institutionId: person.institutionId, createdBy: actor.userId, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'posting', entityId: posting.id, institutionId: person.institutionId, after: posting }, now);
    return posting;
  });
}

/** Brings a posting to an end on a day (its last day there). */
export function endPosting(db: Db, { actor, postingId, toDate }: { actor: Actor; postingId: number; toDate: string }, now = Date.now()) {
  db.transaction((tx) => {
    const posting = tx.select().from(postings).where(eq(postings.id, postingId)).get();
    if (!posting) throw new NotFoundError();
    assertAccess(actor, posting.institutionId, 'manage');
    if (toDate < posting.fromDate) throw new DomainError('posting.endsBeforeStart', 'toDate');
    tx.update(postings).set({ toDate }).where(eq(postings.id, postingId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'end', entity: 'posting', entityId: postingId, institutionId: posting.institutionId, before: posting, after: { toDate } }, now);
  });
}

const host = alias(institutions, 'host');
const sender = alias(institutions, 'sender');
const postingRow = {
  id: postings.id,
  kind: postings.kind,
  role: postings.role,
  fromDate: postings.fromDate,
  toDate: postings.toDate,
  purpose: postings.purpose,
  name: staff.name,
  phone: staff.phone,
  institution: sender.name,
  village: villages.name,
  institutionId: postings.institutionId,
  villageId: postings.villageId,
  hostInstitutionId: postings.hostInstitutionId,
  host: host.name,
};
/** Postings with their person, places and whether they are under way on `today`. */
const postingsWith = (tx: Tx, today: string) =>
  tx
    .select({ ...postingRow, current: sql<number>`${postingOn(today)}` })
    .from(postings)
    .innerJoin(staff, eq(staff.id, postings.staffId))
    .innerJoin(sender, eq(sender.id, postings.institutionId))
    .leftJoin(villages, eq(villages.id, postings.villageId))
    .leftJoin(host, eq(host.id, postings.hostInstitutionId))
    .$dynamic();

/** Who an institution has sent away and who has come to it, now and before, newest first. */
export function institutionPostings(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, now = Date.now()) {
  assertAccess(actor, institutionId, 'personal');
  const rows = postingsWith(tx, beijingDate(now))
    .where(or(eq(postings.institutionId, institutionId), eq(postings.hostInstitutionId, institutionId)))
    .orderBy(desc(postings.fromDate), desc(postings.id))
    .all()
    .map(({ current, ...row }) => ({ ...row, current: current === 1 }));
  return { sent: rows.filter((r) => r.institutionId === institutionId), hosted: rows.filter((r) => r.hostInstitutionId === institutionId) };
}

/** The actor's own postings under way, through its staff records: where it lives and works now. */
export function myPostings(tx: Tx, actor: Actor, now = Date.now()) {
  const today = beijingDate(now);
  return postingsWith(tx, today)
    .where(and(sql`${postings.staffId} IN ${ownStaffRecords(actor)}`, postingOn(today)))
    .orderBy(desc(postings.fromDate))
    .all();
}

/** Who lives and works in a village now (驻村工作队) and who did: names for those who may read contacts. */
export function villageResidents(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }, now = Date.now()) {
  if (!mayReadContacts(actor)) return { now: [], before: [] };
  const today = beijingDate(now);
  const rows = postingsWith(tx, today).where(eq(postings.villageId, villageId)).orderBy(asc(postings.role), desc(postings.fromDate)).all();
  return { now: rows.filter((r) => r.current === 1), before: rows.filter((r) => r.toDate !== null && r.toDate < today) };
}

/** What the posting form offers: the institution's staff, the villages it is paired with, other institutions. */
export function postingChoices(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'manage');
  return {
    staff: tx.select({ id: staff.id, name: staff.name }).from(staff).where(eq(staff.institutionId, institutionId)).orderBy(asc(staff.name)).all(),
    villages: tx
      .selectDistinct({ id: villages.id, name: villages.name })
      .from(pairings)
      .innerJoin(villages, eq(villages.id, pairings.villageId))
      .where(and(eq(pairings.institutionId, institutionId), eq(pairings.target, 'village')))
      .orderBy(asc(villages.name))
      .all(),
    institutions: tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(ne(institutions.id, institutionId)).orderBy(asc(institutions.name)).all(),
  };
}

/** The staff records resident in the household's village now, whichever institution sent them: its visitors. */
export function residentStaff(tx: Tx, villageId: number, now: number) {
  return tx
    .selectDistinct({ id: staff.id, name: staff.name, department: staff.department, institutionId: staff.institutionId, userId: staff.userId })
    .from(postings)
    .innerJoin(staff, eq(staff.id, postings.staffId))
    .where(and(eq(postings.villageId, villageId), postingOn(beijingDate(now))))
    .all();
}
