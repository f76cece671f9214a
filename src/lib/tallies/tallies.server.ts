// The tally queries. Every figure is an aggregate over the institutions the actor may count (scope.ts,
// 'aggregate' access): a publicity office its bureau and everything under it, a coordinator their own
// institution, an administrator all. No query here returns a name. docs/tallies.md states the rules.
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  areas,
  campaignParticipants,
  campaigns,
  donations,
  eventCoorganisers,
  eventRoles,
  events,
  households,
  institutions,
  items,
  MEDICAL_PROFESSIONS,
  purchases,
  shifts,
  signups,
  staff,
  stockEntries,
  vehicles,
  dispatches,
  visitReadings,
  visits,
  villages,
} from '../../../db/schema.ts';
import { beijingDate } from '../pairings/pairings.ts';
import { type Actor, institutionIdsFor, visitFilter } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';
import { ForbiddenError, NotFoundError } from '../server/errors.ts';
import { descendantIds } from '../server/tree.ts';
import { type Figures, headline, pressSummary, summaryScope, type TallyFilters } from './tallies.ts';

const BEIJING = '+08:00';

/** What a tally covers once its filters are resolved: institutions, dates, townships, campaign. */
export interface TallyScope {
  institutionIds: number[] | 'all';
  from: string | null;
  to: string | null;
  townshipIds: number[] | null;
  campaign: { id: number; startDate: string; endDate: string; participantIds: number[] } | null;
  area: { id: number; name: string; level: string } | null;
}

/** Resolves the filters against what the actor may count; refuses an institution outside it. */
export function tallyScope(tx: Tx, actor: Actor, filters: TallyFilters): TallyScope {
  const allowed = institutionIdsFor(actor, 'aggregate');
  if (allowed !== 'all' && allowed.length === 0) throw new ForbiddenError();
  let institutionIds: number[] | 'all' = allowed;
  if (filters.institution !== null) {
    if (allowed !== 'all' && !allowed.includes(filters.institution)) throw new ForbiddenError();
    institutionIds = [filters.institution];
  }
  let campaign: TallyScope['campaign'] = null;
  if (filters.campaign !== null) {
    const row = tx.select().from(campaigns).where(eq(campaigns.id, filters.campaign)).get();
    if (!row) throw new NotFoundError();
    const accepted = tx
      .select({ id: campaignParticipants.institutionId })
      .from(campaignParticipants)
      .where(and(eq(campaignParticipants.campaignId, row.id), eq(campaignParticipants.state, 'accepted')))
      .all()
      .map((r) => r.id);
    campaign = { id: row.id, startDate: row.startDate, endDate: row.endDate, participantIds: [row.organiserId, ...accepted] };
  }
  let area: TallyScope['area'] = null;
  let townshipIds: number[] | null = null;
  if (filters.area !== null) {
    const all = tx.select({ id: areas.id, parentId: areas.parentId, level: areas.level, name: areas.name }).from(areas).all();
    const chosen = all.find((a) => a.id === filters.area);
    if (!chosen) throw new NotFoundError();
    area = { id: chosen.id, name: chosen.name, level: chosen.level };
    const under = descendantIds(all, [chosen.id]);
    townshipIds = all.filter((a) => a.level === 'township' && under.has(a.id)).map((a) => a.id);
  }
  return {
    institutionIds,
    from: filters.from ?? campaign?.startDate ?? null,
    to: filters.to ?? campaign?.endDate ?? null,
    townshipIds,
    campaign,
    area,
  };
}

