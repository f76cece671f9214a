// Pairing queries. An institution's pairing list names households, so it needs 'personal' access;
// administrators and the institution's coordinators create and end pairings.
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, households, institutions, pairings, type PairingTarget, villages } from '../../../db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, institutionFilter } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { beijingDate, isActive, isOverdue, type PairingInput, type PairingUpdateInput } from './pairings.ts';

const targetArea = alias(areas, 'target_area');
const householdVillage = alias(villages, 'household_village');

/** Every pairing of an institution, with what it is paired with and whether a visit is overdue. */
export function listPairings(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, now = Date.now()) {
  assertAccess(actor, institutionId, 'personal');
  return pairingRows(tx, eq(pairings.institutionId, institutionId), now);
}

function pairingRows(tx: Tx, where: ReturnType<typeof eq>, now: number) {
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
      targetName:
        row.pairing.target === 'household' ? `${row.householdVillage ?? ''} ${row.householdHead ?? ''}`.trim() : (row.village ?? row.area ?? ''),
      active: isActive(row.pairing, now),
      overdue: isOverdue(row.pairing, now),
    }));
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

export function createPairing(db: Db, { actor, input }: { actor: Actor; input: PairingInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    const { targetId, lastVisitedOn, endDate, ...fields } = input;
    const created = tx
      .insert(pairings)
      .values({
        ...fields,
        ...targetColumns(tx, input.target, targetId),
        endDate: endDate ?? null,
        // A date typed as "last visited" counts as noon that day in Beijing.
        lastVisitedAt: lastVisitedOn ? Date.parse(`${lastVisitedOn}T12:00:00+08:00`) : null,
        createdAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'pairing', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/** A pairing the actor may change: one of an institution they manage. */
export function pairingForChange(tx: Tx, actor: Actor, pairingId: number) {
  const pairing = tx.select().from(pairings).where(eq(pairings.id, pairingId)).get();
  if (!pairing) throw new NotFoundError();
  assertAccess(actor, pairing.institutionId, 'manage');
  return pairing;
}

/** Corrects a pairing's responsible person, visiting obligation and end date; its target and start stay. */
export function updatePairing(db: Db, { actor, pairingId, input }: { actor: Actor; pairingId: number; input: PairingUpdateInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = pairingForChange(tx, actor, pairingId);
    if (input.endDate !== null && input.endDate < before.startDate) throw new DomainError('pairing.endBeforeStart', 'endDate');
    if (recordChange(tx, { actorId: actor.userId, entity: 'pairing', entityId: pairingId, institutionId: before.institutionId, before, after: input }, now).length) {
      tx.update(pairings).set(input).where(eq(pairings.id, pairingId)).run();
    }
  });
}

/** Ends a pairing today (it stays on record). */
export function endPairing(db: Db, { actor, pairingId }: { actor: Actor; pairingId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const before = tx.select().from(pairings).where(eq(pairings.id, pairingId)).get();
    if (!before) throw new NotFoundError();
    assertAccess(actor, before.institutionId, 'manage');
    const after = tx.update(pairings).set({ endDate: beijingDate(now) }).where(eq(pairings.id, pairingId)).returning().get();
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
    .select({ institutionId: pairings.institutionId, institution: institutions.name, startDate: pairings.startDate, endDate: pairings.endDate, obligation: pairings.obligation })
    .from(pairings)
    .innerJoin(institutions, eq(institutions.id, pairings.institutionId))
    .where(and(eq(pairings.target, 'village'), eq(pairings.villageId, villageId), institutionFilter(actor, ['read', 'aggregate'], pairings.institutionId)))
    .all()
    .filter((p) => isActive(p, now));
}
