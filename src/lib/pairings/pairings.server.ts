// Pairings open households to an institution, so no institution grants itself one: its coordinators
// request a pairing, and whoever may assign it — an administrator, or the health bureau whose area covers both
// the institution and the target — makes it (approving the request, or directly). The institution's
// coordinators name its responsible person and may end it; ending closes the access at once. An
// institution's pairing list names households, so it needs 'personal' access.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, eventRunBy, events, households, institutions, pairingRequests, pairings, type PairingTarget, staff, users, villages, visits } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, coordinatedInstitutionIds, institutionFilter, institutionIdsFor, isAdmin } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { isActive, isOverdue, type PairingInput, type PairingRequestInput, type PairingUpdateInput } from './pairings.ts';
import { beijingDate, beijingInstant } from '../time/beijing.ts';
import { countyOfEventRow, heldInTownships } from '../tallies/counting.server.ts';

const targetArea = alias(areas, 'target_area');
const householdVillage = alias(villages, 'household_village');

/** What a pairing (or a request) is with, as its list shows it: the village or area, or the household's village and head. */
function targetName(target: PairingTarget, names: { village: string | null; area: string | null; householdVillage: string | null; householdHead: string | null }): string {
  return target === 'household' ? `${names.householdVillage ?? ''} ${names.householdHead ?? ''}`.trim() : (names.village ?? names.area ?? '');
}

/** Every pairing of an institution, with what it is paired with and whether a visit is overdue. */
export function listPairings(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, now = Date.now()) {
  assertAccess(actor, institutionId, 'personal');
  return pairingRows(tx, eq(pairings.institutionId, institutionId), now);
}

function pairingRows(tx: Tx, where: SQL, now: number) {
  return tx
    .select({
      pairing: pairings,
      institution: institutions.name,
      village: villages.name,
      area: targetArea.name,
      areaLevel: targetArea.level,
      householdHead: households.headName,
      householdVillage: householdVillage.name,
    })
    .from(pairings)
    .innerJoin(institutions, eq(institutions.id, pairings.institutionId))
    .leftJoin(villages, eq(villages.id, pairings.villageId))
    .leftJoin(targetArea, eq(targetArea.id, pairings.areaId))
    .leftJoin(households, eq(households.id, pairings.householdId))
    .leftJoin(householdVillage, eq(householdVillage.id, households.villageId))
    .where(where)
    .orderBy(asc(pairings.target), asc(villages.name), asc(targetArea.name), asc(households.headName))
    .all()
    .map((row) => ({
      ...row.pairing,
      institution: row.institution,
      targetName: targetName(row.pairing.target, row),
      active: isActive(row.pairing, now),
      overdue: isOverdue(row.pairing, now),
    }));
}

/**
 * Every obligation of the institutions in an administrator's area (their pairings in force that ask for visits),
 * by institution, the institutions with the most overdue first and each one's overdue first.
 */
export function areaObligations(tx: Tx, { actor }: { actor: Actor }, now = Date.now()) {
  if (!isAdmin(actor)) throw new ForbiddenError();
  const ids = institutionIdsFor(actor, 'personal');
  const rows = ids.length === 0 ? [] : pairingRows(tx, inArray(pairings.institutionId, ids), now).filter((p) => p.active && p.obligation !== 'none');
  const byInstitution = new Map<number, { institutionId: number; institution: string; pairings: typeof rows; overdue: number }>();
  for (const row of rows) {
    const group = byInstitution.get(row.institutionId) ?? { institutionId: row.institutionId, institution: row.institution, pairings: [], overdue: 0 };
    group.pairings.push(row);
    if (row.overdue) group.overdue += 1;
    byInstitution.set(row.institutionId, group);
  }
  return [...byInstitution.values()]
    .map((group) => ({ ...group, pairings: group.pairings.sort((a, b) => Number(b.overdue) - Number(a.overdue)) }))
    .sort((a, b) => b.overdue - a.overdue || a.institution.localeCompare(b.institution, 'zh-CN'));
}

