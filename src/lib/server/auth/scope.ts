// The one place that decides which institutions' data a user may touch, and how.
// Every query that reads or writes institution data filters with `institutionFilter` or checks with
// `assertAccess`; nothing else compares roles. docs/decisions/0004-roles-and-scoping.md explains the matrix.
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { areas, contracts, households, institutions, memberships, pairings, postings, ROLES, type Role, staff, teamMembers, teams, visitVisitors } from '#db/schema.ts';
import { areaTreeVersionNow } from '../../places/area-tree.server.ts';
import { inIds, perDatabase, type Tx } from '../db.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * What a piece of data demands:
 * - aggregate: counts and tallies, no names (publicity may read these);
 * - read: the institution's own non-personal records (its events, its details);
 * - personal: names, contacts, households, health data;
 * - manage: changing the institution's data and members.
 */
export type Access = 'aggregate' | 'read' | 'personal' | 'manage';

export const ACCESS_BY_ROLE: Record<Role, readonly Access[]> = {
  // A bureau's administrators also hold all four on every institution placed in the bureau's area (loadActor).
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
  /** Institutions whose aggregates a publicity office may read: its bureau and those placed in its area. */
  aggregateInstitutionIds: number[];
  /**
   * What the actor administers as a bureau's administrator: the areas of its bureaus with every area under them,
   * and the institutions placed there (the bureaus themselves included).
   */
  administered: { areaIds: number[]; institutionIds: number[] };
}

/** Whether the actor administers a bureau's area. */
export function isAdmin(actor: Actor | null | undefined): boolean {
  return !!actor?.memberships.some((m) => m.role === 'admin');
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor?.memberships.some((m) => m.role === role);
}

const idsForActor = new WeakMap<Actor, Map<string, readonly number[]>>();

/**
 * Institutions the actor may access in this way (or in any of these ways). A bureau's reaches thousands of
 * institutions and a page asks several times, so each answer is kept with the actor (built once per request).
 */
export function institutionIdsFor(actor: Actor, access: Access | readonly Access[]): readonly number[] {
  const wanted: readonly Access[] = typeof access === 'string' ? [access] : access;
  let kept = idsForActor.get(actor);
  if (!kept) idsForActor.set(actor, (kept = new Map()));
  const key = wanted.join();
  const found = kept.get(key);
  if (found) return found;
  const ids = new Set<number>(actor.administered.institutionIds);
  for (const m of actor.memberships) {
    if (ACCESS_BY_ROLE[m.role].some((a) => wanted.includes(a))) ids.add(m.institutionId);
  }
  if (wanted.includes('aggregate')) for (const id of actor.aggregateInstitutionIds) ids.add(id);
  const sorted = Object.freeze([...ids].sort((a, b) => a - b));
  kept.set(key, sorted);
  return sorted;
}

/**
 * Institutions whose personal data the actor holds through its own role there (a coordinator's institution, an
 * administrator's bureau), leaving out what an administrator reaches through the institutions of its area. The
 * full ID number, and changing a household, are for these (decision 4).
 */
export function ownPersonalInstitutionIds(actor: Actor): number[] {
  return actor.memberships.filter((m) => ACCESS_BY_ROLE[m.role].includes('personal')).map((m) => m.institutionId);
}

/**
 * Institutions the actor runs through its own role there (a coordinator's hospital, an administrator's bureau),
 * leaving out those an administrator reaches through its area: whose work its home page lists.
 */
export function ownManagedInstitutionIds(actor: Actor): number[] {
  return actor.memberships.filter((m) => ACCESS_BY_ROLE[m.role].includes('manage')).map((m) => m.institutionId);
}

/** Institutions the actor may see at all: its records or its tallies. */
export const ANY_VIEW = ['read', 'aggregate'] as const satisfies readonly Access[];

export function canAccess(actor: Actor | null | undefined, institutionId: number, access: Access | readonly Access[]): boolean {
  return !!actor && institutionIdsFor(actor, access).includes(institutionId);
}

export function assertAccess(actor: Actor | null | undefined, institutionId: number, access: Access): asserts actor is Actor {
  if (!canAccess(actor, institutionId, access)) throw new ForbiddenError();
}