const inList = (column: SQLiteColumn, ids: number[] | 'all') => (ids === 'all' ? undefined : ids.length === 0 ? sql`1 = 0` : inArray(column, ids));
const instant = (date: string, endOfDay: boolean) => Date.parse(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00'}${BEIJING}`);

/** Villages in the chosen area, as a subquery (null when no area is chosen). */
function villagesIn(scope: TallyScope) {
  return scope.townshipIds === null ? null : sql`(SELECT ${villages.id} FROM ${villages} WHERE ${inList(villages.townshipId, scope.townshipIds) ?? sql`1 = 1`})`;
}

/** Done events in scope: organised (or co-organised) by a counted institution, in the dates, area and campaign. */
function doneEvents(scope: TallyScope): SQL {
  const inVillages = villagesIn(scope);
  const organised =
    scope.institutionIds === 'all'
      ? undefined
      : or(inList(events.organiserId, scope.institutionIds), sql`${events.id} IN (SELECT ${eventCoorganisers.eventId} FROM ${eventCoorganisers} WHERE ${inList(eventCoorganisers.institutionId, scope.institutionIds)})`);
  const where = and(
    eq(events.state, 'done'),
    organised,
    scope.from ? gte(events.date, scope.from) : undefined,
    scope.to ? lte(events.date, scope.to) : undefined,
    scope.campaign ? eq(events.campaignId, scope.campaign.id) : undefined,
    inVillages ? sql`${events.villageId} IN ${inVillages}` : undefined,
  );
  return sql`(SELECT ${events.id} FROM ${events} WHERE ${where})`;
}

/**
 * Records not tied to an event (visits, donations, purchases) count in a campaign when they fall in its dates
 * and belong to an institution taking part in it.
 */
function campaignInstitutions(scope: TallyScope): number[] | 'all' {
  if (!scope.campaign) return scope.institutionIds;
  const taking = scope.campaign.participantIds;
  return scope.institutionIds === 'all' ? taking : scope.institutionIds.filter((id) => taking.includes(id));
}

/** Visits in scope, as a WHERE condition on `visits` (joined with `households`). */
function visitsInScope(scope: TallyScope, eventIds: SQL): SQL {
  const inVillages = villagesIn(scope);
  const dated = and(
    scope.from ? gte(visits.visitedAt, instant(scope.from, false)) : undefined,
    scope.to ? lte(visits.visitedAt, instant(scope.to, true)) : undefined,
  );
  const byInstitution = inList(visits.institutionId, campaignInstitutions(scope));
  const own = scope.campaign ? or(sql`${visits.eventId} IN ${eventIds}`, and(isNull(visits.eventId), byInstitution, dated)) : and(byInstitution, dated);
  return and(own, inVillages ? sql`${households.villageId} IN ${inVillages}` : undefined) ?? sql`1 = 1`;
}

/**
 * Everything the dashboard, the exports and the API show for one set of filters: the figures, the same a
 * year earlier, the headline values and the press summary in Chinese and English.
 */
export function tallyReport(tx: Tx, { actor, filters }: { actor: Actor; filters: TallyFilters }) {
  const current = tally(tx, { actor, filters });
  const earlierFilters = yearEarlier(tx, filters);
  const earlier = earlierFilters ? tally(tx, { actor, filters: earlierFilters }).figures : null;
  return {
    ...current,
    earlier,
    headline: headline(current.figures),
    earlierHeadline: earlier ? headline(earlier) : null,
    summary: pressSummary(current.figures, summaryScope(current.scope.area)),
  };
}

export function tally(tx: Tx, { actor, filters }: { actor: Actor; filters: TallyFilters }): { figures: Figures; scope: TallyScope } {
  const scope = tallyScope(tx, actor, filters);
  return { figures: figuresFor(tx, scope), scope };
}

function figuresFor(tx: Tx, scope: TallyScope): Figures {
  const eventIds = doneEvents(scope);
  const one = <T>(query: SQL) => tx.get<T>(query);

  const eventRow = one<{ events: number; peopleSeen: number | null; withoutHeadCount: number; institutions: number }>(sql`
    SELECT COUNT(*) AS events, SUM(${events.peopleSeen}) AS peopleSeen,
      SUM(CASE WHEN ${events.peopleSeen} IS NULL THEN 1 ELSE 0 END) AS withoutHeadCount,
      (SELECT COUNT(*) FROM (
        SELECT ${events.organiserId} AS id FROM ${events} WHERE ${events.id} IN ${eventIds}
        UNION SELECT ${eventCoorganisers.institutionId} FROM ${eventCoorganisers} WHERE ${eventCoorganisers.eventId} IN ${eventIds}
      )) AS institutions
    FROM ${events} WHERE ${events.id} IN ${eventIds}`);

  const trips = one<{ trips: number; ambulances: number }>(sql`
    SELECT COUNT(*) AS trips, COUNT(DISTINCT ${dispatches.vehicleId}) AS ambulances
    FROM ${dispatches} INNER JOIN ${vehicles} ON ${vehicles.id} = ${dispatches.vehicleId}
    WHERE ${vehicles.kind} = 'ambulance' AND ${dispatches.eventId} IN ${eventIds}`);

  // A place held (confirmed, not missed) at a done event. The person is their account, or the staff record.
  const person = sql`COALESCE(${signups.userId}, ${staff.userId}, 'staff:' || ${staff.id})`;
  const medicalAccounts = sql`(SELECT ${staff.userId} FROM ${staff} WHERE ${staff.userId} IS NOT NULL AND ${inArray(staff.profession, [...MEDICAL_PROFESSIONS])})`;
  const medical = sql`(${inArray(staff.profession, [...MEDICAL_PROFESSIONS])} OR ${signups.userId} IN ${medicalAccounts})`;
  const places = sql`FROM ${signups}
    INNER JOIN ${shifts} ON ${shifts.id} = ${signups.shiftId}
    INNER JOIN ${eventRoles} ON ${eventRoles.id} = ${shifts.roleId}
    LEFT JOIN ${staff} ON ${staff.id} = ${signups.staffId}
    WHERE ${signups.state} = 'confirmed' AND ${eventRoles.eventId} IN ${eventIds}`;
  const people = one<{ medicalStaff: number; medicalTimes: number; volunteers: number; volunteerMs: number | null }>(sql`
    SELECT COUNT(DISTINCT CASE WHEN ${medical} THEN ${person} END) AS medicalStaff,
      SUM(CASE WHEN ${medical} THEN 1 ELSE 0 END) AS medicalTimes,
      COUNT(DISTINCT CASE WHEN ${eventRoles.kind} = 'volunteer' THEN ${person} END) AS volunteers,
      SUM(CASE WHEN ${eventRoles.kind} = 'volunteer'
        THEN MAX(0, COALESCE(${signups.checkedOutAt}, ${shifts.endsAt}) - COALESCE(${signups.checkedInAt}, ${shifts.startsAt})) ELSE 0 END) AS volunteerMs
    ${places}`);

  const visitWhere = visitsInScope(scope, eventIds);
  const visited = one<{ households: number; visits: number }>(sql`
    SELECT COUNT(DISTINCT ${visits.householdId}) AS households, COUNT(*) AS visits
    FROM ${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId} WHERE ${visitWhere}`);
  // Driven from the few readings with a referral, each joined to its visit, rather than from every visit.
  const referrals = one<{ referrals: number; done: number }>(sql`
    SELECT COUNT(*) AS referrals, SUM(CASE WHEN ${visitReadings.referralState} = 'done' THEN 1 ELSE 0 END) AS done
    FROM ${visitReadings} INNER JOIN ${visits} ON ${visits.id} = ${visitReadings.visitId} INNER JOIN ${households} ON ${households.id} = ${visits.householdId}
    WHERE ${visitReadings.referralState} IS NOT NULL AND ${visitWhere}`);

  // Handouts at done events, and at visits not tied to an event; a reversal carries its original's event or
  // visit, so it cancels out. Two reads, each through its own covering index (by event; by visit), rather than
  // one OR across the whole ledger.
  const handedOut = sql`${stockEntries.kind} IN ('handout', 'reversal')`;
  const materials = tx.all<{ kind: Figures['materials'][number]['kind']; unit: string; quantity: number; valueFen: number }>(sql`
    SELECT ${items.kind} AS kind, ${items.unit} AS unit, -SUM(lines.quantity) AS quantity, -SUM(lines.value_fen) AS valueFen
    FROM (
      SELECT ${stockEntries.itemId} AS item_id, ${stockEntries.quantity} AS quantity, ${stockEntries.valueFen} AS value_fen FROM ${stockEntries}
        WHERE ${handedOut} AND ${stockEntries.eventId} IN ${eventIds}
      UNION ALL
      SELECT ${stockEntries.itemId}, ${stockEntries.quantity}, ${stockEntries.valueFen} FROM ${stockEntries}
        WHERE ${handedOut} AND ${stockEntries.eventId} IS NULL AND ${stockEntries.visitId} IN
          (SELECT ${visits.id} FROM ${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId} WHERE ${visitWhere})
    ) AS lines INNER JOIN ${items} ON ${items.id} = lines.item_id
    GROUP BY ${items.kind}, ${items.unit} ORDER BY ${items.kind}, ${items.unit}`);

  const inVillages = villagesIn(scope);
  const counted = campaignInstitutions(scope);
  const donationPlace = inVillages
    ? sql`(${donations.villageId} IN ${inVillages} OR ${donations.householdId} IN (SELECT ${households.id} FROM ${households} WHERE ${households.villageId} IN ${inVillages}))`
    : undefined;
  const donationWhere = and(
    isNull(donations.voidedAt),
    or(
      sql`${donations.eventId} IN ${eventIds}`,
      and(isNull(donations.eventId), inList(donations.institutionId, counted), scope.from ? gte(donations.date, scope.from) : undefined, scope.to ? lte(donations.date, scope.to) : undefined, donationPlace),
    ),
  );
  const given = one<{ cash: number | null; inKind: number | null }>(sql`
    SELECT SUM(CASE WHEN ${donations.kind} = 'cash' THEN ${donations.amountFen} ELSE 0 END) AS cash,
      SUM(CASE WHEN ${donations.kind} = 'in_kind' THEN ${donations.amountFen} ELSE 0 END) AS inKind
    FROM ${donations} WHERE ${donationWhere}`);

  const purchaseWhere = and(
    inList(purchases.institutionId, counted),
    scope.from ? gte(purchases.deliveryDate, scope.from) : undefined,
    scope.to ? lte(purchases.deliveryDate, scope.to) : undefined,
    inVillages ? sql`${purchases.villageId} IN ${inVillages}` : undefined,
  );
  const bought = one<{ grams: number | null; cases: number | null; fen: number | null }>(sql`
    SELECT SUM(CASE WHEN ${purchases.unit} IN ('jin', 'kg') THEN COALESCE(${purchases.quantityDelivered}, ${purchases.quantityOrdered}) ELSE 0 END) AS grams,
      SUM(CASE WHEN ${purchases.unit} = 'case' THEN COALESCE(${purchases.quantityDelivered}, ${purchases.quantityOrdered}) ELSE 0 END) AS cases,
      SUM(${purchases.totalFen}) AS fen
    FROM ${purchases} WHERE ${purchaseWhere ?? sql`1 = 1`}`);

  return {
    events: eventRow.events,
    ambulanceTrips: trips.trips,
    ambulances: trips.ambulances,
    institutions: eventRow.institutions,
    medicalStaff: people.medicalStaff,
    medicalStaffTimes: people.medicalTimes ?? 0,
    volunteers: people.volunteers,
    volunteerHundredthHours: Math.round(((people.volunteerMs ?? 0) / 3_600_000) * 100),
    peopleSeen: eventRow.peopleSeen ?? 0,
    eventsWithoutHeadCount: eventRow.withoutHeadCount ?? 0,
    householdsVisited: visited.households,
    visits: visited.visits,
    drugsFen: materials.filter((m) => m.kind === 'drug').reduce((sum, m) => sum + m.valueFen, 0),
    materials: materials.filter((m) => m.quantity !== 0),
    cashFen: given.cash ?? 0,
    inKindFen: given.inKind ?? 0,
    purchaseGrams: bought.grams ?? 0,
    purchaseCases: bought.cases ?? 0,
    purchaseFen: bought.fen ?? 0,
    referrals: referrals.referrals,
    referralsDone: referrals.done ?? 0,
  };
}

/** The campaigns, areas and institutions the filter form offers to this actor. */
export function tallyChoices(tx: Tx, actor: Actor) {
  const allowed = institutionIdsFor(actor, 'aggregate');
  return {
    campaigns: tx.select({ id: campaigns.id, name: campaigns.name, startDate: campaigns.startDate }).from(campaigns).orderBy(sql`${campaigns.startDate} DESC`).all(),
    areas: tx.select({ id: areas.id, name: areas.name, level: areas.level, parentId: areas.parentId }).from(areas).where(inArray(areas.level, ['city', 'county', 'township'])).orderBy(asc(areas.level), asc(areas.name)).all(),
    institutions: tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inList(institutions.id, allowed)).orderBy(asc(institutions.name)).all(),
  };
}