/** The institution's pairings that are overdue for a visit this week, month or quarter; households first. */
export function listOverduePairings(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, now = Date.now()) {
  const order: Record<PairingTarget, number> = { household: 0, village: 1, township: 2, county: 3 };
  return listPairings(tx, { actor, institutionId }, now)
    .filter((p) => p.overdue)
    .sort((a, b) => order[a.target] - order[b.target]);
}

/** Which target column a pairing of this kind uses, after checking that the target exists. */
function targetColumns(tx: Tx, target: PairingTarget, targetId: number) {
  if (target === 'village') {
    if (!tx.select({ id: villages.id }).from(villages).where(eq(villages.id, targetId)).get()) throw new DomainError('validation.choice', 'targetRef');
    return { villageId: targetId, areaId: null, householdId: null };
  }
  if (target === 'household') {
    if (!tx.select({ id: households.id }).from(households).where(eq(households.id, targetId)).get()) throw new DomainError('validation.choice', 'targetRef');
    return { villageId: null, areaId: null, householdId: targetId };
  }
  const area = tx.select({ level: areas.level }).from(areas).where(eq(areas.id, targetId)).get();
  if (!area || area.level !== target) throw new DomainError('validation.choice', 'targetRef');
  return { villageId: null, areaId: targetId, householdId: null };
}

type TargetColumns = ReturnType<typeof targetColumns>;
/** Where a pairing or a request points: one of these is set. */
type TargetPlace = { villageId: number | null; areaId: number | null; householdId: number | null };

/** An area and every area above it, nearest first. */
function areaAndAbove(tx: Tx, areaId: number | null): number[] {
  const chain: number[] = [];
  for (let id = areaId; id !== null && !chain.includes(id); ) {
    chain.push(id);
    id = tx.select({ parentId: areas.parentId }).from(areas).where(eq(areas.id, id)).get()?.parentId ?? null;
  }
  return chain;
}

/** The area a pairing's target lies in: a village's or a household's township, or the township or county itself. */
function areaOfTarget(tx: Tx, columns: TargetPlace): number | null {
  if (columns.areaId !== null) return columns.areaId;
  const villageId = columns.villageId ?? (columns.householdId === null ? undefined : tx.select({ villageId: households.villageId }).from(households).where(eq(households.id, columns.householdId)).get()?.villageId);
  return villageId === undefined ? null : (tx.select({ townshipId: villages.townshipId }).from(villages).where(eq(villages.id, villageId)).get()?.townshipId ?? null);
}

/**
 * The areas in which the actor assigns pairings: those a bureau's administrator administers, and for a
 * coordinator of health bureaus, the areas those bureaus sit in (a county bureau assigns within its county,
 * decision 4). The system operator assigns none.
 */
function assigningAreas(tx: Tx, actor: Actor): number[] {
  const ids = coordinatedInstitutionIds(actor);
  if (ids.length === 0) return actor.administered.areaIds;
  const bureauAreas = tx
    .select({ areaId: institutions.areaId })
    .from(institutions)
    .where(and(inArray(institutions.id, ids), eq(institutions.kind, 'bureau'), isNotNull(institutions.areaId)))
    .all()
    .map((bureau) => bureau.areaId!);
  return [...new Set([...actor.administered.areaIds, ...bureauAreas])];
}

/** Whether one of these areas covers both the institution and the target of a pairing. */
function coversPairing(tx: Tx, assigning: number[], institutionId: number, place: TargetPlace): boolean {
  if (assigning.length === 0) return false;
  const aroundInstitution = areaAndAbove(tx, tx.select({ areaId: institutions.areaId }).from(institutions).where(eq(institutions.id, institutionId)).get()?.areaId ?? null);
  const aroundTarget = areaAndAbove(tx, areaOfTarget(tx, place));
  return assigning.some((area) => aroundInstitution.includes(area) && aroundTarget.includes(area));
}

/** Whether the actor may assign this pairing: the administrators or coordinators of a health bureau whose area covers both sides. */
export function mayAssignPairing(tx: Tx, actor: Actor, institutionId: number, place: TargetPlace): boolean {
  return coversPairing(tx, assigningAreas(tx, actor), institutionId, place);
}

