// Institution queries, each scoped by the acting user through the scoping helper.
import { and, asc, count, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import { areas, institutions, memberships } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, administersArea, administersInstitution, ANY_VIEW, assertAccess, assertAdministersAnyArea, canAccess, institutionFilter, runsSite } from '../server/auth/scope.ts';
import { type Db, inIds, type Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import type { InstitutionInput, InstitutionListQuery } from './institutions.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';

/** Institutions, with their member counts. */
function institutionRows(tx: Tx, where: SQL | undefined) {
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
    .where(where)
    .orderBy(asc(institutions.kind), asc(institutions.name))
    .all();
}

/** Institutions the actor may see at all (its records or its tallies), with their member counts. */
export function listInstitutions(tx: Tx, { actor }: { actor: Actor }) {
  return institutionRows(tx, institutionFilter(actor, ANY_VIEW, institutions.id));
}

/**
 * The institutions list: those the actor may see, narrowed by the list's query (words in the name, a kind), by
 * kind and name, with their member counts and the area each is placed in; a page at a time, or every row.
 */
export function institutionList(tx: Tx, { actor, query, page = null }: { actor: Actor; query: Partial<InstitutionListQuery>; page?: PageAsked }) {
  const where = and(institutionFilter(actor, ANY_VIEW, institutions.id), query.kind ? eq(institutions.kind, query.kind) : undefined, query.q ? contains(institutions.name, query.q) : undefined);
  const total = tx.select({ n: count() }).from(institutions).where(where).get()!.n;
  const window = listWindow(page, total);
  const rows = tx
    .select({
      id: institutions.id,
      name: institutions.name,
      kind: institutions.kind,
      level: institutions.level,
      area: areas.name,
      contactPhone: institutions.contactPhone,
      memberCount: sql<number>`(SELECT COUNT(*) FROM ${memberships} WHERE ${memberships.institutionId} = ${institutions.id})`,
    })
    .from(institutions)
    .leftJoin(areas, eq(areas.id, institutions.areaId))
    .where(where)
    .orderBy(asc(institutions.kind), asc(institutions.name), asc(institutions.id))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  return { rows, page: window.page, total };
}

/**
 * One institution's details; members see their own, publicity the ones it reports on, and whoever shapes it
 * (the system operator among them) its details too.
 */
export function getInstitution(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  const row = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
  if (!row) throw new NotFoundError();
  if (!canAccess(actor, institutionId, ANY_VIEW) && !administersInstitution(actor, institutionId)) throw new ForbiddenError();
  return row;
}

/** What the system operator shapes everywhere, or a bureau's administrator in its area, as a WHERE condition. */
function administeredFilter(actor: Actor) {
  if (runsSite(actor)) return undefined;
  return inIds(institutions.id, actor.administered.institutionIds);
}

/** The institutions the actor shapes (under 机构管理): every one for the system operator, its area's for an administrator. */
export function listAdministeredInstitutions(tx: Tx, { actor }: { actor: Actor }) {
  assertAdministersAnyArea(actor);
  return institutionRows(tx, administeredFilter(actor));
}

/**
 * Bureaus an institution may report to (for the parent select box): those the actor shapes, and the one it
 * reports to now (`current`), so that saving the form keeps it.
 */
export function listBureaus(tx: Tx, { actor, current = null }: { actor: Actor; current?: number | null }) {
  assertAdministersAnyArea(actor);
  return tx
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(or(and(eq(institutions.kind, 'bureau'), administeredFilter(actor)), current === null ? undefined : eq(institutions.id, current)))
    .orderBy(asc(institutions.name))
    .all();
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

/** Refuses a parent that is not a bureau the actor shapes. */
function assertParentIsBureau(tx: Tx, actor: Actor, parentId: number | null) {
  if (parentId === null) return;
  const parent = tx.select({ kind: institutions.kind }).from(institutions).where(eq(institutions.id, parentId)).get();
  if (!parent || parent.kind !== 'bureau' || !administersInstitution(actor, parentId)) throw new DomainError('validation.choice', 'parentId');
}

/** Adds an institution in an area the actor shapes (decision 4). */
export function createInstitution(db: Db, { actor, input }: { actor: Actor; input: InstitutionInput }, now = Date.now()) {
  assertAdministersAnyArea(actor);
  return db.transaction((tx) => {
    assertNameFree(tx, input.name);
    assertParentIsBureau(tx, actor, input.parentId);
    assertArea(tx, input.areaId);
    if (!administersArea(actor, input.areaId)) throw new DomainError('validation.choice', 'areaId');
    const created = tx.insert(institutions).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'institution', entityId: created.id, institutionId: created.id, after: created }, now);
    return created;
  });
}

/**
 * Updates an institution's details: its coordinators, or whoever shapes it, who alone may also change its kind,
 * its bureau and its place (to an area they shape: an administrator cannot widen its own reach).
 */
export function updateInstitution(
  db: Db,
  { actor, institutionId, input }: { actor: Actor; institutionId: number; input: InstitutionInput },
  now = Date.now(),
) {
  const shapes = administersInstitution(actor, institutionId);
  if (!shapes) assertAccess(actor, institutionId, 'manage');
  return db.transaction((tx) => {
    const before = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
    if (!before) throw new NotFoundError();
    assertNameFree(tx, input.name, institutionId);
    const changes = shapes ? input : { ...input, parentId: before.parentId, kind: before.kind, areaId: before.areaId };
    if (changes.parentId !== before.parentId) assertParentIsBureau(tx, actor, changes.parentId);
    if (shapes) {
      assertArea(tx, changes.areaId);
      if (changes.areaId !== before.areaId && !administersArea(actor, changes.areaId)) throw new DomainError('validation.choice', 'areaId');
    }
    if (changes.parentId === institutionId) throw new DomainError('validation.choice', 'parentId');
    if (recordChange(tx, { actorId: actor.userId, entity: 'institution', entityId: institutionId, institutionId, before, after: changes }, now).length) {
      tx.update(institutions).set(changes).where(eq(institutions.id, institutionId)).run();
    }
    return { ...before, ...changes };
  });
}
