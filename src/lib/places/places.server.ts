// Areas and villages. Village figures are open to every signed-in user; contacts of village doctors and
// first secretaries are personal data and are left out for publicity offices.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { AREA_LEVELS, type AreaLevel, areas, villages } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, administersArea, assertAdministersAnyArea, assertAdministersArea, institutionIdsFor, runsSite } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import type { Page } from '../lists/paging.ts';
import { storedLocation, type VillageInput, type VillageListQuery } from './places.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';

/** Finds an area by its parent and name, creating it if it is new. */
function ensureArea(tx: Tx, parentId: number | null, level: AreaLevel, name: string, now: number): number {
  return findArea(tx, parentId, name) ?? tx.insert(areas).values({ parentId, level, name, createdAt: now }).returning({ id: areas.id }).get().id;
}

/** The area of this name under this parent (a province: no parent), if there is one. */
function findArea(tx: Tx, parentId: number | null, name: string): number | null {
  return (
    tx
      .select({ id: areas.id })
      .from(areas)
      .where(and(parentId === null ? isNull(areas.parentId) : eq(areas.parentId, parentId), eq(areas.name, name)))
      .get()?.id ?? null
  );
}

/** The area at the end of a path of names from the province down (one to four of them), made where missing. */
export function ensureAreaPath(tx: Tx, names: string[], now = Date.now()): number {
  if (names.length === 0 || names.length > AREA_LEVELS.length) throw new Error(`an area path has one to four names: ${names.join(' › ')}`);
  let parent: number | null = null;
  for (const [depth, name] of names.entries()) parent = ensureArea(tx, parent, AREA_LEVELS[depth], name, now);
  return parent!;
}

/** The township at the end of a province › city › county › township path, made where missing. */
export function ensureTownship(tx: Tx, path: { province: string; city: string; county: string; township: string }, now = Date.now()): number {
  return ensureAreaPath(tx, [path.province, path.city, path.county, path.township], now);
}

/**
 * Provinces, cities and counties for a select box, each labelled with the areas above it (吉林省 长春市 农安县),
 * in that order: where an institution sits. Given `shapedBy`, only the areas that actor shapes.
 */