function assertMayAssignPairing(tx: Tx, actor: Actor, institutionId: number, place: TargetPlace) {
  if (!mayAssignPairing(tx, actor, institutionId, place)) throw new ForbiddenError();
}

/** Whether the actor assigns pairings anywhere: a bureau's administrator, or a coordinator of a health bureau. */
export function assignsPairings(tx: Tx, actor: Actor): boolean {
  return assigningAreas(tx, actor).length > 0;
}

/** Refuses a pairing whose dates overlap a pairing the institution already holds with the same target. */
function assertNoOverlap(tx: Tx, institutionId: number, target: PairingTarget, columns: TargetColumns, startDate: string, endDate: string | null) {
  const same = tx
    .select({ startDate: pairings.startDate, endDate: pairings.endDate })
    .from(pairings)
    .where(
      and(
        eq(pairings.institutionId, institutionId),
        eq(pairings.target, target),
        isNull(pairings.endedAt),
        columns.villageId !== null ? eq(pairings.villageId, columns.villageId) : columns.areaId !== null ? eq(pairings.areaId, columns.areaId) : eq(pairings.householdId, columns.householdId!),
      ),
    )
    .all();
  if (same.some((p) => p.startDate <= (endDate ?? '9999-12-31') && startDate <= (p.endDate ?? '9999-12-31'))) throw new DomainError('pairing.duplicate', 'targetRef', 409);
}

/** Makes a pairing inside an open transaction, once the actor may assign it and its target and dates are checked; audit-logged. */
function insertPairing(tx: Tx, actor: Actor, input: Omit<PairingInput, 'lastVisitedOn'> & { lastVisitedAt: number | null }, now: number) {
  const { targetId, endDate, ...fields } = input;
  const columns = targetColumns(tx, input.target, targetId);
  assertMayAssignPairing(tx, actor, input.institutionId, columns);
  assertNoOverlap(tx, input.institutionId, input.target, columns, input.startDate, endDate ?? null);
  const created = tx
    .insert(pairings)
    .values({ ...fields, ...columns, endDate: endDate ?? null, createdAt: now })
    .returning()
    .get();
  recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'pairing', entityId: created.id, institutionId: input.institutionId, after: created }, now);
  return created;
}

/** Makes a pairing directly: whoever may assign it (an institution's coordinators request one). */
export function createPairing(db: Db, { actor, input }: { actor: Actor; input: PairingInput }, now = Date.now()) {
  return db.transaction((tx) => {
    if (!tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.institutionId)).get()) throw new DomainError('validation.choice', 'institutionId');
    const { lastVisitedOn, ...fields } = input;
    // A date typed as "last visited" counts as noon that day in Beijing.
    return insertPairing(tx, actor, { ...fields, lastVisitedAt: lastVisitedOn ? beijingInstant(lastVisitedOn, '12:00') : null }, now);
  });
}