/**
 * The same filters a year earlier, for the comparison: dates moved back a year; a campaign replaced by the same
 * organiser's campaign that started within 60 days of a year before it. Null when there is nothing to compare.
 */
export function yearEarlier(tx: Tx, filters: TallyFilters): TallyFilters | null {
  const back = (date: string | undefined) => (date ? `${Number(date.slice(0, 4)) - 1}${date.slice(4)}` : undefined);
  if (filters.campaign === null) return filters.from || filters.to ? { ...filters, from: back(filters.from), to: back(filters.to) } : null;
  const current = tx.select().from(campaigns).where(eq(campaigns.id, filters.campaign)).get();
  if (!current) return null;
  const target = Date.parse(`${back(current.startDate)}T00:00:00Z`);
  const day = 86_400_000;
  const earlier = tx
    .select({ id: campaigns.id, startDate: campaigns.startDate })
    .from(campaigns)
    .where(and(eq(campaigns.organiserId, current.organiserId), gte(campaigns.startDate, new Date(target - 60 * day).toISOString().slice(0, 10)), lte(campaigns.startDate, new Date(target + 60 * day).toISOString().slice(0, 10))))
    .orderBy(asc(campaigns.startDate))
    .get();
  return earlier ? { ...filters, campaign: earlier.id, from: back(filters.from), to: back(filters.to) } : null;
}