/**
 * Whether the actor runs the site as its system operator: the mail log, data-interface tokens, and the shape of
 * every area (areas, villages, institutions, and who administers them), never any institution's data.
 */
export function runsSite(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'operator');
}

export function assertRunsSite(actor: Actor | null | undefined): asserts actor is Actor {
  if (!runsSite(actor)) throw new ForbiddenError();
}

/** Refuses anyone but a bureau's administrator. */
export function assertAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!isAdmin(actor)) throw new ForbiddenError();
}

/**
 * Whether the actor shapes this area (adds villages, areas and institutions in it): the system operator
 * anywhere, a bureau's administrators within the bureau's area. An unplaced thing (null) only the operator.
 */
export function administersArea(actor: Actor | null | undefined, areaId: number | null): boolean {
  if (runsSite(actor)) return true;
  return areaId !== null && !!actor?.administered.areaIds.includes(areaId);
}

export function assertAdministersArea(actor: Actor | null | undefined, areaId: number | null): asserts actor is Actor {
  if (!administersArea(actor, areaId)) throw new ForbiddenError();
}

/**
 * Whether the actor shapes this institution (its kind, place and bureau, and who administers it): the system
 * operator, or an administrator of the area it is placed in.
 */
export function administersInstitution(actor: Actor | null | undefined, institutionId: number): boolean {
  return runsSite(actor) || !!actor?.administered.institutionIds.includes(institutionId);
}

/** Whether the actor shapes anything: the system operator, or a bureau's administrator. */
export function administersAnyArea(actor: Actor | null | undefined): boolean {
  return runsSite(actor) || isAdmin(actor);
}

export function assertAdministersAnyArea(actor: Actor | null | undefined): asserts actor is Actor {
  if (!administersAnyArea(actor)) throw new ForbiddenError();
}

/**
 * The roles the actor may give in this institution (decision 4): the system operator makes bureaus'
 * administrators and other operators anywhere; a bureau's administrators give every other role in the
 * institutions of their area; an institution's coordinators give member and coordinator. Administrators are
 * made only in health bureaus, since the role opens the bureau's whole area.
 */
export function grantableRoles(actor: Actor, institution: { id: number; kind: string }): Role[] {
  const roles = new Set<Role>();
  if (runsSite(actor)) roles.add('admin').add('operator');
  if (actor.administered.institutionIds.includes(institution.id)) for (const role of ['admin', 'coordinator', 'member', 'publicity'] as const) roles.add(role);
  if (canAccess(actor, institution.id, 'manage')) roles.add('member').add('coordinator');
  return ROLES.filter((role) => roles.has(role) && mayHoldRole(institution, role));
}

/** Whether a role may be held in an institution at all: an administrator's only in a health bureau. */
export function mayHoldRole(institution: { kind: string }, role: Role): boolean {
  return role !== 'admin' || institution.kind === 'bureau';
}

/** The institutions whose coordinators the actor is: a health bureau's assign the pairings of its area. */
export function coordinatedInstitutionIds(actor: Actor): number[] {
  return actor.memberships.filter((m) => m.role === 'coordinator').map((m) => m.institutionId);
}

/**
 * The institution a tally the actor publishes is published for: its publicity office, else the first
 * institution whose tallies it counts through its own role; null for none.
 */
export function publishingInstitutionId(actor: Actor): number | null {
  const membership = actor.memberships.find((m) => m.role === 'publicity') ?? actor.memberships.find((m) => ACCESS_BY_ROLE[m.role].includes('aggregate'));
  return membership?.institutionId ?? null;
}

/** A WHERE condition limiting `column` (an institution id) to what the actor may access. */
export function institutionFilter(actor: Actor, access: Access | readonly Access[], column: SQLiteColumn): SQL {
  const ids = institutionIdsFor(actor, access);
  return inIds(column, ids);
}

/** Builds the actor for a user from their memberships; null when the user has none and is not known. */
export function loadActor(tx: Tx, userId: string): Actor {
  // Run on every request by the middleware, so built once.
  const rows = perDatabase(tx, 'loadActor', (handle) =>
    handle
      .select({ institutionId: memberships.institutionId, role: memberships.role, institutionName: institutions.name })
      .from(memberships)
      .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
      .where(eq(memberships.userId, sql.placeholder('userId')))
      .orderBy(institutions.name)
      .prepare(),
  ).all({ userId });
  const bureaus = (role: Role) => rows.filter((m) => m.role === role).map((m) => m.institutionId);
  return { userId, memberships: rows, aggregateInstitutionIds: inAreasOf(tx, bureaus('publicity')).institutionIds, administered: inAreasOf(tx, bureaus('admin')) };
}

