// The map's data as GeoJSON. Villages are open to every signed-in user; households are included only
// where householdFilter lets the actor see them, and only those paired with the actor's own institutions. Each feature says how it stands for the actor's own
// institutions: overdue for a visit, visited this period, paired (no obligation), or not theirs.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, households, pairings, villages } from '#db/schema.ts';
import { isActive, isOverdue, type PairingTiming } from '../pairings/pairings.ts';
import { beijingDate } from '../time/beijing.ts';
import { convertPoint } from '../places/coordinates.ts';
import { type Actor, householdFilter } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';

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

  const villageRows = tx
    .select({ id: villages.id, name: villages.name, lat: villages.lat, lng: villages.lng, poorHouseholds: villages.poorHouseholds, population: villages.population, township: township.name, county: county.name, countyId: county.id })
    .from(villages)
    .innerJoin(township, eq(township.id, villages.townshipId))
    .innerJoin(county, eq(county.id, township.parentId))
    .where(and(isNotNull(villages.lat), isNotNull(villages.lng), cityFilter))
    .all();
  const villagePairings = tx
    .select({ villageId: pairings.villageId, institutionId: pairings.institutionId, obligation: pairings.obligation, startDate: pairings.startDate, endDate: pairings.endDate, endedAt: pairings.endedAt, lastVisitedAt: pairings.lastVisitedAt })
    .from(pairings)
    .where(isNotNull(pairings.villageId))
    .all();
  const byVillage = Map.groupBy(villagePairings, (p) => p.villageId!);

  const features: MapFeature[] = villageRows.map((v) => {
    const paired = (byVillage.get(v.id) ?? []).filter((p) => isActive(p, now));
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: point(v.lat!, v.lng!) },
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

  const householdRows = tx
    .select({ id: households.id, name: households.headName, lat: households.lat, lng: households.lng, villageId: households.villageId, village: villages.name, countyId: county.id })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .innerJoin(township, eq(township.id, villages.townshipId))
    .innerJoin(county, eq(county.id, township.parentId))
    .where(and(isNotNull(households.lat), isNotNull(households.lng), householdFilter(actor, { id: households.id, villageId: households.villageId }, today, { ownInstitutionsOnly: true }), cityFilter))
    .all();
  if (householdRows.length > 0) {
    const householdPairings = tx
      .select({ householdId: pairings.householdId, institutionId: pairings.institutionId, obligation: pairings.obligation, startDate: pairings.startDate, endDate: pairings.endDate, endedAt: pairings.endedAt, lastVisitedAt: pairings.lastVisitedAt })
      .from(pairings)
      .where(and(eq(pairings.target, 'household'), inArray(pairings.householdId, householdRows.map((h) => h.id))))
      .all();
    const byHousehold = Map.groupBy(householdPairings, (p) => p.householdId!);
    for (const h of householdRows) {
      const own = [...(byHousehold.get(h.id) ?? []), ...(byVillage.get(h.villageId) ?? [])].filter((p) => mine.has(p.institutionId));
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: point(h.lat!, h.lng!) },
        properties: { kind: 'household', id: h.id, name: h.name, place: h.village, countyId: h.countyId, state: stateOf(own, now), institutions: [...new Set(own.map((p) => p.institutionId))] },
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
