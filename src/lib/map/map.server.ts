// The map's data as GeoJSON. Villages are open to every signed-in user; households are included only
// where householdFilter lets the actor see them, and only those paired with the actor's own institutions. Each feature says how it stands for the actor's own
// institutions: overdue for a visit, visited this period, paired (no obligation), or not theirs.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, households, pairings, villages } from '#db/schema.ts';
import { isActive, isOverdue, type PairingTiming } from '../pairings/pairings.ts';
import { beijingDate } from '../time/beijing.ts';
import { convertPoint } from '../places/coordinates.ts';
import { type Actor, householdFilter } from '../server/auth/scope.ts';
import { inIds, type Tx } from '../server/db.ts';

import type { MapState } from './map.ts';

export interface MapFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    kind: 'village' | 'household';
    id: number;
    name: string;
    place: string;
    countyId: number;
    state: MapState;
    /** Institutions paired with the village (all of them, not only the actor's), for the institution filter. */
    institutions: number[];
    poorHouseholds?: number | null;
    population?: number | null;
  };
}

const township = alias(areas, 'township');
const county = alias(areas, 'county');

/** How a set of pairings stands for the actor's institutions: the worst of them wins. */
function stateOf(own: PairingTiming[], now: number): MapState {
  const active = own.filter((p) => isActive(p, now));
  if (active.length === 0) return 'other';
  if (active.some((p) => isOverdue(p, now))) return 'overdue';
  return active.some((p) => p.obligation !== 'none') ? 'visited' : 'paired';
}

/** Turns a stored WGS-84 location into GeoJSON coordinates ([lng, lat]) in the tiles' system. */
export function displayPoint(crs: 'WGS84' | 'GCJ02') {
  return (lat: number, lng: number): [number, number] => {
    const shown = crs === 'WGS84' ? { lat, lng } : convertPoint({ lat, lng }, 'WGS84', crs);
    return [shown.lng, shown.lat];
  };
}

export function mapFeatures(
  tx: Tx,
  { actor, crs = 'WGS84', cityId = null }: { actor: Actor; crs?: 'WGS84' | 'GCJ02'; cityId?: number | null },
  now = Date.now(),
) {
  const cityFilter = cityId ? eq(county.parentId, cityId) : undefined;
  const mine = new Set(actor.memberships.map((m) => m.institutionId));
  const today = beijingDate(now);
  const point = displayPoint(crs);

  // The bulk reads are written as SQL rather than through the query builder: a province's ten thousand villages
  // and their pairings, and the builder's mapping of each row field by field cost more than reading them.
  const placeJoins = sql`INNER JOIN ${areas} AS township ON ${township.id} = ${villages.townshipId} INNER JOIN ${areas} AS county ON ${county.id} = ${township.parentId}`;
  const villageRows = tx.all<{ id: number; name: string; lat: number; lng: number; poorHouseholds: number | null; population: number | null; township: string; county: string; countyId: number }>(sql`
    SELECT ${villages.id} AS id, ${villages.name} AS name, ${villages.lat} AS lat, ${villages.lng} AS lng, ${villages.poorHouseholds} AS "poorHouseholds",
      ${villages.population} AS population, ${township.name} AS township, ${county.name} AS county, ${county.id} AS "countyId"
    FROM ${villages} ${placeJoins}
    WHERE ${and(isNotNull(villages.lat), isNotNull(villages.lng), cityFilter)}`);
  const pairingTerms = sql`${pairings.institutionId} AS "institutionId", ${pairings.obligation} AS obligation, ${pairings.startDate} AS "startDate",
    ${pairings.endDate} AS "endDate", ${pairings.endedAt} AS "endedAt", ${pairings.lastVisitedAt} AS "lastVisitedAt"`;
  type PairingRow = PairingTiming & { institutionId: number };
  const villagePairings = tx.all<PairingRow & { villageId: number }>(sql`SELECT ${pairings.villageId} AS "villageId", ${pairingTerms} FROM ${pairings} WHERE ${pairings.villageId} IS NOT NULL`);
  const byVillage = Map.groupBy(villagePairings, (p) => p.villageId);

  const features: MapFeature[] = villageRows.map((v) => {
    const paired = (byVillage.get(v.id) ?? []).filter((p) => isActive(p, now));
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: point(v.lat, v.lng) },
      properties: {
        kind: 'village',
        id: v.id,
        name: v.name,
        place: `${v.county} ${v.township}`,
        countyId: v.countyId,
        state: stateOf(paired.filter((p) => mine.has(p.institutionId)), now),
        institutions: [...new Set(paired.map((p) => p.institutionId))],
        poorHouseholds: v.poorHouseholds,
        population: v.population,
      },
    };
  });

  const householdRows = tx.all<{ id: number; name: string; lat: number; lng: number; villageId: number; village: string; countyId: number }>(sql`
    SELECT ${households.id} AS id, ${households.headName} AS name, ${households.lat} AS lat, ${households.lng} AS lng, ${households.villageId} AS "villageId",
      ${villages.name} AS village, ${county.id} AS "countyId"
    FROM ${households} INNER JOIN ${villages} ON ${villages.id} = ${households.villageId} ${placeJoins}
    WHERE ${and(isNotNull(households.lat), isNotNull(households.lng), householdFilter(actor, { id: households.id, villageId: households.villageId }, today, { ownInstitutionsOnly: true }), cityFilter)}`);
  if (householdRows.length > 0) {
    const householdPairings = tx.all<PairingRow & { householdId: number }>(sql`SELECT ${pairings.householdId} AS "householdId", ${pairingTerms} FROM ${pairings}
      WHERE ${pairings.target} = 'household' AND ${inIds(pairings.householdId, householdRows.map((h) => h.id))}`);
    const byHousehold = Map.groupBy(householdPairings, (p) => p.householdId);
    for (const h of householdRows) {
      const own = [...(byHousehold.get(h.id) ?? []), ...(byVillage.get(h.villageId) ?? [])].filter((p) => mine.has(p.institutionId));
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: point(h.lat, h.lng) },
        properties: { kind: 'household', id: h.id, name: h.name, place: h.village, countyId: h.countyId, state: stateOf(own, now), institutions: [...new Set(own.map((p) => p.institutionId))] },
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