/** Asks for a pairing for an institution the actor manages; it opens nothing until whoever may assign it approves it. */
export function requestPairing(db: Db, { actor, input }: { actor: Actor; input: PairingRequestInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    const { targetId, endDate, ...fields } = input;
    const columns = targetColumns(tx, input.target, targetId);
    assertNoOverlap(tx, input.institutionId, input.target, columns, input.startDate, endDate ?? null);
    const created = tx
      .insert(pairingRequests)
      .values({ ...fields, ...columns, endDate: endDate ?? null, requestedBy: actor.userId, createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'request', entity: 'pairing_request', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/**
 * Decides a pending request: approving makes the pairing as asked, refusing needs a reason; both are logged
 * with the request. Whoever may assign the pairing decides it.
 */
export function decidePairingRequest(
  db: Db,
  { actor, requestId, approve, reason }: { actor: Actor; requestId: number; approve: boolean; reason: string | null },
  now = Date.now(),
) {
  return db.transaction((tx) => {
    const request = tx.select().from(pairingRequests).where(eq(pairingRequests.id, requestId)).get();
    if (!request) throw new NotFoundError();
    assertMayAssignPairing(tx, actor, request.institutionId, request);
    if (request.state !== 'pending') throw new DomainError('pairing.requestDecided', null, 409);
    if (!approve && !reason) throw new DomainError('validation.required', 'reason');
    const target = request.target === 'village' ? request.villageId : request.target === 'household' ? request.householdId : request.areaId;
    const pairing = approve
      ? insertPairing(
          tx,
          actor,
          { institutionId: request.institutionId, target: request.target, targetId: target!, startDate: request.startDate, endDate: request.endDate ?? undefined, responsibleName: request.responsibleName, obligation: request.obligation, lastVisitedAt: null },
          now,
        )
      : null;
    const decided = { state: approve ? ('approved' as const) : ('refused' as const), decidedBy: actor.userId, decidedAt: now, decisionReason: reason, pairingId: pairing?.id ?? null };
    tx.update(pairingRequests).set(decided).where(eq(pairingRequests.id, requestId)).run();
    recordAudit(tx, { actorId: actor.userId, action: approve ? 'approve' : 'refuse', entity: 'pairing_request', entityId: requestId, institutionId: request.institutionId, before: { state: request.state }, after: decided }, now);
    return decided;
  });
}

/** Withdraws a pending request of an institution the actor manages. */
export function withdrawPairingRequest(db: Db, { actor, requestId }: { actor: Actor; requestId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const request = tx.select().from(pairingRequests).where(eq(pairingRequests.id, requestId)).get();
    if (!request) throw new NotFoundError();
    assertAccess(actor, request.institutionId, 'manage');
    if (request.state !== 'pending') throw new DomainError('pairing.requestDecided', null, 409);
    tx.update(pairingRequests).set({ state: 'withdrawn', decidedBy: actor.userId, decidedAt: now }).where(eq(pairingRequests.id, requestId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'withdraw', entity: 'pairing_request', entityId: requestId, institutionId: request.institutionId }, now);
  });
}

const requestColumns = {
  request: pairingRequests,
  institution: institutions.name,
  village: villages.name,
  area: targetArea.name,
  householdHead: households.headName,
  householdVillage: householdVillage.name,
  requestedBy: users.name,
};

/** Requests with what they ask for, newest first. */
function requestRows(tx: Tx, where: SQL) {
  return tx
    .select(requestColumns)
    .from(pairingRequests)
    .innerJoin(institutions, eq(institutions.id, pairingRequests.institutionId))
    .leftJoin(villages, eq(villages.id, pairingRequests.villageId))
    .leftJoin(targetArea, eq(targetArea.id, pairingRequests.areaId))
    .leftJoin(households, eq(households.id, pairingRequests.householdId))
    .leftJoin(householdVillage, eq(householdVillage.id, households.villageId))
    .leftJoin(users, eq(users.id, pairingRequests.requestedBy))
    .where(where)
    .orderBy(desc(pairingRequests.createdAt), desc(pairingRequests.id))
    .limit(200)
    .all()
    .map((row) => ({
      ...row.request,
      institution: row.institution,
      requestedByName: row.requestedBy,
      targetName: targetName(row.request.target, row),
    }));
}

/** An institution's requests (pending ones and those decided), for its coordinators. */
export function institutionPairingRequests(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'manage');
  return requestRows(tx, eq(pairingRequests.institutionId, institutionId));
}

/** The requests waiting for a decision that the actor may decide: those of its bureaus' areas. */
export function pendingPairingRequests(tx: Tx, { actor }: { actor: Actor }) {
  const assigning = assigningAreas(tx, actor);
  if (assigning.length === 0) throw new ForbiddenError();
  return requestRows(tx, eq(pairingRequests.state, 'pending')).filter((request) => coversPairing(tx, assigning, request.institutionId, request));
}

/** The staff of the pairing's institution, any of whom may be its responsible person. */
export function responsibleChoices(tx: Tx, pairing: { institutionId: number }) {
  return tx.select({ id: staff.id, name: staff.name, department: staff.department }).from(staff).where(eq(staff.institutionId, pairing.institutionId)).orderBy(asc(staff.name)).all();
}

/** The responsible person as stored: a staff record of the institution and its name, or a name alone. */
function responsiblePerson(tx: Tx, institutionId: number, input: { responsibleStaffId: number | null; responsibleName: string | null }) {
  if (input.responsibleStaffId === null) return { responsibleStaffId: null, responsibleName: input.responsibleName };
  const person = tx.select({ name: staff.name }).from(staff).where(and(eq(staff.id, input.responsibleStaffId), eq(staff.institutionId, institutionId))).get();
  if (!person) throw new DomainError('validation.choice', 'responsibleStaffId');
  return { responsibleStaffId: input.responsibleStaffId, responsibleName: person.name };
}

/** A pairing the actor may change: one of an institution they manage. */
export function pairingForChange(tx: Tx, actor: Actor, pairingId: number) {
  const pairing = tx.select().from(pairings).where(eq(pairings.id, pairingId)).get();
  if (!pairing) throw new NotFoundError();
  assertAccess(actor, pairing.institutionId, 'manage');
  return pairing;
}

/**
 * Corrects a pairing: its coordinators name the responsible person; the visiting obligation and the end date,
 * which decide what the pairing asks and opens, are for whoever may assign it. Its target and start stay.
 */
export function updatePairing(db: Db, { actor, pairingId, input }: { actor: Actor; pairingId: number; input: PairingUpdateInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = pairingForChange(tx, actor, pairingId);
    const named = { ...input, ...responsiblePerson(tx, before.institutionId, input) };
    const after = mayAssignPairing(tx, actor, before.institutionId, before) ? named : { ...named, obligation: before.obligation, endDate: before.endDate };
    if (after.endDate !== null && after.endDate < before.startDate) throw new DomainError('pairing.endBeforeStart', 'endDate');
    if (recordChange(tx, { actorId: actor.userId, entity: 'pairing', entityId: pairingId, institutionId: before.institutionId, before, after }, now).length) {
      tx.update(pairings).set(after).where(eq(pairings.id, pairingId)).run();
    }
  });
}

/** Ends a pairing now: it opens nothing from this instant, and stays on record ending today. */
export function endPairing(db: Db, { actor, pairingId }: { actor: Actor; pairingId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const before = pairingForChange(tx, actor, pairingId);
    const today = beijingDate(now);
    const after = tx
      .update(pairings)
      .set({ endDate: before.endDate !== null && before.endDate < today ? before.endDate : today, endedAt: now })
      .where(eq(pairings.id, pairingId))
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'end', entity: 'pairing', entityId: pairingId, institutionId: before.institutionId, before, after }, now);
  });
}