// One event's ambulance trips and the value of the medicines handed out at it (net of reversals), for a row
// that is an event.
const eventAmbulanceTrips = sql`(SELECT COUNT(*) FROM ${dispatches} INNER JOIN ${vehicles} ON ${vehicles.id} = ${dispatches.vehicleId}
  WHERE ${dispatches.eventId} = ${events.id} AND ${vehicles.kind} = 'ambulance')`;
const eventDrugsFen = sql`(SELECT COALESCE(-SUM(${stockEntries.valueFen}), 0) FROM ${stockEntries} INNER JOIN ${items} ON ${items.id} = ${stockEntries.itemId}
  WHERE ${stockEntries.eventId} = ${events.id} AND ${stockEntries.kind} IN ('handout', 'reversal') AND ${items.kind} = 'drug')`;

export const BREAKDOWNS = ['institution', 'county', 'day'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  /** The institution's or county's id, or the day; null for events held at no village (by county). */
  key: string | null;
  label: string | null;
  events: number;
  peopleSeen: number;
  ambulanceTrips: number;
  drugsFen: number;
  visits: number;
  householdsVisited: number;
}

/**
 * The figures that make a chart, by institution, by county or by day: events, people seen, ambulance trips
 * and drugs by the event they belong to; visits by the visiting institution, the household's county, the
 * day. Each row is a drill-down: the same filters narrowed to it.
 */
