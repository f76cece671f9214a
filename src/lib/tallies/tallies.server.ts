// The tally queries. Every figure is an aggregate over the institutions the actor may count (scope.ts,
// 'aggregate' access): a publicity office its bureau and everything under it, a coordinator their own
// institution, an administrator all. No query here returns a name. docs/tallies.md states the rules.
import { and, asc, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { byProduct } from '../purchases/purchases.server.ts';
import { areas, campaignParticipants, campaigns, dispatches, events, households, institutions, items, products, purchases, stockEntries, vehicles, visits, villages } from '#db/schema.ts';
import { addDays, beijingDate } from '../time/beijing.ts';
import { type Actor, institutionIdsFor, visitFilter } from '../server/auth/scope.ts';
import { inIds, perDatabase, type Tx } from '../server/db.ts';
import { ForbiddenError, NotFoundError } from '../server/errors.ts';
import { contractFigures, countFigures, countyOfEventRow, distinctFigures, purchaseCondition, countyOfVillage, doneEventCondition, doneEvents, inInstitutionTotals, inRunningTotals, type TallyScope, visitsInScope } from './counting.server.ts';
import { beijingDateSql, periodOfDaySql } from '../time/beijing-sql.ts';
import { daysAtEitherEnd, institutionMonthRows, ledElsewhere, officeOf, runningBreakdown, runningFigures, runningPurchasesByProduct, runningFiguresOfInstitutions, runningTotalsReady, wholeMonthsOf } from './running-totals.server.ts';
import { isPeriod, PERIODS, periodLabel, periodOfDates, pressSummary, summaryScope, type TallyFilters } from './tallies.ts';
import { BREAKDOWN_FIGURES, type BreakdownName, type Figures, figuresOf, headline, type RecordFigures } from './figures.ts';
import { type Page, shownPage } from '../lists/paging.ts';

export type { TallyScope };

/** Resolves the filters against what the actor may count; refuses an institution outside it. */
export function tallyScope(tx: Tx, actor: Actor, filters: TallyFilters): TallyScope {
  const allowed = institutionIdsFor(actor, 'aggregate');
  if (allowed.length === 0) throw new ForbiddenError();
  // An office that may count every institution (the province's) counts everything.
  const everyInstitution = allowed.length === perDatabase(tx, 'institutionCount', (handle) => handle.select({ n: count() }).from(institutions).prepare()).get()!.n;
  let institutionIds: readonly number[] | 'all' = everyInstitution ? 'all' : allowed;
  if (filters.institution !== null) {
    if (!allowed.includes(filters.institution)) throw new ForbiddenError();
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
    campaign = { id: row.id, name: row.name, startDate: row.startDate, endDate: row.endDate, participantIds: [row.organiserId, ...accepted] };
  }
  let area: TallyScope['area'] = null;
  let townshipIds: number[] | null = null;
  if (filters.area !== null) {
    const chosen = perDatabase(tx, 'tallyArea', (handle) =>
      handle.select({ id: areas.id, level: areas.level, name: areas.name }).from(areas).where(eq(areas.id, sql.placeholder('id'))).prepare(),
    ).get({ id: filters.area });
    if (!chosen) throw new NotFoundError();
    area = chosen;
    townshipIds = tx
      .all<{ id: number }>(sql`WITH RECURSIVE under(id) AS (SELECT ${chosen.id} UNION ALL SELECT ${areas.id} FROM ${areas} INNER JOIN under ON ${areas.parentId} = under.id)
        SELECT ${areas.id} AS id FROM ${areas} WHERE ${areas.level} = 'township' AND ${areas.id} IN (SELECT id FROM under)`)
      .map((a) => a.id);
  }
  return {
    institutionIds,
    from: filters.from ?? campaign?.startDate ?? null,
    to: filters.to ?? campaign?.endDate ?? null,
    townshipIds,
    campaign,
    area,
    // An office's institutions are kept apart in the running totals (a city's or a county's publicity office).
    office: institutionIds === 'all' ? null : officeOf(tx, institutionIds),
  };
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
    purchases: purchasesByProduct(tx, current.scope),
    headline: headline(current.figures),
    earlierHeadline: earlier ? headline(earlier) : null,
    summary: pressSummary(current.figures, summaryScope(current.scope.area)),
  };
}

export function tally(tx: Tx, { actor, filters }: { actor: Actor; filters: TallyFilters }): { figures: Figures; scope: TallyScope } {
  const scope = tallyScope(tx, actor, filters);
  return { figures: figuresFor(tx, scope), scope };
}

