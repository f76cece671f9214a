// The one place that decides which institutions' data a user may touch, and how.
// Every query that reads or writes institution data filters with `institutionFilter` or checks with
// `assertAccess`; nothing else compares roles. docs/decisions/0004-roles-and-scoping.md explains the matrix.
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { institutions, memberships, pairings, type Role, staff, visitVisitors } from '../../../../db/schema.ts';
import { preparedQuery, type Tx } from '../db.ts';
import { ForbiddenError } from '../errors.ts';
import { descendantIds } from '../tree.ts';

/**
 * What a piece of data demands:
 * - aggregate: counts and tallies, no names (publicity may read these);
 * - read: the institution's own non-personal records (its events, its details);
 * - personal: names, contacts, households, health data;
 * - manage: changing the institution's data and members.
 */
export type Access = 'aggregate' | 'read' | 'personal' | 'manage';

export const ACCESS_BY_ROLE: Record<Role, readonly Access[]> = {
  admin: ['aggregate', 'read', 'personal', 'manage'],
  coordinator: ['aggregate', 'read', 'personal', 'manage'],
  member: ['read'],
  publicity: ['aggregate'],
  // The system operator keeps the site running and is given no institution's data at all.
  operator: [],
};

export interface Membership {
  institutionId: number;
  institutionName: string;
  role: Role;
}

/** The acting user as the scoping rules see them. */
export interface Actor {
  userId: string;
  memberships: Membership[];
  /** Institutions whose aggregates a publicity office may read: its own and those under it. */
  aggregateInstitutionIds: number[];
}

export function isAdmin(actor: Actor | null | undefined): boolean {
  return !!actor?.memberships.some((m) => m.role === 'admin');
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor?.memberships.some((m) => m.role === role);
}

/** Institutions the actor may access in this way (or in any of these ways); 'all' for an administrator. */
export function institutionIdsFor(actor: Actor, access: Access | readonly Access[]): 'all' | number[] {
  if (isAdmin(actor)) return 'all';
  const wanted: readonly Access[] = typeof access === 'string' ? [access] : access;
  const ids = new Set<number>();
  for (const m of actor.memberships) {
    if (ACCESS_BY_ROLE[m.role].some((a) => wanted.includes(a))) ids.add(m.institutionId);
  }
  if (wanted.includes('aggregate')) for (const id of actor.aggregateInstitutionIds) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

/** Institutions the actor may see at all: its records or its tallies. */
export const ANY_VIEW = ['read', 'aggregate'] as const satisfies readonly Access[];

export function canAccess(actor: Actor | null | undefined, institutionId: number, access: Access | readonly Access[]): boolean {
  if (!actor) return false;
  const ids = institutionIdsFor(actor, access);
  return ids === 'all' || ids.includes(institutionId);
}

export function assertAccess(actor: Actor | null | undefined, institutionId: number, access: Access): asserts actor is Actor {
  if (!canAccess(actor, institutionId, access)) throw new ForbiddenError();
}

/** Whether the actor runs the site: an administrator or a system operator (mail log, data-interface tokens). */
export function runsSite(actor: Actor | null | undefined): boolean {
  return isAdmin(actor) || hasRole(actor, 'operator');
}

export function assertRunsSite(actor: Actor | null | undefined): asserts actor is Actor {
  if (!runsSite(actor)) throw new ForbiddenError();
}

export function assertAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!isAdmin(actor)) throw new ForbiddenError();
}

/** A WHERE condition limiting `column` (an institution id) to what the actor may access. */
export function institutionFilter(actor: Actor, access: Access | readonly Access[], column: SQLiteColumn): SQL {
  const ids = institutionIdsFor(actor, access);
  if (ids === 'all') return sql`1 = 1`;
  if (ids.length === 0) return sql`1 = 0`;
  return inArray(column, ids);
}

/** Builds the actor for a user from their memberships; null when the user has none and is not known. */
export function loadActor(tx: Tx, userId: string): Actor {
  // Run on every request by the middleware, so built once.
  const rows = preparedQuery(tx, 'loadActor', (handle) =>
    handle
      .select({ institutionId: memberships.institutionId, role: memberships.role, institutionName: institutions.name })
      .from(memberships)
      .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
      .where(eq(memberships.userId, sql.placeholder('userId')))
      .orderBy(institutions.name)
      .prepare(),
  ).all({ userId });
  const publicityRoots = rows.filter((m) => m.role === 'publicity').map((m) => m.institutionId);
  return { userId, memberships: rows, aggregateInstitutionIds: descendantsOf(tx, publicityRoots) };
}

/**
 * The actor an API token acts as: what the publicity office of its institution may count (that institution and
 * everything under it), with no membership, so nothing but aggregates is open to it.
 */