/**
 * Records that a paired village, township or county was visited (a meeting with its committee, say). A household
 * is marked visited by its visit records only.
 */
export function recordVisitDate(db: Db, { actor, pairingId, visitedAt }: { actor: Actor; pairingId: number; visitedAt: number }, now = Date.now()) {
  db.transaction((tx) => {
    const before = tx.select().from(pairings).where(eq(pairings.id, pairingId)).get();
    if (!before) throw new NotFoundError();
    assertAccess(actor, before.institutionId, 'manage');
    if (before.target === 'household') throw new DomainError('pairing.visitRequired', null, 409);
    const after = tx.update(pairings).set({ lastVisitedAt: visitedAt }).where(eq(pairings.id, pairingId)).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'visited', entity: 'pairing', entityId: pairingId, institutionId: before.institutionId, before, after }, now);
  });
}

/** Institutions paired with a village, for its page (no personal data). */
export function villagePairings(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }, now = Date.now()) {
  return tx
    .select({ institutionId: pairings.institutionId, institution: institutions.name, startDate: pairings.startDate, endDate: pairings.endDate, endedAt: pairings.endedAt, obligation: pairings.obligation })
    .from(pairings)
    .innerJoin(institutions, eq(institutions.id, pairings.institutionId))
    .where(and(eq(pairings.target, 'village'), eq(pairings.villageId, villageId), institutionFilter(actor, ['read', 'aggregate'], pairings.institutionId)))
    .all()
    .filter((p) => isActive(p, now));
}