/**
 * The actor an API token acts as: what the publicity office of its institution may count (that institution and
 * everything under it), with no membership, so nothing but aggregates is open to it.
 */
export function tokenActor(tx: Tx, tokenId: number, institutionId: number): Actor {
  return { userId: `api-token:${tokenId}`, memberships: [], aggregateInstitutionIds: inAreasOf(tx, [institutionId]).institutionIds, administered: NOTHING };
}

const NOTHING: Actor['administered'] = { areaIds: [], institutionIds: [] };

/**
 * A bureau's reach: the areas its bureaus sit in with every area under them, and the institutions placed in
 * those areas, the bureaus themselves included. Every request of a bureau's people needs it, and at a
 * province's scale it takes milliseconds, so it is kept per database and worked out again once the area tree
 * has changed (area-tree.server.ts).
 */
function inAreasOf(tx: Tx, bureauIds: number[]): Actor['administered'] {
  if (bureauIds.length === 0) return NOTHING;
  const kept = perDatabase(tx, 'reachOfBureaus', () => new Map<string, { version: number; reach: Actor['administered'] }>());
  const key = bureauIds.join(',');
  const version = areaTreeVersionNow(tx);
  const found = kept.get(key);
  if (found?.version === version) return found.reach;
  const reach = reachOf(tx, bureauIds);
  kept.set(key, { version, reach });
  return reach;
}