export function tokenActor(tx: Tx, tokenId: number, institutionId: number): Actor {
  return { userId: `api-token:${tokenId}`, memberships: [], aggregateInstitutionIds: descendantsOf(tx, [institutionId]) };
}

/** The given institutions and every institution under them (a bureau's hospitals, and theirs). */
function descendantsOf(tx: Tx, roots: number[]): number[] {
  if (roots.length === 0) return [];
  const all = tx.select({ id: institutions.id, parentId: institutions.parentId }).from(institutions).all();
  return [...descendantIds(all, roots)].sort((a, b) => a - b);
}

/** A WHERE condition: the pairing is in force on `today` ('YYYY-MM-DD', Beijing) and has not been ended by hand. */
export function pairingInForce(today: string): SQL {
  return sql`${pairings.startDate} <= ${today} AND (${pairings.endDate} IS NULL OR ${pairings.endDate} >= ${today}) AND ${pairings.endedAt} IS NULL`;
}

/** A WHERE condition: the pairing is with this household, directly or through its village. */
export function pairingCovers(household: { id: number; villageId: number }): SQL {
  return or(and(eq(pairings.target, 'household'), eq(pairings.householdId, household.id)), and(eq(pairings.target, 'village'), eq(pairings.villageId, household.villageId)))!;
}

/**
 * A WHERE condition limiting household rows to those the actor may see: an administrator all; an
 * institution's coordinators the households it is paired with, directly or through their village, while
 * the pairing is in force on `today` ('YYYY-MM-DD', Beijing). Members and publicity offices see none here.
 */
export function householdFilter(
  actor: Actor,
  columns: { id: SQLiteColumn; villageId: SQLiteColumn },
  today: string,
  { ownInstitutionsOnly = false }: { ownInstitutionsOnly?: boolean } = {},
): SQL {
  // ownInstitutionsOnly narrows an administrator too, to the households their own institutions are paired with
  // (the map shows those, not the whole province's register).
  if (isAdmin(actor) && !ownInstitutionsOnly) return sql`1 = 1`;
  const ids = ownInstitutionsOnly
    ? actor.memberships.filter((m) => m.role === 'admin' || ACCESS_BY_ROLE[m.role].includes('personal')).map((m) => m.institutionId)
    : institutionIdsFor(actor, 'personal');
  if (ids === 'all') return sql`1 = 1`;
  if (ids.length === 0) return sql`1 = 0`;
  // Written as two IN lists driven by the institutions' pairings, so SQLite reads only those pairings and
  // then finds the households by primary key and by village, instead of testing every household.
  const active = sql`${inArray(pairings.institutionId, ids)} AND ${pairingInForce(today)}`;
  return sql`(${columns.id} IN (SELECT ${pairings.householdId} FROM ${pairings} WHERE ${active} AND ${pairings.target} = 'household')
    OR ${columns.villageId} IN (SELECT ${pairings.villageId} FROM ${pairings} WHERE ${active} AND ${pairings.target} = 'village'))`;
}

/**
 * A WHERE condition limiting visit records to those the actor may read in full (readings, checks, notes,
 * photos): every visit its own institutions recorded (also after a pairing has ended) and the visits the actor
 * went on as a visitor; an administrator all. Another institution's visit to a household the actor sees is
 * known as a line only (visitFilter). Publicity offices and other members read none.
 */
export function visitDetailFilter(actor: Actor, columns: { id: SQLiteColumn; institutionId: SQLiteColumn }): SQL {
  const ids = institutionIdsFor(actor, 'personal');
  const recordedByOwn = ids === 'all' ? sql`1 = 1` : ids.length === 0 ? sql`1 = 0` : inArray(columns.institutionId, ids);
  const visitor = sql`${columns.id} IN (SELECT ${visitVisitors.visitId} FROM ${visitVisitors} INNER JOIN ${staff} ON ${staff.id} = ${visitVisitors.staffId} WHERE ${staff.userId} = ${actor.userId})`;
  return sql`(${recordedByOwn} OR ${visitor})`;
}

/**
 * A WHERE condition limiting visit records to those the actor may know of as a line (date, institution,
 * purpose, household): every visit to a household the actor may see (householdFilter), and those it may read
 * in full (visitDetailFilter).
 */
export function visitFilter(
  actor: Actor,
  columns: { id: SQLiteColumn; institutionId: SQLiteColumn; householdId: SQLiteColumn; villageId: SQLiteColumn },
  today: string,
): SQL {
  const household = householdFilter(actor, { id: columns.householdId, villageId: columns.villageId }, today);
  return sql`(${household} OR ${visitDetailFilter(actor, columns)})`;
}