export function tallyBreakdown(tx: Tx, { actor, filters, by }: { actor: Actor; filters: TallyFilters; by: Breakdown }): BreakdownRow[] {
  const scope = tallyScope(tx, actor, filters);
  const eventIds = doneEvents(scope);
  const township = sql`(SELECT ${areas.parentId} FROM ${areas} WHERE ${areas.id} = ${villages.townshipId})`;
  const countyName = (id: SQL) => sql`(SELECT ${areas.name} FROM ${areas} WHERE ${areas.id} = ${id})`;
  const eventKey = {
    institution: { key: sql`${events.organiserId}`, label: sql`(SELECT ${institutions.name} FROM ${institutions} WHERE ${institutions.id} = ${events.organiserId})` },
    county: { key: township, label: countyName(township) },
    day: { key: sql`${events.date}`, label: sql`${events.date}` },
  }[by];
  const byEvent = tx.all<Omit<BreakdownRow, 'visits' | 'householdsVisited'>>(sql`
    SELECT ${eventKey.key} AS key, ${eventKey.label} AS label, COUNT(*) AS events, COALESCE(SUM(${events.peopleSeen}), 0) AS peopleSeen,
      SUM(${eventAmbulanceTrips}) AS ambulanceTrips, SUM(${eventDrugsFen}) AS drugsFen
    FROM ${events} LEFT JOIN ${villages} ON ${villages.id} = ${events.villageId}
    WHERE ${events.id} IN ${eventIds}
    GROUP BY 1`);
  // A visit's Beijing calendar day, from its instant.
  const visitDay = sql`strftime('%Y-%m-%d', ${visits.visitedAt} / 1000 + 8 * 3600, 'unixepoch')`;
  const visitKey = {
    institution: { key: sql`${visits.institutionId}`, label: sql`(SELECT ${institutions.name} FROM ${institutions} WHERE ${institutions.id} = ${visits.institutionId})` },
    county: { key: township, label: countyName(township) },
    day: { key: visitDay, label: visitDay },
  }[by];
  const byVisit = tx.all<{ key: string | number | null; label: string | null; visits: number; householdsVisited: number }>(sql`
    SELECT ${visitKey.key} AS key, ${visitKey.label} AS label, COUNT(*) AS visits, COUNT(DISTINCT ${visits.householdId}) AS householdsVisited
    FROM ${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId} INNER JOIN ${villages} ON ${villages.id} = ${households.villageId}
    WHERE ${visitsInScope(scope, eventIds)}
    GROUP BY 1`);
  const rows = new Map<string, BreakdownRow>();
  const empty = (key: string | null, label: string | null): BreakdownRow => ({ key, label, events: 0, peopleSeen: 0, ambulanceTrips: 0, drugsFen: 0, visits: 0, householdsVisited: 0 });
  for (const row of byEvent) rows.set(String(row.key), { ...empty(row.key === null ? null : String(row.key), row.label), ...row, key: row.key === null ? null : String(row.key) });
  for (const row of byVisit) {
    const key = row.key === null ? null : String(row.key);
    const merged = rows.get(String(key)) ?? empty(key, row.label);
    rows.set(String(key), { ...merged, visits: row.visits, householdsVisited: row.householdsVisited });
  }
  const all = [...rows.values()];
  return by === 'day' ? all.sort((a, b) => String(a.key).localeCompare(String(b.key))) : all.sort((a, b) => b.peopleSeen - a.peopleSeen || b.events - a.events || b.visits - a.visits);
}