/** A bureau's reach worked out from the tree: one recursive query, portable to PostgreSQL. */
function reachOf(tx: Tx, bureauIds: number[]): Actor['administered'] {
  const areaIds = tx
    .all<{ id: number }>(
      sql`WITH RECURSIVE reach(id) AS (
        SELECT ${institutions.areaId} FROM ${institutions} WHERE ${inArray(institutions.id, bureauIds)} AND ${institutions.areaId} IS NOT NULL
        UNION SELECT ${areas.id} FROM ${areas} INNER JOIN reach ON ${areas.parentId} = reach.id)
      SELECT id FROM reach ORDER BY id`,
    )
    .map((row) => row.id);
  const placed = areaIds.length === 0 ? [] : tx.select({ id: institutions.id }).from(institutions).where(inArray(institutions.areaId, areaIds)).all().map((row) => row.id);
  return { areaIds, institutionIds: [...new Set([...bureauIds, ...placed])].sort((a, b) => a - b) };
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
 * A WHERE condition limiting household rows to those the actor may see: the households its institutions
 * (an institution's coordinators; a bureau's administrators, every institution of its area) are paired with,
 * directly or through their village, while the pairing is in force on `today` ('YYYY-MM-DD', Beijing).
 * Members, publicity offices and the system operator see none here.
 */
export function householdFilter(
  actor: Actor,
  columns: { id: SQLiteColumn; villageId: SQLiteColumn },
  today: string,
  { ownInstitutionsOnly = false }: { ownInstitutionsOnly?: boolean } = {},
): SQL {
  // ownInstitutionsOnly leaves out what an administrator sees through the institutions of its area, keeping the
  // households its own institutions are paired with (the map shows those, not the whole area's register).
  const ids = ownInstitutionsOnly ? ownPersonalInstitutionIds(actor) : institutionIdsFor(actor, 'personal');
  // Those the actor goes to in person (decision 19).
  const atTheDoor = sql`${columns.id} IN (SELECT household_id FROM (${doorHouseholds(actor, today)}) AS door)`;
  if (ids.length === 0) return sql`(${atTheDoor})`;
  // Written as two IN lists driven by the institutions' pairings, so SQLite reads only those pairings and
  // then finds the households by primary key and by village, instead of testing every household.
  const active = sql`${inIds(pairings.institutionId, ids)} AND ${pairingInForce(today)}`;
  return sql`(${columns.id} IN (SELECT ${pairings.householdId} FROM ${pairings} WHERE ${active} AND ${pairings.target} = 'household')
    OR ${columns.villageId} IN (SELECT ${pairings.villageId} FROM ${pairings} WHERE ${active} AND ${pairings.target} = 'village')
    OR ${atTheDoor})`;
}

/** The actor's own staff records (those linked to its account), as a subquery of their ids. */
export function ownStaffRecords(actor: Actor): SQL {
  return sql`(SELECT ${staff.id} FROM ${staff} WHERE ${staff.userId} = ${actor.userId})`;
}

/** A WHERE condition on `team_members`: the member is the actor, through its account or one of its staff records. */
export function memberIsActor(actor: Actor): SQL {
  return sql`(${teamMembers.userId} = ${actor.userId} OR ${teamMembers.staffId} IN ${ownStaffRecords(actor)})`;
}

/**
 * The visitor's right (decision 19): the households the actor goes to in person on `today` ('YYYY-MM-DD',
 * Beijing), as rows of (household_id, institution_id: the one its visits are recorded under). Through its
 * account, or a staff record linked to it, the actor is in the family doctor team under contract with the
 * household, or is the named responsible person (包保责任人) of a pairing in force with the household or its
 * village, or lives in its village on a posting (驻村). Such a person opens those households' files and records
 * their visits, and nothing else of the institution's personal data.
 */
export function doorHouseholds(actor: Actor, today: string): SQL {
  const own = ownStaffRecords(actor);
  const responsibleFor = sql`${pairings.responsibleStaffId} IN ${own} AND ${pairingInForce(today)}`;
  return sql`SELECT ${contracts.householdId} AS household_id, ${teams.institutionId} AS institution_id
    FROM ${teamMembers} INNER JOIN ${contracts} ON ${contracts.teamId} = ${teamMembers.teamId} INNER JOIN ${teams} ON ${teams.id} = ${teamMembers.teamId}
    WHERE ${memberIsActor(actor)} AND ${memberOn(today)} AND ${contractInForceOn(today)}
    UNION SELECT ${pairings.householdId}, ${pairings.institutionId} FROM ${pairings} WHERE ${responsibleFor} AND ${pairings.target} = 'household'
    UNION SELECT ${households.id}, ${pairings.institutionId} FROM ${pairings} INNER JOIN ${households} ON ${households.villageId} = ${pairings.villageId}
      WHERE ${responsibleFor} AND ${pairings.target} = 'village'
    UNION SELECT ${households.id}, ${postings.institutionId} FROM ${postings} INNER JOIN ${households} ON ${households.villageId} = ${postings.villageId}
      WHERE ${postings.staffId} IN ${own} AND ${postings.kind} = 'village' AND ${postingOn(today)}`;
}

/** A WHERE condition: the posting is under way on `today`, its last day included. */
export function postingOn(today: string): SQL {
  return sql`${postings.fromDate} <= ${today} AND (${postings.toDate} IS NULL OR ${postings.toDate} >= ${today})`;
}

/** A WHERE condition: the team member is in the team on `today`. */
export function memberOn(today: string): SQL {
  return sql`${teamMembers.joinedOn} <= ${today} AND (${teamMembers.leftOn} IS NULL OR ${teamMembers.leftOn} > ${today})`;
}

/** A WHERE condition: the contract is in force on `today`: signed, within its term, not ended. */
export function contractInForceOn(today: string): SQL {
  return sql`${contracts.signedOn} <= ${today} AND ${contracts.endsOn} >= ${today} AND (${contracts.endedOn} IS NULL OR ${contracts.endedOn} > ${today})`;
}

/**
 * A WHERE condition limiting visit records to those the actor may read in full (readings, checks, notes,
 * photos): every visit its own institutions recorded (also after a pairing has ended) and the visits the actor
 * went on as a visitor. Another institution's visit to a household the actor sees is
 * known as a line only (visitFilter). Publicity offices and other members read none.
 */
export function visitDetailFilter(actor: Actor, columns: { id: SQLiteColumn; institutionId: SQLiteColumn }): SQL {
  const recordedByOwn = institutionFilter(actor, 'personal', columns.institutionId);
  const visitor = sql`${columns.id} IN (SELECT ${visitVisitors.visitId} FROM ${visitVisitors} WHERE ${visitVisitors.staffId} IN ${ownStaffRecords(actor)})`;
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