// A tally of everything or of whole counties reads the running totals (once they are up to date), and so do
// the additive figures of chosen institutions with no area or campaign; any narrower tally counts its records,
// which are few. The contracts are counted as they are.
function figuresFor(tx: Tx, scope: TallyScope): Figures {
  const ready = (inRunningTotals(scope) || inInstitutionTotals(scope)) && runningTotalsReady(tx);
  let records: RecordFigures;
  if (ready && inRunningTotals(scope)) records = runningFigures(tx, scope);
  else if (ready) records = figuresOf(runningFiguresOfInstitutions(tx, scope), distinctFigures(tx, scope, doneEvents(scope)));
  else records = countFigures(tx, scope);
  return { ...records, ...contractFigures(tx, scope) };
}

/**
 * The purchases counted, by product and unit (products by their own name across institutions): the weighed
 * amount, the ordered amount of those not yet weighed, their sum and the value. A tally in the running totals
 * reads them from there.
 */
export function purchasesByProduct(tx: Tx, scope: TallyScope) {
  return inRunningTotals(scope) && runningTotalsReady(tx) ? runningPurchasesByProduct(tx, scope) : purchasesFromRecords(tx, scope);
}

/** The purchases by product, counted from the purchases. */
export function purchasesFromRecords(tx: Tx, scope: TallyScope) {
  return tx
    .select(byProduct)
    .from(purchases)
    .innerJoin(products, eq(products.id, purchases.productId))
    .where(purchaseCondition(scope))
    .groupBy(products.name, byProduct.unit)
    .orderBy(desc(sql`sum(${purchases.totalFen})`), asc(products.name))
    .all();
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
  const target = back(current.startDate)!;
  const earlier = tx
    .select({ id: campaigns.id, startDate: campaigns.startDate })
    .from(campaigns)
    .where(and(eq(campaigns.organiserId, current.organiserId), gte(campaigns.startDate, addDays(target, -60)), lte(campaigns.startDate, addDays(target, 60))))
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

export const BREAKDOWNS = ['institution', 'county', ...PERIODS] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** A row of a breakdown: the declared breakdown figures (figures.ts), as counted. */
export type BreakdownFigures = {
  /** The institution's or county's id, or the period (periodDates); null for events held at no village (by county). */
  key: string | null;
} & Record<BreakdownName, number>;
export type BreakdownRow = BreakdownFigures & { label: string | null };

/**
 * The figures that make a chart, by institution, by county or by day, week or month: events, people seen,
 * ambulance trips and drugs by the event they belong to; visits, and drugs at visits not tied to an event, by
 * the visiting institution, the household's county, the day. Each row is a drill-down: the same filters
 * narrowed to it. Periods in order; institutions and counties most people seen first.
 */
export function tallyBreakdown(tx: Tx, { actor, filters, by }: { actor: Actor; filters: TallyFilters; by: Breakdown }): BreakdownRow[] {
  return breakdownPage(tx, { actor, filters, by, page: null }).rows;
}

/**
 * One page of a breakdown (`size` rows from page `number`, counted from 1, or its last page when there are
 * fewer; every row when null), the page shown, and how many rows there are in all. A tally in the running
 * totals is broken down from them: by county or by period everywhere or in whole counties, by institution for
 * chosen institutions (or all) with no area or campaign.
 */
export function breakdownPage(tx: Tx, { actor, filters, by, page }: { actor: Actor; filters: TallyFilters; by: Breakdown; page: { number: number; size: number } | null }): Page<BreakdownRow> {
  const scope = tallyScope(tx, actor, filters);
  const byInstitution = by === 'institution' && inInstitutionTotals(scope);
  const ready = (byInstitution || (by !== 'institution' && inRunningTotals(scope))) && runningTotalsReady(tx);
  const rows = !ready ? breakdownFromRecords(tx, scope, by) : by === 'institution' ? institutionBreakdown(tx, scope) : runningBreakdown(tx, scope, by);
  if (isPeriod(by)) rows.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  else rows.sort((a, b) => b.peopleSeen - a.peopleSeen || b.events - a.events || b.visits - a.visits || String(a.key).localeCompare(String(b.key)));
  const number = page ? shownPage(page.number, rows.length, page.size) : 1;
  const shown = page ? rows.slice((number - 1) * page.size, number * page.size) : rows;
  if (ready && byInstitution) countHouseholdsVisited(tx, scope, shown);
  const names = (table: typeof institutions | typeof areas) => {
    const ids = shown.flatMap((r) => (r.key === null ? [] : [Number(r.key)]));
    return new Map(ids.length === 0 ? [] : tx.select({ id: table.id, name: table.name }).from(table).where(inIds(table.id, ids)).all().map((r) => [String(r.id), r.name]));
  };
  const labels = isPeriod(by) ? null : names(by === 'institution' ? institutions : areas);
  const labelOf = (key: string) => (isPeriod(by) ? periodLabel(by, key, scope) : (labels?.get(key) ?? key));
  return { rows: shown.map((row) => ({ ...row, label: row.key === null ? null : labelOf(row.key) })), page: number, total: rows.length };
}

/**
 * The breakdown by institution from the running totals per institution: their whole months, and from the records
 * the events co-organised under another's lead in them and everything in the days at either end. Households
 * visited do not add up over months: countHouseholdsVisited counts them for the rows shown.
 */
function institutionBreakdown(tx: Tx, scope: TallyScope): BreakdownFigures[] {
  const parts: Omit<BreakdownFigures, 'householdsVisited'>[] = [];
  const months = wholeMonthsOf(scope);
  if (months) {
    parts.push(...institutionMonthRows(tx, months));
    const joint = ledElsewhere(tx, months);
    if (joint) parts.push(...breakdownFromRecords(tx, { ...months, institutionIds: [] }, 'institution', joint));
  }
  for (const days of daysAtEitherEnd(scope)) parts.push(...breakdownFromRecords(tx, days, 'institution'));
  const rows = new Map<string, BreakdownFigures>();
  for (const part of parts) {
    const row = rows.get(String(part.key));
    if (!row) rows.set(String(part.key), { ...part, householdsVisited: 0 });
    else for (const { counted } of BREAKDOWN_FIGURES) if (counted !== 'householdsVisited') row[counted] += part[counted];
  }
  return [...rows.values()];
}

/** Sets each institution's households visited in a tally's dates on its breakdown row. */
function countHouseholdsVisited(tx: Tx, scope: TallyScope, rows: BreakdownFigures[]): void {
  if (rows.length === 0) return;
  const counted = visitsInScope(scope, doneEvents(scope));
  const households = new Map(
    tx
      .all<{ key: number; n: number }>(sql`SELECT ${visits.institutionId} AS key, COUNT(DISTINCT ${visits.householdId}) AS n FROM ${counted.from}
        WHERE ${counted.where} AND ${inIds(visits.institutionId, rows.map((r) => Number(r.key)))} GROUP BY 1`)
      .map((r) => [String(r.key), r.n]),
  );
  for (const row of rows) row.householdsVisited = households.get(String(row.key)) ?? 0;
}

/**
 * The breakdown a dashboard opens with: by period for one institution (days, weeks or months as its dates
 * span), by institution within a county or a township, and by county over anything wider.
 */
export function defaultBreakdown(scope: TallyScope): Breakdown {
  if (scope.institutionIds !== 'all' && scope.institutionIds.length === 1) return periodOfDates(scope.from, scope.to);
  return scope.area?.level === 'county' || scope.area?.level === 'township' ? 'institution' : 'county';
}

/** The breakdown counted from the records (of the events given, and the visits in scope). */
export function breakdownFromRecords(tx: Tx, scope: TallyScope, by: Breakdown, eventIds = doneEvents(scope)): BreakdownFigures[] {
  const eventKey = by === 'institution' ? sql`${events.organiserId}` : by === 'county' ? countyOfEventRow : periodOfDaySql(events.date, by);
  const byEvent = tx.all<Omit<BreakdownFigures, 'visits' | 'householdsVisited'>>(sql`
    SELECT ${eventKey} AS key, COUNT(*) AS events, COALESCE(SUM(${events.peopleSeen}), 0) AS peopleSeen,
      SUM(${eventAmbulanceTrips}) AS ambulanceTrips, SUM(${eventDrugsFen}) AS drugsFen
    FROM ${events} WHERE ${events.id} IN ${eventIds}
    GROUP BY 1`);
  // Visits are grouped first (by county: by their household's village, whose county is then looked up once
  // rather than at every visit; a household is in one village, so its villages' households add up), and their
  // medicines are reached from the visits before the household is (most visits hand out none).
  const visitGroup =
    by === 'institution' ? sql`${visits.institutionId}` : by === 'county' ? sql`(SELECT ${households.villageId} FROM ${households} WHERE ${households.id} = ${visits.householdId})` : periodOfDaySql(beijingDateSql(visits.visitedAt), by);
  const keyOfGroup = by === 'county' ? countyOfVillage(sql`grouped`) : sql`grouped`;
  const counted = visitsInScope(scope, eventIds);
  const byVisit = tx.all<{ key: string | number | null; visits: number; householdsVisited: number }>(sql`
    SELECT ${keyOfGroup} AS key, SUM(visits) AS visits, SUM(households) AS householdsVisited FROM (
      SELECT ${visitGroup} AS grouped, COUNT(*) AS visits, COUNT(DISTINCT ${visits.householdId}) AS households
      FROM ${counted.from} WHERE ${counted.where} GROUP BY 1) AS byGroup
    GROUP BY 1`);
  // The medicines handed out at visits not tied to an event (those at an event count with it). The unary plus
  // keeps the planner from reading every line not at an event (a fifth of the ledger) through the event index
  // when the visits in scope are few: it starts from them instead.
  const drugsAtVisits = tx.all<{ key: string | number | null; drugsFen: number }>(sql`
    SELECT ${keyOfGroup} AS key, SUM(drugsFen) AS drugsFen FROM (
      SELECT ${visitGroup} AS grouped, -SUM(${stockEntries.valueFen}) AS drugsFen
      FROM ${counted.from} INNER JOIN ${stockEntries} ON ${stockEntries.visitId} = ${visits.id} INNER JOIN ${items} ON ${items.id} = ${stockEntries.itemId}
      WHERE ${counted.where} AND +${stockEntries.eventId} IS NULL
        AND ${stockEntries.kind} IN ('handout', 'reversal') AND ${items.kind} = 'drug'
      GROUP BY 1) AS byGroup
    GROUP BY 1`);
  const rows = new Map<string, BreakdownFigures>();
  const row = (key: string | number | null) => {
    const id = key === null ? null : String(key);
    let found = rows.get(String(id));
    if (!found) rows.set(String(id), (found = { key: id, events: 0, peopleSeen: 0, ambulanceTrips: 0, drugsFen: 0, visits: 0, householdsVisited: 0 }));
    return found;
  };
  for (const { key, ...figures } of byEvent) Object.assign(row(key), figures);
  for (const { key, ...figures } of byVisit) Object.assign(row(key), figures);
  for (const { key, drugsFen } of drugsAtVisits) row(key).drugsFen += drugsFen;
  return [...rows.values()];
}

/**
 * The done events behind the figures, newest first, with what each contributed; no personal data. The events
 * are chosen first, so that their trips and medicines are looked up for those shown only.
 */
export function countedEvents(tx: Tx, { actor, filters, limit = 5_000 }: { actor: Actor; filters: TallyFilters; limit?: number }) {
  const scope = tallyScope(tx, actor, filters);
  return tx.all<{ id: number; date: string; title: string; organiserId: number; organiser: string; village: string | null; peopleSeen: number | null; ambulanceTrips: number; drugsFen: number; lat: number | null; lng: number | null }>(sql`
    SELECT ${events.id} AS id, ${events.date} AS date, ${events.title} AS title, ${events.organiserId} AS organiserId, ${institutions.name} AS organiser, ${villages.name} AS village, ${events.peopleSeen} AS peopleSeen,
      COALESCE(${events.lat}, ${villages.lat}) AS lat, COALESCE(${events.lng}, ${villages.lng}) AS lng,
      ${eventAmbulanceTrips} AS ambulanceTrips, ${eventDrugsFen} AS drugsFen
    FROM ${events} INNER JOIN ${institutions} ON ${institutions.id} = ${events.organiserId} LEFT JOIN ${villages} ON ${villages.id} = ${events.villageId}
    WHERE ${events.id} IN (SELECT ${events.id} FROM ${events} WHERE ${doneEventCondition(scope)} ORDER BY ${events.date} DESC, ${events.id} DESC LIMIT ${limit})
    ORDER BY ${events.date} DESC, ${events.id} DESC`);
}

/**
 * Everything the downloads hold for one set of filters: the report, the breakdowns by institution, county and
 * day (a spreadsheet groups days into weeks and months itself), and the events.
 */
export function tallyExport(tx: Tx, { actor, filters }: { actor: Actor; filters: TallyFilters }) {
  const report = tallyReport(tx, { actor, filters });
  return {
    ...report,
    breakdowns: (['institution', 'county', 'day'] as const).map((by) => ({ by, rows: tallyBreakdown(tx, { actor, filters, by }) })),
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
  // The visits are chosen first, so that who may read each is worked out for those shown only.
  const counted = visitsInScope(scope, doneEvents(scope));
  return tx.all<{ id: number; visitedAt: number; purpose: string; institution: string; village: string; headName: string | null }>(sql`
    SELECT ${visits.id} AS id, ${visits.visitedAt} AS visitedAt, ${visits.purpose} AS purpose, ${institutions.name} AS institution, ${villages.name} AS village,
      CASE WHEN ${readable} THEN ${households.headName} END AS headName
    FROM ${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId}
      INNER JOIN ${villages} ON ${villages.id} = ${households.villageId}
      INNER JOIN ${institutions} ON ${institutions.id} = ${visits.institutionId}
    WHERE ${visits.id} IN (SELECT ${visits.id} FROM ${counted.from} WHERE ${counted.where} ORDER BY ${visits.visitedAt} DESC, ${visits.id} DESC LIMIT ${limit})
    ORDER BY ${visits.visitedAt} DESC, ${visits.id} DESC`);
}