/** The done events behind the figures, newest first, with what each contributed; no personal data. */
export function countedEvents(tx: Tx, { actor, filters, limit = 5_000 }: { actor: Actor; filters: TallyFilters; limit?: number }) {
  const scope = tallyScope(tx, actor, filters);
  return tx.all<{ id: number; date: string; title: string; organiserId: number; organiser: string; village: string | null; peopleSeen: number | null; ambulanceTrips: number; drugsFen: number; lat: number | null; lng: number | null }>(sql`
    SELECT ${events.id} AS id, ${events.date} AS date, ${events.title} AS title, ${events.organiserId} AS organiserId, ${institutions.name} AS organiser, ${villages.name} AS village, ${events.peopleSeen} AS peopleSeen,
      COALESCE(${events.lat}, ${villages.lat}) AS lat, COALESCE(${events.lng}, ${villages.lng}) AS lng,
      ${eventAmbulanceTrips} AS ambulanceTrips, ${eventDrugsFen} AS drugsFen
    FROM ${events} INNER JOIN ${institutions} ON ${institutions.id} = ${events.organiserId} LEFT JOIN ${villages} ON ${villages.id} = ${events.villageId}
    WHERE ${events.id} IN ${doneEvents(scope)}
    ORDER BY ${events.date} DESC, ${events.id} DESC
    LIMIT ${limit}`);
}

/** Everything the downloads hold for one set of filters: the report, the three breakdowns and the events. */
export function tallyExport(tx: Tx, { actor, filters }: { actor: Actor; filters: TallyFilters }) {
  const report = tallyReport(tx, { actor, filters });
  return {
    ...report,
    breakdowns: BREAKDOWNS.map((by) => ({ by, rows: tallyBreakdown(tx, { actor, filters, by }) })),
    events: countedEvents(tx, { actor, filters }),
    visits: countedVisits(tx, { actor, filters }),
  };
}

/**
 * The visits behind the household figures, newest first. The household is named only where the actor may read
 * that visit (visitFilter): a publicity office sees the village and the date, never who.
 */
export function countedVisits(tx: Tx, { actor, filters, limit = 5_000 }: { actor: Actor; filters: TallyFilters; limit?: number }) {
  const scope = tallyScope(tx, actor, filters);
  const readable = visitFilter(actor, { id: visits.id, institutionId: visits.institutionId, householdId: visits.householdId, villageId: households.villageId }, beijingDate(Date.now()));
  return tx.all<{ id: number; visitedAt: number; purpose: string; institution: string; village: string; headName: string | null }>(sql`
    SELECT ${visits.id} AS id, ${visits.visitedAt} AS visitedAt, ${visits.purpose} AS purpose, ${institutions.name} AS institution, ${villages.name} AS village,
      CASE WHEN ${readable} THEN ${households.headName} END AS headName
    FROM ${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId}
      INNER JOIN ${villages} ON ${villages.id} = ${households.villageId}
      INNER JOIN ${institutions} ON ${institutions.id} = ${visits.institutionId}
    WHERE ${visitsInScope(scope, doneEvents(scope))}
    ORDER BY ${visits.visitedAt} DESC, ${visits.id} DESC
    LIMIT ${limit}`);
}
