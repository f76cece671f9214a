// Institution queries, each scoped by the acting user through the scoping helper.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { areas, institutions, memberships } from '../../../db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, ANY_VIEW, assertAccess, assertAdmin, canAccess, institutionFilter, isAdmin } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import type { InstitutionInput } from './institutions.ts';

/** Institutions the actor may see at all (its records or its tallies), with their member counts. */
export function listInstitutions(tx: Tx, { actor }: { actor: Actor }) {
  return tx
    .select({
      id: institutions.id,
      name: institutions.name,
      kind: institutions.kind,
      level: institutions.level,
      parentId: institutions.parentId,
      areaId: institutions.areaId,
      memberCount: sql<number>`(SELECT COUNT(*) FROM ${memberships} WHERE ${memberships.institutionId} = ${institutions.id})`,
    })
    .from(institutions)
    .where(institutionFilter(actor, ANY_VIEW, institutions.id))
    .orderBy(asc(institutions.kind), asc(institutions.name))
    .all();
}

/** One institution's details; members see their own, publicity the ones it reports on. */
export function getInstitution(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  const row = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
  if (!row) throw new NotFoundError();
  if (!canAccess(actor, institutionId, ANY_VIEW)) throw new ForbiddenError();
  return row;
}

/** Bureaus an institution may report to (for the parent select box); administrators only. */
export function listBureaus(tx: Tx, { actor }: { actor: Actor }) {
  assertAdmin(actor);
  return tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(eq(institutions.kind, 'bureau')).orderBy(asc(institutions.name)).all();
}

function assertNameFree(tx: Tx, name: string, exceptId?: number) {
  const clash = tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(exceptId === undefined ? eq(institutions.name, name) : and(eq(institutions.name, name), ne(institutions.id, exceptId)))
    .get();
  if (clash) throw new DomainError('institution.nameTaken', 'name', 409);
}

/** Refuses an institution without a place, or in an area that is not a province, city or county. */
function assertArea(tx: Tx, areaId: number | null) {
  if (areaId === null) throw new DomainError('validation.required', 'areaId');
  const area = tx.select({ level: areas.level }).from(areas).where(eq(areas.id, areaId)).get();
  if (!area || area.level === 'township') throw new DomainError('validation.choice', 'areaId');
}

function assertParentIsBureau(tx: Tx, parentId: number | null) {
  if (parentId === null) return;
  const parent = tx.select({ kind: institutions.kind }).from(institutions).where(eq(institutions.id, parentId)).get();
  if (!parent || parent.kind !== 'bureau') throw new DomainError('validation.choice', 'parentId');
}

export function createInstitution(db: Db, { actor, input }: { actor: Actor; input: InstitutionInput }, now = Date.now()) {
  assertAdmin(actor);
  return db.transaction((tx) => {
    assertNameFree(tx, input.name);
    assertParentIsBureau(tx, input.parentId);
    assertArea(tx, input.areaId);
    const created = tx.insert(institutions).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'institution', entityId: created.id, institutionId: created.id, after: created }, now);
    return created;
  });
}

/** Updates an institution's details: its coordinators or an administrator. */
export function updateInstitution(
  db: Db,
  { actor, institutionId, input }: { actor: Actor; institutionId: number; input: InstitutionInput },
  now = Date.now(),
) {
  assertAccess(actor, institutionId, 'manage');
  return db.transaction((tx) => {
    const before = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
    if (!before) throw new NotFoundError();
    assertNameFree(tx, input.name, institutionId);
    // Only an administrator may move an institution under another bureau or to another area, or change its kind.
    const changes = isAdmin(actor) ? input : { ...input, parentId: before.parentId, kind: before.kind, areaId: before.areaId };
    assertParentIsBureau(tx, changes.parentId);
    if (isAdmin(actor)) assertArea(tx, changes.areaId);
    if (changes.parentId === institutionId) throw new DomainError('validation.choice', 'parentId');
    if (recordChange(tx, { actorId: actor.userId, entity: 'institution', entityId: institutionId, institutionId, before, after: changes }, now).length) {
      tx.update(institutions).set(changes).where(eq(institutions.id, institutionId)).run();
    }
    return { ...before, ...changes };
  });
}
