// The household register. Every read goes through householdFilter: administrators see every household,
// an institution's coordinators the households it is paired with (directly or through the village);
// members and publicity offices see none. ID numbers are shown masked; the full number only to a paired
// coordinator who asks, and every such look is written to the audit log.
import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, householdMembers, households, pairings, villages, visits } from '#db/schema.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { beijingDate } from '../time/beijing.ts';
import { storedLocation } from '../places/places.ts';
import { villageChoices } from '../places/places.server.ts';
import { type Actor, doorHouseholds, householdFilter, institutionIdsFor, ownPersonalInstitutionIds, pairingCovers, pairingInForce } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { idVault } from '../server/id-vault.ts';
import type { HouseholdInput, HouseholdListQuery, HouseholdMemberInput, HouseholdUpdateInput, MemberRemovalInput } from './households.ts';
import { maskIdNumber } from './id-number.ts';

const township = alias(areas, 'township');
const county = alias(areas, 'county');

const visible = (actor: Actor, now: number) => householdFilter(actor, { id: households.id, villageId: households.villageId }, beijingDate(now));

const listColumns = {
  id: households.id,
  headName: households.headName,
  idNumberMasked: households.idNumberMasked,
  hamlet: households.hamlet,
  cause: households.cause,
  status: households.status,
  villageId: households.villageId,
  village: villages.name,
  lat: households.lat,
  lng: households.lng,
};

export function listHouseholds(
  tx: Tx,
  { actor, villageId, limit = 200 }: { actor: Actor; villageId?: number | null; limit?: number },
  now = Date.now(),
) {
  const conditions = [visible(actor, now)];
  if (villageId) conditions.push(eq(households.villageId, villageId));
  return tx
    .select(listColumns)
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(...conditions))
    .orderBy(asc(villages.name), asc(households.hamlet), asc(households.headName))
    .limit(limit)
    .all();
}

/**
 * The household register (一户一档) as a list: each household the actor may see with its village, township and
 * county, how many live in it now, its status and when it was last visited; narrowed by the list's query, by
 * village, hamlet and name. A page at a time, or every row for a download (`page` null).
 */
export function householdRegister(tx: Tx, { actor, query, page = null }: { actor: Actor; query: Partial<HouseholdListQuery>; page?: PageAsked }, now = Date.now()) {
  const where = and(
    visible(actor, now),
    query.village ? eq(households.villageId, query.village) : undefined,
    query.status ? eq(households.status, query.status) : undefined,
    query.cause ? eq(households.cause, query.cause) : undefined,
    query.q ? or(contains(households.headName, query.q), contains(households.hamlet, query.q)) : undefined,
  );
  const total = tx.select({ n: count() }).from(households).where(where).get()!.n;
  const window = listWindow(page, total);
  const rows = tx
    .select({
      ...listColumns,
      liftedYear: households.liftedYear,
      phone: households.phone,
      township: township.name,
      county: county.name,
      members: sql<number>`(SELECT COUNT(*) FROM ${householdMembers} WHERE ${householdMembers.householdId} = ${households.id} AND ${householdMembers.removedOn} IS NULL)`,
      lastVisitedAt: sql<number | null>`(SELECT MAX(${visits.visitedAt}) FROM ${visits} WHERE ${visits.householdId} = ${households.id})`,
    })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .leftJoin(township, eq(township.id, villages.townshipId))
    .leftJoin(county, eq(county.id, township.parentId))
    .where(where)
    .orderBy(asc(villages.name), asc(households.hamlet), asc(households.headName), asc(households.id))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  return { rows, page: window.page, total };
}

/** One household with its members, if the actor may see it; 404 when there is none, 403 when not allowed. */
export function getHousehold(tx: Tx, { actor, householdId }: { actor: Actor; householdId: number }, now = Date.now()) {
  const row = tx
    .select({ household: households, village: villages.name })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(eq(households.id, householdId), visible(actor, now)))
    .get();
  if (!row) {
    const exists = tx.select({ id: households.id }).from(households).where(eq(households.id, householdId)).get();
    throw exists ? new ForbiddenError() : new NotFoundError();
  }
  const { idNumberCipher: _sealed, idNumberIndex: _index, ...household } = row.household;
  const everyone = tx.select().from(householdMembers).where(eq(householdMembers.householdId, householdId)).orderBy(asc(householdMembers.id)).all();
  return {
    ...household,
    village: row.village,
    // Those living in the household now; those who left stay on record apart.
    members: everyone.filter((m) => m.removedOn === null),
    formerMembers: everyone.filter((m) => m.removedOn !== null),
    mayRevealIdNumber: mayRevealIdNumber(tx, actor, household, now),
  };
}

/** Institutions (of those the actor coordinates) paired with this household now, directly or via its village. */
export function pairedInstitutionIds(tx: Tx, actor: Actor, household: { id: number; villageId: number }, now: number): number[] {
  const ids = institutionIdsFor(actor, 'personal');
  if (ids.length === 0) return [];
  const today = beijingDate(now);
  return tx
    .selectDistinct({ institutionId: pairings.institutionId })
    .from(pairings)
    .where(
      and(
        inArray(pairings.institutionId, ids),
        pairingInForce(today),
        pairingCovers(household),
      ),
    )
    .all()
    .map((r) => r.institutionId);
}