export function areaChoices(tx: Tx, { shapedBy }: { shapedBy?: Actor } = {}): { value: number; label: string }[] {
  const rows = tx.select({ id: areas.id, parentId: areas.parentId, name: areas.name }).from(areas).where(inArray(areas.level, ['province', 'city', 'county'])).all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const path = (id: number | null): string[] => {
    const row = id === null ? undefined : byId.get(id);
    return row ? [...path(row.parentId), row.name] : [];
  };
  return rows
    .filter((row) => !shapedBy || administersArea(shapedBy, row.id))
    .map((row) => ({ value: row.id, label: path(row.id).join(' ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** Whether the actor may see the names and phones of village contacts. */
export function mayReadContacts(actor: Actor): boolean {
  return institutionIdsFor(actor, 'read').length > 0;
}

const township = alias(areas, 'township');
const county = alias(areas, 'county');
const city = alias(areas, 'city');

const villageColumns = {
  id: villages.id,
  name: villages.name,
  status: villages.status,
  liftedYear: villages.liftedYear,
  population: villages.population,
  poorHouseholds: villages.poorHouseholds,
  lat: villages.lat,
  lng: villages.lng,
  enteredIn: villages.enteredIn,
  townshipId: township.id,
  township: township.name,
  countyId: county.id,
  county: county.name,
  povertyCounty: county.povertyCounty,
  city: city.name,
};

function villagesWithAreas(tx: Tx) {
  return tx
    .select(villageColumns)
    .from(villages)
    .innerJoin(township, eq(township.id, villages.townshipId))
    .innerJoin(county, eq(county.id, township.parentId))
    .innerJoin(city, eq(city.id, county.parentId))
    .$dynamic();
}

/**
 * The villages (every one is open to every reader: no personal data), narrowed by the list's query — words in
 * the village's or township's name, the county, the status — by county, township and name; a page at a time,
 * or every row for a download (`page` null).
 */
export function listVillages(tx: Tx, { query, page }: { actor: Actor; query: Partial<VillageListQuery>; page: PageAsked }): Page<ReturnType<typeof villagesWithAreas>['_']['result'][number]> {
  const where = and(
    query.county ? eq(county.id, query.county) : undefined,
    query.status ? eq(villages.status, query.status) : undefined,
    query.q ? or(contains(villages.name, query.q), contains(township.name, query.q)) : undefined,
  );
  const total = tx.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${villagesWithAreas(tx).where(where)}) AS listed`)!.n;
  const window = listWindow(page, total);
  const rows = villagesWithAreas(tx)
    .where(where)
    .orderBy(asc(county.name), asc(township.name), asc(villages.name), asc(villages.id))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  return { rows, page: window.page, total };
}

export function getVillage(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }) {
  const row = villagesWithAreas(tx).where(eq(villages.id, villageId)).get();
  if (!row) throw new NotFoundError();
  const contacts = mayReadContacts(actor)
    ? tx
        .select({ doctorName: villages.doctorName, doctorPhone: villages.doctorPhone, secretaryName: villages.secretaryName, secretaryPhone: villages.secretaryPhone })
        .from(villages)
        .where(eq(villages.id, villageId))
        .get()!
    : null;
  return { ...row, contacts };
}

/** Areas of one level (counties, townships…) by name, for filters and select boxes. */
export function listAreas(tx: Tx, level: AreaLevel) {
  return tx.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.level, level)).orderBy(asc(areas.name)).all();
}

/** Townships for a select box, labelled with their county: where an event at an address is held. */
export function townshipChoices(tx: Tx) {
  return tx
    .select({ value: township.id, label: sql<string>`${county.name} || ' ' || ${township.name}` })
    .from(township)
    .innerJoin(county, eq(county.id, township.parentId))
    .where(eq(township.level, 'township'))
    .orderBy(asc(county.name), asc(township.name))
    .all();
}

/** How far from a map point a village may lie and still place it in the village's township: about 5 km. */
const NEAR_DEGREES = 0.05;

/**
 * The township of the village nearest a map point (WGS-84), within about 5 km; null when no located village is
 * that near. Without township boundaries this is the best guess a point allows, and the form lets it be chosen.
 */
export function townshipNear(tx: Tx, lat: number, lng: number): number | null {
  // Degrees of longitude shrink with latitude; the box and the distance both allow for it.
  const stretch = Math.cos((lat * Math.PI) / 180);
  const lngSpan = NEAR_DEGREES / Math.max(stretch, 0.1);
  return (
    tx
      .select({ townshipId: villages.townshipId })
      .from(villages)
      .where(and(sql`${villages.lat} BETWEEN ${lat - NEAR_DEGREES} AND ${lat + NEAR_DEGREES}`, sql`${villages.lng} BETWEEN ${lng - lngSpan} AND ${lng + lngSpan}`))
      .orderBy(sql`(${villages.lat} - ${lat}) * (${villages.lat} - ${lat}) + (${villages.lng} - ${lng}) * (${villages.lng} - ${lng}) * ${stretch * stretch}`)
      .get()?.townshipId ?? null
  );
}

/** Villages for a select box, labelled with their township. */
export function villageChoices(tx: Tx) {
  return villagesWithAreas(tx)
    .orderBy(asc(county.name), asc(township.name), asc(villages.name))
    .all()
    .map((v) => ({ value: v.id, label: `${v.county} ${v.township} ${v.name}` }));
}

/**
 * Whether the actor shapes the place at the end of a path of names from the province down: the system operator
 * anywhere; a bureau's administrator when the path passes through an area it administers that already exists,
 * so no one makes areas outside their own.
 */
function shapesPlace(tx: Tx, actor: Actor, names: string[]): boolean {
  if (runsSite(actor)) return true;
  let parent: number | null = null;
  for (const name of names) {
    const found = findArea(tx, parent, name);
    if (found === null) return false;
    if (administersArea(actor, found)) return true;
    parent = found;
  }
  return false;
}

/** Adds a village, or (same township and name) reports it as a duplicate: in an area the actor shapes. */
export function createVillage(db: Db, { actor, input }: { actor: Actor; input: VillageInput }, now = Date.now()) {
  assertAdministersAnyArea(actor);
  return db.transaction((tx) => saveVillage(tx, actor, input, now, 'refuse'));
}

/** A village as its correction form shows it: every field, with the names of the areas above it. For whoever shapes it. */
export function villageToCorrect(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }) {
  const province = alias(areas, 'province');
  const row = tx
    .select({ village: villages, township: township.name, county: county.name, povertyCounty: county.povertyCounty, city: city.name, province: province.name })
    .from(villages)
    .innerJoin(township, eq(township.id, villages.townshipId))
    .innerJoin(county, eq(county.id, township.parentId))
    .innerJoin(city, eq(city.id, county.parentId))
    .innerJoin(province, eq(province.id, city.parentId))
    .where(eq(villages.id, villageId))
    .get();
  if (!row) throw new NotFoundError();
  assertAdministersArea(actor, row.village.townshipId);
  return { ...row.village, township: row.township, county: row.county, city: row.city, province: row.province, povertyCounty: row.povertyCounty };
}

/**
 * Corrects a village: its place in the area tree, name, status, lifted year, population, poor households,
 * village doctor, first secretary and location. For whoever shapes its area, and only within it; a name already
 * used in the township is refused.
 */
export function updateVillage(db: Db, { actor, villageId, input }: { actor: Actor; villageId: number; input: VillageInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const before = tx.select().from(villages).where(eq(villages.id, villageId)).get();
    if (!before) throw new NotFoundError();
    assertAdministersArea(actor, before.townshipId);
    const { townshipId, values } = villageValues(tx, actor, input, now);
    const clash = tx.select({ id: villages.id }).from(villages).where(and(eq(villages.townshipId, townshipId), eq(villages.name, input.name))).get();
    if (clash && clash.id !== villageId) throw new DomainError('place.villageExists', 'name', 409);
    const changed = recordChange(tx, { actorId: actor.userId, entity: 'village', entityId: villageId, before, after: values }, now);
    if (changed.length) tx.update(villages).set(values).where(eq(villages.id, villageId)).run();
    return { changed };
  });
}

/**
 * A village's columns from its form, the township made where missing and the county marked poor when ticked;
 * refused when the place lies outside what the actor shapes.
 */
function villageValues(tx: Tx, actor: Actor, input: VillageInput, now: number) {
  const { province, city: cityName, county: countyName, township: townshipName, povertyCounty, lat, lng, enteredIn, ...fields } = input;
  if (!shapesPlace(tx, actor, [province, cityName, countyName, townshipName])) throw new DomainError('place.outsideArea', 'county', 403);
  const townshipId = ensureTownship(tx, { province, city: cityName, county: countyName, township: townshipName }, now);
  if (povertyCounty) {
    const countyId = tx.select({ parentId: areas.parentId }).from(areas).where(eq(areas.id, townshipId)).get()!.parentId!;
    tx.update(areas).set({ povertyCounty: true }).where(eq(areas.id, countyId)).run();
  }
  return { townshipId, values: { ...fields, townshipId, ...storedLocation({ lat, lng, enteredIn }) } };
}

/**
 * Writes a village inside an open transaction: `onDuplicate` decides whether an existing village with the
 * same township and name is refused or left as it is (an import run again).
 */
export function saveVillage(tx: Tx, actor: Actor, input: VillageInput, now: number, onDuplicate: 'refuse' | 'keep') {
  const { townshipId, values } = villageValues(tx, actor, input, now);
  const existing = tx.select().from(villages).where(and(eq(villages.townshipId, townshipId), eq(villages.name, input.name))).get();
  if (existing) {
    if (onDuplicate === 'refuse') throw new DomainError('place.villageExists', 'name', 409);
    return { id: existing.id, created: false };
  }
  const created = tx.insert(villages).values({ ...values, createdAt: now }).returning().get();
  recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'village', entityId: created.id, after: created }, now);
  return { id: created.id, created: true };
}

export function countVillages(tx: Tx): number {
  return tx.select({ n: sql<number>`count(*)` }).from(villages).get()?.n ?? 0;
}