/**
 * Where a piece of work was done: a household and its village (a visit), a village, or a township for an event
 * held at an address there.
 */
export type WorkPlace = { householdId?: number; villageId: number } | { villageId: null; townshipId: number | null };

/**
 * The pairings a piece of work at a place meets, as a WHERE condition on `pairings`: a visit to a household
 * meets the pairing with the household, and a visit or a done event in a village those with the village, its
 * township and its county (an event at an address, those with its township and county).
 */
function pairingsMetAt(place: WorkPlace): SQL {
  const township =
    place.villageId !== null ? sql`(SELECT ${villages.townshipId} FROM ${villages} WHERE ${villages.id} = ${place.villageId})` : place.townshipId === null ? null : sql`${place.townshipId}`;
  return or(
    place.villageId !== null && place.householdId !== undefined ? and(eq(pairings.target, 'household'), eq(pairings.householdId, place.householdId)) : undefined,
    place.villageId === null ? undefined : and(eq(pairings.target, 'village'), eq(pairings.villageId, place.villageId)),
    township === null ? undefined : and(eq(pairings.target, 'township'), sql`${pairings.areaId} = ${township}`),
    township === null ? undefined : and(eq(pairings.target, 'county'), sql`${pairings.areaId} = (SELECT ${areas.parentId} FROM ${areas} WHERE ${areas.id} = ${township})`),
  ) ?? sql`1 = 0`;
}

/** Work done by these institutions at a place counts as a visit for the pairings it meets (the overdue lists). */
export function markPairingsMet(tx: Tx, { institutionIds, place, at }: { institutionIds: number[]; place: WorkPlace; at: number }) {
  if (institutionIds.length === 0) return;
  tx.update(pairings)
    .set({ lastVisitedAt: at })
    .where(and(inArray(pairings.institutionId, institutionIds), pairingsMetAt(place), or(isNull(pairings.lastVisitedAt), lt(pairings.lastVisitedAt, at))))
    .run();
}

/**
 * The work that met a pairing since it began, newest first: its institution's done events (organised or
 * co-organised) in the paired village, township or county, and its visits to the paired household or to
 * households there. For the pairing's page; the caller has checked access to it.
 */
export function pairingWork(tx: Tx, pairing: typeof pairings.$inferSelect, limit = 20) {
  const township = alias(areas, 'township');
  const eventPlace = {
    household: sql`1 = 0`,
    village: sql`${events.villageId} = ${pairing.villageId}`,
    // A township's pairing has its area (pairings_one_target).
    township: heldInTownships([pairing.areaId!]),
    county: sql`${countyOfEventRow} = ${pairing.areaId}`,
  }[pairing.target];
  const workedEvents = tx
    .select({ id: events.id, date: events.date, title: events.title, kind: events.kind })
    .from(events)
    .where(
      and(
        eq(events.state, 'done'),
        gte(events.date, pairing.startDate),
        eventRunBy(pairing.institutionId),
        eventPlace,
      ),
    )
    .orderBy(desc(events.date))
    .limit(limit)
    .all();
  const visitPlace = {
    household: eq(visits.householdId, pairing.householdId ?? 0),
    village: eq(households.villageId, pairing.villageId ?? 0),
    township: eq(villages.townshipId, pairing.areaId ?? 0),
    county: eq(township.parentId, pairing.areaId ?? 0),
  }[pairing.target];
  const workedVisits = tx
    .select({ id: visits.id, visitedAt: visits.visitedAt, headName: households.headName, village: villages.name })
    .from(visits)
    .innerJoin(households, eq(households.id, visits.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .innerJoin(township, eq(township.id, villages.townshipId))
    .where(and(eq(visits.institutionId, pairing.institutionId), gte(visits.visitedAt, beijingInstant(pairing.startDate, '00:00')), visitPlace))
    .orderBy(desc(visits.visitedAt))
    .limit(limit)
    .all();
  return { events: workedEvents, visits: workedVisits };
}