/** The institutions under which the actor records visits to this household at the door (decision 19). */
export function doorInstitutionIds(tx: Tx, actor: Actor, householdId: number, now: number): number[] {
  return tx.all<{ id: number }>(sql`SELECT DISTINCT institution_id AS id FROM (${doorHouseholds(actor, beijingDate(now))}) AS door WHERE household_id = ${householdId}`).map((r) => r.id);
}

/**
 * Only someone holding personal access in an institution paired with the household itself may see the full ID
 * number (and change the file); a bureau's administrator reading it through its area's institutions may not.
 */
function mayRevealIdNumber(tx: Tx, actor: Actor, household: { id: number; villageId: number }, now: number): boolean {
  const paired = pairedInstitutionIds(tx, actor, household, now);
  return ownPersonalInstitutionIds(actor).some((id) => paired.includes(id));
}

/** The full ID number, for a paired coordinator who asked to see it; the look is audit-logged. */
export function revealIdNumber(db: Db, { actor, householdId }: { actor: Actor; householdId: number }, now = Date.now()): string {
  return db.transaction((tx) => {
    const household = getHousehold(tx, { actor, householdId }, now);
    if (!household.mayRevealIdNumber) throw new ForbiddenError();
    const { idNumberCipher } = tx.select({ idNumberCipher: households.idNumberCipher }).from(households).where(eq(households.id, householdId)).get()!;
    recordAudit(tx, { actorId: actor.userId, action: 'reveal_id_number', entity: 'household', entityId: householdId }, now);
    return idVault().decrypt(idNumberCipher);
  });
}

/** Whether the actor may add households to a village: through a role in an institution paired with the village. */
export function mayAddToVillage(tx: Tx, actor: Actor, villageId: number, now = Date.now()): boolean {
  const through = addingPairings(actor, now);
  return through !== null && !!tx.select({ id: pairings.id }).from(pairings).where(and(through, eq(pairings.villageId, villageId))).get();
}

/** Whether the actor may add households anywhere: the list offers "add" only then. */
export function mayAddHouseholds(tx: Tx, actor: Actor, now = Date.now()): boolean {
  const through = addingPairings(actor, now);
  return through !== null && !!tx.select({ id: pairings.id }).from(pairings).where(through).limit(1).get();
}

/** The village pairings in force of the actor's own institutions (through a role that reads households), or null for none. */
function addingPairings(actor: Actor, now: number) {
  const ids = ownPersonalInstitutionIds(actor);
  if (ids.length === 0) return null;
  return and(inArray(pairings.institutionId, ids), eq(pairings.target, 'village'), pairingInForce(beijingDate(now)))!;
}

/**
 * Refuses an ID number already on file. Whoever may read that household is told it is there; anyone else is
 * refused without learning that the person is registered elsewhere.
 */
function refuseTakenIdNumber(tx: Tx, actor: Actor, householdId: number, now: number): never {
  const readable = tx.select({ id: households.id }).from(households).where(and(eq(households.id, householdId), visible(actor, now))).get();
  throw new DomainError(readable ? 'household.duplicate' : 'household.idNumberRefused', 'idNumber', 409);
}

/**
 * Writes a household inside an open transaction. A household is the same as an existing one when the
 * head's ID number is: `onDuplicate` decides whether that is refused or left as it is (an import run again).
 */
export function saveHousehold(tx: Tx, actor: Actor, input: HouseholdInput, now: number, onDuplicate: 'refuse' | 'keep') {
  if (!mayAddToVillage(tx, actor, input.villageId, now)) throw new DomainError('household.villageNotPaired', 'villageId', 403);
  const { idNumber, lat, lng, enteredIn, ...fields } = input;
  const vault = idVault();
  const index = vault.index(idNumber);
  const values = { ...fields, ...storedLocation({ lat, lng, enteredIn }), idNumberMasked: maskIdNumber(idNumber) };
  const existing = tx.select().from(households).where(eq(households.idNumberIndex, index)).get();
  if (existing) {
    if (onDuplicate === 'refuse') refuseTakenIdNumber(tx, actor, existing.id, now);
    return { id: existing.id, created: false };
  }
  const created = tx
    .insert(households)
    .values({ ...values, idNumberCipher: vault.encrypt(idNumber), idNumberIndex: index, createdAt: now })
    .returning()
    .get();
  recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'household', entityId: created.id, after: redact(created) }, now);
  return { id: created.id, created: true };
}

// The audit log keeps the masked number only.
function redact(row: Partial<typeof households.$inferSelect>) {
  const { idNumberCipher: _cipher, idNumberIndex: _index, ...rest } = row;
  return rest;
}

export function createHousehold(db: Db, { actor, input }: { actor: Actor; input: HouseholdInput }, now = Date.now()) {
  return db.transaction((tx) => saveHousehold(tx, actor, input, now, 'refuse'));
}

/**
 * A household the actor may change: one they may see through a role in an institution paired with it. Members
 * and publicity offices read no households at all.
 */
function householdForChange(tx: Tx, actor: Actor, householdId: number, now: number) {
  const household = getHousehold(tx, { actor, householdId }, now);
  if (!household.mayRevealIdNumber) throw new ForbiddenError();
  return household;
}

/** A household for its correction form, with the villages it may be moved to (its own among them). */
export function householdToCorrect(tx: Tx, { actor, householdId }: { actor: Actor; householdId: number }, now = Date.now()) {
  const household = householdForChange(tx, actor, householdId, now);
  const villages = villageChoices(tx).filter((choice) => choice.value === household.villageId || mayAddToVillage(tx, actor, choice.value, now));
  return { household, villages };
}

/**
 * Corrects a household: head, village, status, lifted year, phone, address, cause, family doctors, location,
 * and the ID number when a new one is typed. Moving it to another village needs the same right as adding one
 * there. Only the fields that changed are logged (the ID number masked).
 */
export function updateHousehold(db: Db, { actor, householdId, input }: { actor: Actor; householdId: number; input: Omit<HouseholdUpdateInput, 'householdId'> }, now = Date.now()) {
  return db.transaction((tx) => {
    householdForChange(tx, actor, householdId, now);
    const before = tx.select().from(households).where(eq(households.id, householdId)).get()!;
    if (input.villageId !== before.villageId && !mayAddToVillage(tx, actor, input.villageId, now)) throw new DomainError('household.villageNotPaired', 'villageId', 403);
    const { idNumber, lat, lng, enteredIn, ...fields } = input;
    const after: Partial<typeof households.$inferInsert> = { ...fields, ...storedLocation({ lat, lng, enteredIn }) };
    if (idNumber !== undefined) {
      const vault = idVault();
      const index = vault.index(idNumber);
      if (index !== before.idNumberIndex) {
        const taken = tx.select({ id: households.id }).from(households).where(eq(households.idNumberIndex, index)).get();
        if (taken) refuseTakenIdNumber(tx, actor, taken.id, now);
        Object.assign(after, { idNumberCipher: vault.encrypt(idNumber), idNumberIndex: index, idNumberMasked: maskIdNumber(idNumber) });
      }
    }
    const changed = recordChange(tx, { actorId: actor.userId, entity: 'household', entityId: householdId, before: redact(before), after: redact({ ...before, ...after }) }, now);
    if (changed.length) tx.update(households).set(after).where(eq(households.id, householdId)).run();
    return { changed };
  });
}

export function addHouseholdMember(db: Db, { actor, input }: { actor: Actor; input: HouseholdMemberInput }, now = Date.now()) {
  return db.transaction((tx) => {
    householdForChange(tx, actor, input.householdId, now);
    const created = tx.insert(householdMembers).values({ ...input, sex: input.sex ?? null }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'add_member', entity: 'household', entityId: input.householdId, after: created }, now);
    return created;
  });
}

/** A member of a household the actor may change. */
function memberForChange(tx: Tx, actor: Actor, memberId: number, now: number) {
  const member = tx.select().from(householdMembers).where(eq(householdMembers.id, memberId)).get();
  if (!member) throw new NotFoundError();
  householdForChange(tx, actor, member.householdId, now);
  return member;
}

export function updateHouseholdMember(db: Db, { actor, memberId, input }: { actor: Actor; memberId: number; input: Omit<HouseholdMemberInput, 'householdId'> }, now = Date.now()) {
  db.transaction((tx) => {
    const member = memberForChange(tx, actor, memberId, now);
    const after = { ...input, sex: input.sex ?? null };
    if (recordChange(tx, { actorId: actor.userId, entity: 'household_member', entityId: memberId, before: member, after }, now).length) {
      tx.update(householdMembers).set(after).where(eq(householdMembers.id, memberId)).run();
    }
  });
}

/**
 * A member leaves the household (died, moved away…): kept on record with the date and the reason, so that
 * their readings at earlier visits still name them; later visit forms no longer list them.
 */
export function removeHouseholdMember(db: Db, { actor, input }: { actor: Actor; input: MemberRemovalInput }, now = Date.now()) {
  db.transaction((tx) => {
    const member = memberForChange(tx, actor, input.memberId, now);
    if (member.removedOn !== null) throw new DomainError('household.memberAlreadyRemoved', null, 409);
    const after = { removedOn: input.removedOn, removalReason: input.reason, removalNote: input.note };
    tx.update(householdMembers).set(after).where(eq(householdMembers.id, member.id)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'remove_member', entity: 'household', entityId: member.householdId, before: { name: member.name }, after: { name: member.name, ...after } }, now);
  });
}

/** The villages the actor may add households to, for the form's select box. */
export function addableVillageChoices(tx: Tx, actor: Actor, now = Date.now()) {
  const through = addingPairings(actor, now);
  if (through === null) return [];
  const addable = new Set(tx.select({ villageId: pairings.villageId }).from(pairings).where(through).all().map((pairing) => pairing.villageId));
  return villageChoices(tx).filter((choice) => addable.has(choice.value));
}
