// Running totals for tallies of everything or of whole counties (every institution or an office's, no campaign, any dates),
// which would otherwise read every ledger line, place and visit of a province (decision 0014). Triggers note
// each change to a counted record in tally_changes (tally-dependencies.ts). Before such a tally is read, the days
// and the distinct keys those changes touch are counted again from the records (a few days by the reader, many
// by the minute's job, the reader counting its records meanwhile), by the same rules as a live tally
// (counting.server.ts): per day and county the additive figures (tally_days, tally_day_materials), added up per
// month (tally_months, tally_month_materials), and the days on which each institution, ambulance, person and
// household counts (tally_key_days). Each is kept for every institution and, apart, for each office (a city or a
// county and the institutions placed there), which is what a bureau's publicity office counts.
import { and, eq, getTableColumns, gte, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  areas,
  coorganiserAccepted,
  dispatches,
  donations,
  eventCoorganisers,
  eventRoles,
  events,
  institutions,
  pairingProjects,
  products,
  projectPayments,
  purchases,
  shifts,
  signups,
  staff,
  stockEntries,
  tallyChanges,
  tallyDayMaterials,
  tallyDayProducts,
  tallyDays,
  tallyInstitutionMonthMaterials,
  tallyInstitutionMonths,
  tallyInstitutionYearMaterials,
  tallyInstitutionYears,
  tallyKeyDays,
  tallyKeyMonths,
  tallyMonthMaterials,
  tallyMonthProducts,
  tallyMonths,
  visits,
} from '#db/schema.ts';
import { type Db, openDatabase, perDatabase, type Tx } from '../server/db.ts';
import { areaTreeVersionNow } from '../places/area-tree.server.ts';
import { rmSync } from 'node:fs';
import { additiveFigures, countyOfVillage, distinctRecords, doneEventCondition, doneEvents, purchaseCondition, type TallyScope } from './counting.server.ts';
import { byProduct } from '../purchases/purchases.server.ts';
import { beijingDateSql, periodOfDaySql, periodStartSql } from '../time/beijing-sql.ts';
import { addMonths, lastDayOfMonth } from '../time/beijing.ts';
import { ADDITIVE_NAMES, type AdditiveFigures, BREAKDOWN_FIGURES, type BreakdownName, DISTINCT_FIGURES, type DistinctFigure, figuresOf, noAdditiveFigures, type RecordFigures } from './figures.ts';
import type { BreakdownFigures } from './tallies.server.ts';
import type { Period } from './tallies.ts';

type Subject = (typeof tallyChanges.subject.enumValues)[number];
const changed = (subject: Subject) => sql`(SELECT ${tallyChanges.key} FROM ${tallyChanges} WHERE ${tallyChanges.subject} = ${subject})`;
const changedIds = (subject: Subject) => sql`(SELECT CAST(${tallyChanges.key} AS INTEGER) FROM ${tallyChanges} WHERE ${tallyChanges.subject} = ${subject})`;

/** A column equal to a value, or empty when the value is null (no office, no county). */
const isOrNone = (column: SQLiteColumn, value: unknown) => (value === null ? isNull(column) : eq(column, value));

const everything = (from: string | null, to: string | null): TallyScope => ({ institutionIds: 'all', from, to, townshipIds: null, campaign: null, area: null, office: null });

/**
 * The offices whose records the running totals keep apart, as common table expressions ending in
 * offices(office, institution): each city and county with the institutions placed in it or in an area under it,
 * which is the reach of a bureau placed there (scope.ts). Used in a WITH RECURSIVE clause.
 */
const OFFICES = sql`under(office, area) AS (
    SELECT ${areas.id}, ${areas.id} FROM ${areas} WHERE ${areas.level} IN ('city', 'county')
    UNION ALL SELECT under.office, ${areas.id} FROM ${areas} INNER JOIN under ON ${areas.parentId} = under.area),
  offices(office, institution) AS (SELECT under.office, ${institutions.id} FROM under INNER JOIN ${institutions} ON ${institutions.areaId} = under.area)`;

/** Each office with institutions, and its institutions in order; worked out again once the area tree changes. */
function officesOf(tx: Tx): Map<number, number[]> {
  const kept = perDatabase(tx, 'tallyOffices', () => ({ version: -1, offices: new Map<number, number[]>() }));
  const version = areaTreeVersionNow(tx);
  if (kept.version !== version) {
    const rows = tx.all<{ office: number; institution: number }>(sql`WITH RECURSIVE ${OFFICES} SELECT office, institution FROM offices ORDER BY 1, 2`);
    kept.offices = new Map([...Map.groupBy(rows, (r) => r.office)].map(([office, members]) => [office, members.map((m) => m.institution)]));
    kept.version = version;
  }
  return kept.offices;
}

/** The office whose institutions are exactly these (in order), if any: its running totals count them. */
export function officeOf(tx: Tx, institutionIds: readonly number[]): number | null {
  for (const [office, members] of officesOf(tx)) {
    if (members.length === institutionIds.length && members.every((id, i) => id === institutionIds[i])) return office;
  }
  return null;
}

/** Turns what the triggers noted into the days and the distinct keys whose totals must be counted again. */
function expandChanges(tx: Tx): void {
  const note = (subject: Subject, select: SQL) =>
    tx.run(sql`INSERT INTO ${tallyChanges} (subject, key) SELECT ${subject}, k FROM (${select}) AS noted WHERE k IS NOT NULL ON CONFLICT DO NOTHING`);
  const changedEvents = changedIds('event');
  note('event_day', sql`SELECT ${tallyChanges.key} AS k FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'event'`);
  note('institution', sql`SELECT ${events.organiserId} AS k FROM ${events} WHERE ${events.id} IN ${changedEvents}
    UNION SELECT ${eventCoorganisers.institutionId} FROM ${eventCoorganisers} WHERE ${eventCoorganisers.eventId} IN ${changedEvents}`);
  note('vehicle', sql`SELECT ${dispatches.vehicleId} AS k FROM ${dispatches} WHERE ${dispatches.eventId} IN ${changedEvents}`);
  const eventPlaces = sql`${signups} INNER JOIN ${shifts} ON ${shifts.id} = ${signups.shiftId} INNER JOIN ${eventRoles} ON ${eventRoles.id} = ${shifts.roleId}
    WHERE ${eventRoles.eventId} IN ${changedEvents}`;
  note('staff', sql`SELECT ${signups.staffId} AS k FROM ${eventPlaces}`);
  note('user', sql`SELECT ${signups.userId} AS k FROM ${eventPlaces}`);
  // A person is their account when they have one: the accounts behind changed staff records, and those who
  // held places through a changed staff record or a changed account's staff record.
  note('user', sql`SELECT ${staff.userId} AS k FROM ${staff} WHERE ${staff.id} IN ${changedIds('staff')}`);
  note('user', sql`SELECT ${signups.userId} AS k FROM ${signups}
    WHERE ${signups.staffId} IN ${changedIds('staff')} OR ${signups.staffId} IN (SELECT ${staff.id} FROM ${staff} WHERE ${staff.userId} IN ${changed('user')})`);
  note('day', sql`SELECT ${events.date} AS k FROM ${events} WHERE ${events.id} IN ${changedIds('event_day')}`);
  note('day', sql`SELECT ${beijingDateSql(visits.visitedAt)} AS k FROM ${visits} WHERE ${visits.id} IN ${changedIds('visit_day')}`);
  note('day', sql`SELECT ${beijingDateSql(sql`CAST(${tallyChanges.key} AS INTEGER)`)} AS k FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'instant'`);
}

/** Adds up the additive figures of several groups (goods by kind and unit, in that order as a tally lists them). */
function sumOf(groups: AdditiveFigures[]): AdditiveFigures {
  const total = noAdditiveFigures();
  for (const name of ADDITIVE_NAMES) total[name] = groups.reduce((sum, g) => sum + g[name], 0);
  const lines = new Map<string, AdditiveFigures['materials'][number]>();
  for (const line of groups.flatMap((g) => g.materials)) {
    const key = `${line.kind}/${line.unit}`;
    const seen = lines.get(key);
    lines.set(key, seen ? { ...seen, quantity: seen.quantity + line.quantity, valueFen: seen.valueFen + line.valueFen } : line);
  }
  total.materials = [...lines.values()].sort((a, b) => (a.kind === b.kind ? (a.unit < b.unit ? -1 : 1) : a.kind < b.kind ? -1 : 1));
  return total;
}

/** What a day's records add up to at one institution and in one county (or none). */
type CountedPlace = { institution: number; county: number | null; figures: AdditiveFigures };

/**
 * Counts each changed day again, per county and everywhere, for every institution and for each office, and
 * stores its additive figures (no row for nothing). The records are counted once by institution and county;
 * an office's figures are its institutions' added up, with the events its institutions co-organise under
 * another's lead (counted under that organiser) added from the records.
 */
function recountDays(tx: Tx): string[] {
  const days = tx.all<{ day: string }>(sql`SELECT ${tallyChanges.key} AS day FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'day' ORDER BY 1`);
  const offices = [...officesOf(tx)].map(([office, members]) => ({ office, members: new Set(members) }));
  const officesOfInstitution = new Map<number, number[]>();
  for (const { office, members } of offices) for (const id of members) officesOfInstitution.set(id, [...(officesOfInstitution.get(id) ?? []), office]);
  // The offices and counties whose days changed, by month: only their months are added up again.
  const placesOfMonth = new Map<string, Map<string, OfficeAndCounty>>();
  for (const { day } of days) {
    const scope = everything(day, day);
    const eventIds = doneEvents(scope);
    const counted: CountedPlace[] = [...additiveFigures(tx, scope, eventIds, 'institution and county')].flatMap(([key, figures]) => {
      if (key === null) return [];
      const [institution, county] = key.split('/');
      return [{ institution: Number(institution), county: county === '' ? null : Number(county), figures }];
    });
    const visited = tx.all<{ institution: number; county: number | null; key: number }>(
      sql`SELECT DISTINCT institution, county, key FROM (${distinctRecords(scope, eventIds, { split: 'county' }).household}) AS r`,
    );
    const jointEvents = tx.all<{ id: number; organiser: number; coorganiser: number }>(sql`SELECT ${events.id} AS id, ${events.organiserId} AS organiser, ${eventCoorganisers.institutionId} AS coorganiser
      FROM ${eventCoorganisers} INNER JOIN ${events} ON ${events.id} = ${eventCoorganisers.eventId} WHERE ${coorganiserAccepted} AND ${events.id} IN ${eventIds}`);
    const rows: DayRows = { days: [], materials: [] };
    addDay(rows, day, null, counted, visited, new Map());
    for (const { office, members } of offices) {
      const ledElsewhere = [...new Set(jointEvents.filter((e) => !members.has(e.organiser) && members.has(e.coorganiser)).map((e) => e.id))];
      const joint = ledElsewhere.length === 0 ? new Map() : additiveFigures(tx, { ...scope, institutionIds: [] }, sql`(${sql.join(ledElsewhere.map((id) => sql`${id}`), sql`, `)})`, 'county');
      addDay(rows, day, office, counted.filter((c) => members.has(c.institution)), visited.filter((v) => members.has(v.institution)), joint);
    }
    const changed = [
      ...writeChanged(tx, tallyDays, eq(tallyDays.day, day), rows.days, ['officeId', 'countyId']),
      ...writeChanged(tx, tallyDayMaterials, eq(tallyDayMaterials.day, day), rows.materials, ['officeId', 'countyId', 'kind', 'unit']),
      ...recountDayProducts(tx, scope, officesOfInstitution),
    ];
    const places = placesOfMonth.get(day.slice(0, 7)) ?? new Map<string, OfficeAndCounty>();
    for (const { officeId, countyId } of changed) places.set(`${officeId}/${countyId}`, { office: officeId as number | null, county: countyId as number | null });
    placesOfMonth.set(day.slice(0, 7), places);
  }
  const months = [...new Set(days.map(({ day }) => day.slice(0, 7)))];
  recountMonths(tx, placesOfMonth);
  recountInstitutionMonths(tx, months);
  return days.map(({ day }) => day);
}

type DayRows = { days: (typeof tallyDays.$inferInsert)[]; materials: (typeof tallyDayMaterials.$inferInsert)[] };

/**
 * Adds a day's rows for every institution (office null) or for an office, per county and everywhere: the
 * places' figures and those of its joint events, by county; households visited, each once.
 */
function addDay(rows: DayRows, day: string, officeId: number | null, counted: CountedPlace[], visited: { county: number | null; key: number }[], joint: Map<number | null, AdditiveFigures>): void {
  const placed = [...counted, ...[...joint].map(([county, figures]) => ({ county, figures }))];
  const byCounty = new Map([...Map.groupBy(placed, (p) => p.county)].map(([county, places]) => [county, places.map((p) => p.figures)]));
  const households = (county: number | null | undefined) => new Set(visited.filter((v) => county === undefined || v.county === county).map((v) => v.key)).size;
  const store = (countyId: number | null, { materials, ...sums }: AdditiveFigures, householdsVisited: number) => {
    if (Object.values(sums).some((n) => n !== 0)) rows.days.push({ day, officeId, countyId, ...sums, householdsVisited });
    rows.materials.push(...materials.filter((m) => m.quantity !== 0 || m.valueFen !== 0).map((m) => ({ day, officeId, countyId, ...m })));
  };
  for (const [countyId, groups] of byCounty) if (countyId !== null) store(countyId, sumOf(groups), households(countyId));
  // Everywhere: the counties and the records in no county.
  store(null, sumOf([...byCounty.values()].flat()), households(undefined));
}

/**
 * Counts a day's purchases again by product and measure, per county and everywhere, for every institution and
 * for each office (no row for nothing).
 */
function recountDayProducts(tx: Tx, scope: TallyScope, officesOfInstitution: Map<number, number[]>): Record<string, unknown>[] {
  const day = scope.from!;
  const county = sql<number | null>`${countyOfVillage(purchases.villageId)}`;
  const counted = tx
    .select({ institutionId: purchases.institutionId, countyId: county, ...byProduct })
    .from(purchases)
    .innerJoin(products, eq(products.id, purchases.productId))
    .where(purchaseCondition(scope))
    .groupBy(purchases.institutionId, county, products.name, byProduct.unit)
    .all();
  type Line = Omit<(typeof counted)[number], 'institutionId'> & { officeId: number | null };
  const lines = new Map<string, Line>();
  const add = (officeId: number | null, countyId: number | null, { institutionId: _counted, ...line }: (typeof counted)[number]) => {
    const key = `${officeId}/${countyId}/${line.product}/${line.unit}`;
    const seen = lines.get(key);
    if (!seen) lines.set(key, { ...line, officeId, countyId });
    else for (const amount of ['weighed', 'orderedOnly', 'quantity', 'valueFen'] as const) seen[amount] += line[amount];
  };
  for (const line of counted) {
    for (const officeId of [null, ...(officesOfInstitution.get(line.institutionId) ?? [])]) {
      if (line.countyId !== null) add(officeId, line.countyId, line);
      add(officeId, null, line);
    }
  }
  return writeChanged(tx, tallyDayProducts, eq(tallyDayProducts.day, day), [...lines.values()].map((line) => ({ day, ...line })), ['officeId', 'countyId', 'product', 'unit']);
}

/** A table of running totals whose rows are rewritten only where they differ (writeChanged). */
type CountedTable =
  | typeof tallyDays
  | typeof tallyDayMaterials
  | typeof tallyDayProducts
  | typeof tallyMonths
  | typeof tallyMonthMaterials
  | typeof tallyMonthProducts
  | typeof tallyInstitutionMonths
  | typeof tallyInstitutionMonthMaterials
  | typeof tallyInstitutionYears
  | typeof tallyInstitutionYearMaterials;

/** Inserts rows in statements as large as SQLite's limit of variables allows (a day holds thousands of offices' rows). */
function insertAll<T extends CountedTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const perStatement = Math.floor(30_000 / Object.keys(getTableColumns(table)).length);
  for (let i = 0; i < rows.length; i += perStatement) tx.insert(table).values(rows.slice(i, i + perStatement)).run();
}

/** A day column within a month. */
const inMonth = (day: SQLiteColumn, month: string) => and(gte(day, `${month}-01`), lte(day, lastDayOfMonth(month)));

const ADDITIVE_COLUMNS = sql.raw(ADDITIVE_NAMES.map((name) => tallyDays[name].name).join(', '));

/** An office (or every institution: null) and a county (or everywhere: null): where a row of the totals counts. */
type OfficeAndCounty = { office: number | null; county: number | null };

/** How many places of a month are added up one by one before the whole month is. */
const PLACES_APART = 200;

/** Adds up again the days of each month given, for the offices and counties given (or all, when they are many). */
function recountMonths(tx: Tx, placesOfMonth: Map<string, Map<string, OfficeAndCounty>>): void {
  const place = sql`office_id AS "officeId", county_id AS "countyId"`;
  for (const [month, changed] of placesOfMonth) {
    if (changed.size === 0) continue;
    const of = (table: { officeId: SQLiteColumn; countyId: SQLiteColumn }) =>
      changed.size > PLACES_APART ? undefined : or(...[...changed.values()].map((p) => and(isOrNone(table.officeId, p.office), isOrNone(table.countyId, p.county))));
    const days = (table: typeof tallyDays | typeof tallyDayMaterials | typeof tallyDayProducts) => and(inMonth(table.day, month), of(table));
    const months = (table: typeof tallyMonths | typeof tallyMonthMaterials | typeof tallyMonthProducts) => and(eq(table.month, month), of(table))!;
    const sums = tx.all<Omit<typeof tallyMonths.$inferInsert, 'month'>>(sql`SELECT ${place}, ${ADDITIVE_SUMS} FROM ${tallyDays} WHERE ${days(tallyDays)} GROUP BY office_id, county_id`);
    writeChanged(tx, tallyMonths, months(tallyMonths), sums.map((row) => ({ month, ...row })), ['officeId', 'countyId']);
    const goods = tx.all<Omit<typeof tallyMonthMaterials.$inferInsert, 'month'>>(sql`SELECT ${place}, kind, unit, SUM(quantity) AS quantity, SUM(value_fen) AS "valueFen"
      FROM ${tallyDayMaterials} WHERE ${days(tallyDayMaterials)} GROUP BY office_id, county_id, kind, unit`);
    writeChanged(tx, tallyMonthMaterials, months(tallyMonthMaterials), goods.map((row) => ({ month, ...row })), ['officeId', 'countyId', 'kind', 'unit']);
    const bought = tx.all<Omit<typeof tallyMonthProducts.$inferInsert, 'month'>>(sql`SELECT ${place}, product, unit, SUM(weighed) AS weighed, SUM(ordered_only) AS "orderedOnly", SUM(quantity) AS quantity, SUM(value_fen) AS "valueFen"
      FROM ${tallyDayProducts} WHERE ${days(tallyDayProducts)} GROUP BY office_id, county_id, product, unit`);
    writeChanged(tx, tallyMonthProducts, months(tallyMonthProducts), bought.map((row) => ({ month, ...row })), ['officeId', 'countyId', 'product', 'unit']);
  }
}

/** Counts the distinct households visited in each month given, per office and county: each one's first day in it. */
function countMonthHouseholds(tx: Tx, months: string[]): void {
  for (const month of months) {
    tx.update(tallyMonths).set({ householdsVisited: 0 }).where(and(eq(tallyMonths.month, month), sql`${tallyMonths.householdsVisited} <> 0`)).run();
    tx.run(sql`UPDATE ${tallyMonths} SET households_visited = counted.n
      FROM (SELECT ifnull(${tallyKeyDays.officeId}, 0) AS office, ifnull(${tallyKeyDays.countyId}, 0) AS county, COUNT(*) AS n FROM ${tallyKeyDays}
        WHERE ${tallyKeyDays.figure} = 'household' AND ${inMonth(tallyKeyDays.day, month)} AND (${tallyKeyDays.previousDay} IS NULL OR ${tallyKeyDays.previousDay} < ${`${month}-01`})
        GROUP BY 1, 2) AS counted
      WHERE ${tallyMonths.month} = ${month} AND ifnull(${tallyMonths.officeId}, 0) = counted.office AND ifnull(${tallyMonths.countyId}, 0) = counted.county`);
  }
}

/** Counts the months given again per institution, from the records, and their years from the months. */
function recountInstitutionMonths(tx: Tx, months: string[]): void {
  const institutionsOfYear = new Map<string, Set<number>>();
  for (const month of months) {
    const scope = everything(`${month}-01`, lastDayOfMonth(month));
    // Every record has an institution; the group without one is only ever the empty month's.
    const counted = [...additiveFigures(tx, scope, doneEvents(scope), 'institution')].flatMap(([institutionId, figures]) => (institutionId === null ? [] : [{ institutionId, ...figures }]));
    // No row for nothing, as for the days.
    const rows = counted.flatMap(({ institutionId, materials: _lines, ...sums }) => (Object.values(sums).some((n) => n !== 0) ? [{ month, institutionId, ...sums }] : []));
    const lines = counted.flatMap(({ institutionId, materials }) => materials.filter((m) => m.quantity !== 0 || m.valueFen !== 0).map((m) => ({ month, institutionId, ...m })));
    const changed = [...writeChanged(tx, tallyInstitutionMonths, eq(tallyInstitutionMonths.month, month), rows, ['institutionId']), ...writeChanged(tx, tallyInstitutionMonthMaterials, eq(tallyInstitutionMonthMaterials.month, month), lines, ['institutionId', 'kind', 'unit'])];
    const year = month.slice(0, 4);
    const ids = institutionsOfYear.get(year) ?? new Set<number>();
    for (const { institutionId } of changed) ids.add(institutionId as number);
    institutionsOfYear.set(year, ids);
  }
  // The years of those months added up again from their months, for the institutions whose months changed.
  for (const [year, ids] of institutionsOfYear) {
    const of = (table: { institutionId: SQLiteColumn }) => inArray(table.institutionId, [...ids]);
    const inYear = (table: typeof tallyInstitutionMonths | typeof tallyInstitutionMonthMaterials) => and(of(table), gte(table.month, `${year}-01`), lte(table.month, `${year}-12`));
    const sums = tx.all<Omit<typeof tallyInstitutionYears.$inferInsert, 'year'>>(sql`SELECT institution_id AS "institutionId", ${ADDITIVE_SUMS} FROM ${tallyInstitutionMonths} WHERE ${inYear(tallyInstitutionMonths)} GROUP BY institution_id`);
    writeChanged(tx, tallyInstitutionYears, and(eq(tallyInstitutionYears.year, year), of(tallyInstitutionYears))!, sums.map((row) => ({ year, ...row })), ['institutionId']);
    const goods = tx.all<Omit<typeof tallyInstitutionYearMaterials.$inferInsert, 'year'>>(sql`SELECT institution_id AS "institutionId", kind, unit, SUM(quantity) AS quantity, SUM(value_fen) AS "valueFen"
      FROM ${tallyInstitutionMonthMaterials} WHERE ${inYear(tallyInstitutionMonthMaterials)} GROUP BY institution_id, kind, unit`);
    writeChanged(tx, tallyInstitutionYearMaterials, and(eq(tallyInstitutionYearMaterials.year, year), of(tallyInstitutionYearMaterials))!, goods.map((row) => ({ year, ...row })), ['institutionId', 'kind', 'unit']);
  }
}

/**
 * Makes a day's or a month's rows of a table (those `where` selects) the given ones, writing only those that
 * differ: its rows lie across indexes ordered by office, county or institution, and rewriting the thousands of
 * a province's day or month costs most of a second where a change alters a few. Columns a row does not give
 * (a month's households, counted afterwards) are kept. Returns the rows written or removed.
 */
function writeChanged<T extends CountedTable>(tx: Tx, table: T, where: SQL, rows: T['$inferInsert'][], key: (keyof T['$inferInsert'] & keyof T['_']['columns'])[]): Record<string, unknown>[] {
  const keyOf = (row: Record<string, unknown>) => key.map((k) => String(row[k as string])).join('/');
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(b).every((k) => a[k] === b[k]);
  const kept = new Map((tx.select().from(table as typeof tallyDays).where(where).all() as Record<string, unknown>[]).map((row) => [keyOf(row), row]));
  const stale: Record<string, unknown>[] = [];
  const written: T['$inferInsert'][] = [];
  for (const row of rows) {
    const old = kept.get(keyOf(row));
    kept.delete(keyOf(row));
    if (old && same(old, row)) continue;
    if (old) stale.push(old);
    written.push(row);
  }
  // What is gone or different is deleted; what is new or different is written.
  stale.push(...kept.values());
  const columns = table as unknown as Record<string, SQLiteColumn>;
  for (const row of stale) tx.delete(table).where(and(where, ...key.map((k) => isOrNone(columns[k as string], row[k as string])))).run();
  insertAll(tx, table, written);
  return [...stale, ...written];
}

/** Finds again the days of each changed institution, ambulance, person and household, everywhere and per county. */
function recountKeyDays(tx: Tx): void {
  const users = changed('user');
  const staffIds = changedIds('staff');
  // Every place whose person may be a changed account or staff record (three lookups, each by its index).
  const placesOf = sql`${signups.id} IN (SELECT ${signups.id} FROM ${signups} WHERE ${signups.userId} IN ${users}
    UNION SELECT ${signups.id} FROM ${signups} WHERE ${signups.staffId} IN ${staffIds}
    UNION SELECT ${signups.id} FROM ${signups} WHERE ${signups.staffId} IN (SELECT ${staff.id} FROM ${staff} WHERE ${staff.userId} IN ${users}))`;
  const people = sql`(SELECT 'staff:' || ${tallyChanges.key} FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'staff' UNION SELECT ${tallyChanges.key} FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'user')`;
  const all = everything(null, null);
  const records = distinctRecords(all, doneEvents(all), {
    split: 'county',
    only: {
      institution: sql`${events.id} IN (SELECT ${events.id} FROM ${events} WHERE ${events.organiserId} IN ${changedIds('institution')}
        UNION SELECT ${eventCoorganisers.eventId} FROM ${eventCoorganisers} WHERE ${eventCoorganisers.institutionId} IN ${changedIds('institution')})`,
      ambulance: sql`${dispatches.vehicleId} IN ${changedIds('vehicle')}`,
      people: placesOf,
      household: sql`${visits.householdId} IN ${changedIds('household')}`,
    },
  });
  const keys: Record<DistinctFigure, SQL> = { institution: changed('institution'), ambulance: changed('vehicle'), medical_staff: people, volunteer: people, household: changed('household') };
  const subjects: Record<DistinctFigure, Subject[]> = { institution: ['institution'], ambulance: ['vehicle'], medical_staff: ['staff', 'user'], volunteer: ['staff', 'user'], household: ['household'] };
  for (const figure of DISTINCT_FIGURES) {
    if (!tx.get(sql`SELECT 1 FROM ${tallyChanges} WHERE ${inArray(tallyChanges.subject, subjects[figure])} LIMIT 1`)) continue;
    // The months in which these keys have days, before and after: their counts of days by the day before change.
    const keyMonths = () =>
      tx.all<KeyMonth>(sql`SELECT DISTINCT ${tallyKeyDays.officeId} AS office, ${tallyKeyDays.countyId} AS county, substr(${tallyKeyDays.day}, 1, 7) AS month FROM ${tallyKeyDays}
        WHERE ${tallyKeyDays.figure} = ${figure} AND ${tallyKeyDays.key} IN ${keys[figure]}`);
    const months = keyMonths();
    tx.run(sql`DELETE FROM ${tallyKeyDays} WHERE ${tallyKeyDays.figure} = ${figure} AND ${tallyKeyDays.key} IN ${keys[figure]}`);
    // Each key's days per county (or in no county), once; everywhere they are those days together; and the same
    // per office, of the records belonging to its institutions (an event's to its organiser and co-organisers,
    // a visit's to the visiting institution). Each day notes the key's day before it, in the same place.
    tx.run(sql`WITH RECURSIVE ${OFFICES},
      present AS MATERIALIZED (
        SELECT DISTINCT key, county, day, event, institution FROM (SELECT CAST(key AS TEXT) AS key, day, county, event, institution FROM (${records[figure]}) AS r) AS counted
        WHERE key IN ${keys[figure]}),
      in_offices AS MATERIALIZED (
        SELECT DISTINCT offices.office, belonging.key, belonging.county, belonging.day FROM (
          SELECT key, county, day, institution FROM present WHERE institution IS NOT NULL
          UNION ALL SELECT present.key, present.county, present.day, ${events.organiserId} FROM present INNER JOIN ${events} ON ${events.id} = present.event
          UNION ALL SELECT present.key, present.county, present.day, ${eventCoorganisers.institutionId} FROM present INNER JOIN ${eventCoorganisers} ON ${eventCoorganisers.eventId} = present.event
            WHERE ${coorganiserAccepted}) AS belonging
        INNER JOIN offices ON offices.institution = belonging.institution)
      INSERT INTO ${tallyKeyDays} (figure, office_id, county_id, key, day, previous_day)
      SELECT ${figure}, NULL, NULL, key, day, LAG(day) OVER (PARTITION BY key ORDER BY day) FROM (SELECT DISTINCT key, day FROM present) AS everywhere
      UNION ALL SELECT ${figure}, NULL, county, key, day, LAG(day) OVER (PARTITION BY county, key ORDER BY day) FROM (SELECT DISTINCT key, county, day FROM present WHERE county IS NOT NULL) AS in_county
      UNION ALL SELECT ${figure}, office, NULL, key, day, LAG(day) OVER (PARTITION BY office, key ORDER BY day) FROM (SELECT DISTINCT office, key, day FROM in_offices) AS office_everywhere
      UNION ALL SELECT ${figure}, office, county, key, day, LAG(day) OVER (PARTITION BY office, county, key ORDER BY day) FROM in_offices WHERE county IS NOT NULL`);
    recountKeyMonths(tx, figure, [...months, ...keyMonths()]);
  }
}

/** A month of a place's keys' days: in an office (or for every institution) and a county (or everywhere). */
type KeyMonth = OfficeAndCounty & { month: string };

/** How many months a figure's changes may touch before all its months are counted again at once. */
const KEY_MONTHS_APART = 20_000;

/**
 * Counts again the keys' days of each month, office and county given (tally_key_months), by the month of the day
 * before, from tally_key_days; a figure's every month at once when the changes touched very many.
 */
function recountKeyMonths(tx: Tx, figure: DistinctFigure, months: KeyMonth[]): void {
  const counted = (from: SQL) => sql`INSERT INTO ${tallyKeyMonths} (figure, office_id, county_id, month, previous_month, keys)
    SELECT ${figure}, ${tallyKeyDays.officeId}, ${tallyKeyDays.countyId}, substr(${tallyKeyDays.day}, 1, 7), substr(${tallyKeyDays.previousDay}, 1, 7), COUNT(*) ${from}
    GROUP BY ${tallyKeyDays.officeId}, ${tallyKeyDays.countyId}, substr(${tallyKeyDays.day}, 1, 7), substr(${tallyKeyDays.previousDay}, 1, 7)`;
  const touched = [...new Map(months.map((m) => [`${m.office}/${m.county}/${m.month}`, m])).values()];
  if (touched.length > KEY_MONTHS_APART) {
    tx.delete(tallyKeyMonths).where(eq(tallyKeyMonths.figure, figure)).run();
    tx.run(counted(sql`FROM ${tallyKeyDays} WHERE ${tallyKeyDays.figure} = ${figure}`));
    return;
  }
  // A few thousand months at a time, each found by its place and month through the indexes (IS NOT DISTINCT
  // FROM: the same office or none, the same county or none).
  for (let i = 0; i < touched.length; i += 2_000) {
    const list = sql`touched(office, county, month) AS (VALUES ${sql.join(
      touched.slice(i, i + 2_000).map((m) => sql`(${m.office}, ${m.county}, ${m.month})`),
      sql`, `,
    )})`;
    tx.run(sql`WITH ${list} DELETE FROM ${tallyKeyMonths} WHERE ${tallyKeyMonths.id} IN (SELECT kept.id FROM touched INNER JOIN ${tallyKeyMonths} AS kept
      ON kept.office_id IS NOT DISTINCT FROM touched.office AND kept.county_id IS NOT DISTINCT FROM touched.county AND kept.figure = ${figure} AND kept.month = touched.month)`);
    tx.run(sql`WITH ${list} ${counted(sql`FROM touched INNER JOIN ${tallyKeyDays} ON ${tallyKeyDays.figure} = ${figure}
      AND ${tallyKeyDays.officeId} IS NOT DISTINCT FROM touched.office AND ${tallyKeyDays.countyId} IS NOT DISTINCT FROM touched.county
      AND ${tallyKeyDays.day} >= touched.month || '-01' AND ${tallyKeyDays.day} <= touched.month || '-31'`)}`);
  }
}

/**
 * Takes in every change noted since the last time, in one transaction. Cheap when nothing has changed; after
 * a change, it counts again only the days and keys concerned. Returns how many days were counted again.
 */
export function bringRunningTotalsUpToDate(tx: Tx): number {
  return recount(tx, Infinity) ?? 0;
}

/** How many changed days a reader of a tally counts again itself; more are left to the minute's job (serve.mjs). */
export const DAYS_A_READER_COUNTS = 31;

/**
 * Brings the running totals up to date for a reader when few days changed, and says whether they are. When more
 * did (a village moved to another county changes every day), the reader counts its records instead, rather than
 * hold the write lock while thousands of days are counted; the minute's job counts them.
 */
export function runningTotalsReady(tx: Tx): boolean {
  return recount(tx, DAYS_A_READER_COUNTS) !== null;
}

/** Counts the changed days again, unless more than `atMostDays` changed: then null, with the changes kept. */
function recount(tx: Tx, atMostDays: number): number | null {
  if (!tx.get(sql`SELECT 1 FROM ${tallyChanges} LIMIT 1`)) return 0;
  // Expanding only adds days: once the days already noted are too many, every reader until the job skips it.
  const tooMany = (db: Tx) => atMostDays !== Infinity && db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${tallyChanges} WHERE ${tallyChanges.subject} = 'day'`)!.n > atMostDays;
  if (tooMany(tx)) return null;
  return tx.transaction(
    (inner) => {
      if (!inner.get(sql`SELECT 1 FROM ${tallyChanges} LIMIT 1`)) return 0;
      expandChanges(inner);
      if (tooMany(inner)) return null;
      const days = recountDays(inner);
      recountKeyDays(inner);
      // A month's households are counted from the keys' days, so once those are.
      countMonthHouseholds(inner, [...new Set(days.map((day) => day.slice(0, 7)))]);
      inner.delete(tallyChanges).run();
      return days.length;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Empties the running totals and notes every record for counting, so that the next bringing up to date counts
 * everything from the records (as the migration that made the totals did).
 */
export function noteEverything(tx: Tx): void {
  for (const table of [tallyDays, tallyDayMaterials, tallyDayProducts, tallyMonths, tallyMonthMaterials, tallyMonthProducts, tallyInstitutionMonths, tallyInstitutionMonthMaterials, tallyInstitutionYears, tallyInstitutionYearMaterials, tallyKeyDays, tallyKeyMonths, tallyChanges]) tx.delete(table).run();
  const note = (subject: Subject, select: SQL) => tx.run(sql`INSERT OR IGNORE INTO ${tallyChanges} (subject, key) SELECT ${subject}, k FROM (${select}) AS noted WHERE k IS NOT NULL`);
  note('event', sql`SELECT ${events.id} AS k FROM ${events}`);
  note('instant', sql`SELECT ${visits.visitedAt} AS k FROM ${visits}`);
  note('household', sql`SELECT ${visits.householdId} AS k FROM ${visits}`);
  note('visit_day', sql`SELECT ${stockEntries.visitId} AS k FROM ${stockEntries}`);
  note('day', sql`SELECT ${donations.date} AS k FROM ${donations}`);
  note('day', sql`SELECT ${purchases.deliveryDate} AS k FROM ${purchases}`);
  note('day', sql`SELECT ${pairingProjects.committedOn} AS k FROM ${pairingProjects}`);
  note('day', sql`SELECT ${projectPayments.paidOn} AS k FROM ${projectPayments}`);
}

/** Every row of the running totals, one line each, in a fixed order: what two databases' totals are compared by. */
function runningTotalLines(tx: Tx): Set<string> {
  const lines = new Set<string>();
  const tables = [['tally_days', tallyDays], ['tally_day_materials', tallyDayMaterials], ['tally_day_products', tallyDayProducts], ['tally_months', tallyMonths], ['tally_month_materials', tallyMonthMaterials], ['tally_month_products', tallyMonthProducts],
    ['tally_institution_months', tallyInstitutionMonths], ['tally_institution_month_materials', tallyInstitutionMonthMaterials], ['tally_institution_years', tallyInstitutionYears],
    ['tally_institution_year_materials', tallyInstitutionYearMaterials], ['tally_key_days', tallyKeyDays], ['tally_key_months', tallyKeyMonths]] as const;
  for (const [name, table] of tables) {
    for (const row of tx.select().from(table).all()) lines.add(`${name} ${JSON.stringify(row)}`);
  }
  return lines;
}

/**
 * Counts everything again from the records in a copy of the database (written to `copyPath`, then removed) and
 * returns the rows in which the running totals differ from that count: '-' kept but wrong, '+' missing.
 * Empty when they agree. For `npm run tallies:verify`.
 */
export function verifyRunningTotals(db: Db, copyPath: string): string[] {
  bringRunningTotalsUpToDate(db);
  db.run(sql`VACUUM INTO ${copyPath}`);
  const copy = openDatabase(copyPath);
  try {
    copy.transaction((tx) => noteEverything(tx));
    bringRunningTotalsUpToDate(copy);
    const kept = runningTotalLines(db);
    const counted = runningTotalLines(copy);
    return [...[...kept].filter((line) => !counted.has(line)).map((line) => `- ${line}`), ...[...counted].filter((line) => !kept.has(line)).map((line) => `+ ${line}`)];
  } finally {
    copy.$client.close();
    rmSync(copyPath, { force: true });
  }
}

/** Which counties' rows a tally reads: everywhere's (null), the given counties', or each county's. */
type Counties = number[] | null | 'each';

/** The counties whose rows make up a tally's area (the areas directly above its townships); null for everywhere. */
function countiesOf(tx: Tx, scope: TallyScope): number[] | null {
  if (scope.townshipIds === null) return null;
  if (scope.area?.level === 'county') return [scope.area.id];
  if (scope.townshipIds.length === 0) return [];
  return tx.selectDistinct({ id: areas.parentId }).from(areas).where(inArray(areas.id, scope.townshipIds)).all().map((a) => a.id!);
}

/** Which rows a tally reads: those of every institution (office null) or of an office, in its counties. */
type Place = { office: number | null; counties: Counties };

function placeOf(tx: Tx, scope: TallyScope): Place {
  return { office: scope.institutionIds === 'all' ? null : scope.office, counties: countiesOf(tx, scope) };
}

/** The rows of a running-totals table in a place. */
const inPlace = ({ office, counties }: Place, table: { officeId: SQLiteColumn; countyId: SQLiteColumn }) =>
  and(
    isOrNone(table.officeId, office),
    counties === null ? isNull(table.countyId) : counties === 'each' ? isNotNull(table.countyId) : counties.length === 0 ? sql`1 = 0` : inArray(table.countyId, counties),
  );

/**
 * The dates from `from` to `to` (either open) as whole months and the days at either end outside them:
 * 2019-01-15…2019-12-31 is the days 2019-01-15…2019-01-31 and the months 2019-02…2019-12.
 */
export function monthsAndDays(from: string | null, to: string | null): { months: { from: string | null; to: string | null } | null; days: { from: string; to: string }[] } {
  const monthEnd = (day: string) => lastDayOfMonth(day.slice(0, 7));
  const first = from === null ? null : from.endsWith('-01') ? from.slice(0, 7) : addMonths(`${from.slice(0, 7)}-01`, 1).slice(0, 7);
  const last = to === null ? null : to === monthEnd(to) ? to.slice(0, 7) : addMonths(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (first !== null && last !== null && first > last) return { months: null, days: from! <= to! ? [{ from: from!, to: to! }] : [] };
  const days = [];
  if (from !== null && first !== from.slice(0, 7)) days.push({ from, to: monthEnd(from) });
  if (to !== null && last !== to.slice(0, 7)) days.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { from: first, to: last }, days };
}

/**
 * A tally's rows of a pair of running-totals tables, as a subquery of the county and the given columns: the
 * whole months in its dates from the month table, the days at either end from the day table.
 */
function periodRows(scope: TallyScope, place: Place, tables: { days: typeof tallyDays | typeof tallyDayMaterials | typeof tallyDayProducts; months: typeof tallyMonths | typeof tallyMonthMaterials | typeof tallyMonthProducts }, columns: SQL): SQL {
  const { months, days } = monthsAndDays(scope.from, scope.to);
  const parts = [];
  if (months) {
    const month = tables.months.month;
    const within = and(inPlace(place, tables.months), months.from ? gte(month, months.from) : undefined, months.to ? lte(month, months.to) : undefined);
    parts.push(sql`SELECT county_id, ${columns} FROM ${tables.months} WHERE ${within}`);
  }
  for (const { from, to } of days) parts.push(sql`SELECT county_id, ${columns} FROM ${tables.days} WHERE ${and(inPlace(place, tables.days), gte(tables.days.day, from), lte(tables.days.day, to))}`);
  return parts.length === 0 ? sql`SELECT county_id, ${columns} FROM ${tables.days} WHERE 1 = 0` : sql.join(parts, sql` UNION ALL `);
}

const MATERIAL_COLUMNS = sql.raw('kind, unit, quantity, value_fen');
/** The sum of each additive figure over rows holding their columns (tally_days', tally_months'). */
const ADDITIVE_SUMS = sql.raw(ADDITIVE_NAMES.map((name) => `COALESCE(SUM(${tallyDays[name].name}), 0) AS "${name}"`).join(', '));

/**
 * The rows of tally_key_days that count a distinct figure in a tally's dates: each key's first day in them. From
 * the beginning, a key's first day; from a start date, its first day on or after it (its day before is earlier).
 */
function firstInDates(scope: TallyScope, place: Place) {
  return and(
    inPlace(place, tallyKeyDays),
    scope.from === null ? isNull(tallyKeyDays.previousDay) : and(gte(tallyKeyDays.day, scope.from), sql`(${tallyKeyDays.previousDay} IS NULL OR ${tallyKeyDays.previousDay} < ${scope.from})`),
    scope.to ? lte(tallyKeyDays.day, scope.to) : undefined,
  );
}

// The figures are the code's own names, so they are written into the statement rather than bound.
const EVERY_DISTINCT_FIGURE = sql.raw(`${tallyKeyMonths.figure.name} IN (${DISTINCT_FIGURES.map((f) => `'${f}'`).join(', ')})`);

/**
 * How many keys count in a tally's dates, grouped by a column (the figure, or the county), counting each key's
 * one first row there (firstInDates): everywhere, in one county, or in each county apart. From the beginning or
 * from a month's first day, the whole months are read from tally_key_months (their rows whose day before is in
 * an earlier month than the start, or none) and only the days after them from the keys' days; from any other
 * day, every day from the keys' days.
 */
function keysCounted(tx: Tx, scope: TallyScope, place: Place, by: SQLiteColumn, monthsBy: SQLiteColumn, figure?: DistinctFigure): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (rows: { group: unknown; n: number }[]) => rows.forEach(({ group, n }) => counts.set(String(group), (counts.get(String(group)) ?? 0) + n));
  let days = firstInDates(scope, place);
  if (scope.from === null || scope.from.endsWith('-01')) {
    // From a month's first day there are no days before the whole months, only (at most) the days after them.
    const { months, days: after } = monthsAndDays(scope.from, scope.to);
    if (months) {
      const month = tallyKeyMonths.month;
      const within = and(
        inPlace(place, tallyKeyMonths),
        // Every figure named, so that each is read as its own range of months.
        figure ? eq(tallyKeyMonths.figure, figure) : EVERY_DISTINCT_FIGURE,
        months.from ? gte(month, months.from) : undefined,
        months.to ? lte(month, months.to) : undefined,
        months.from ? sql`(${tallyKeyMonths.previousMonth} IS NULL OR ${tallyKeyMonths.previousMonth} < ${months.from})` : isNull(tallyKeyMonths.previousMonth),
      );
      // Written as SQL rather than through the query builder: every tally runs it, and building costs more than running.
      add(tx.all(sql`SELECT ${monthsBy} AS "group", SUM(${tallyKeyMonths.keys}) AS n FROM ${tallyKeyMonths} WHERE ${within} GROUP BY 1`));
    }
    if (after.length === 0) return counts;
    days = and(days, gte(tallyKeyDays.day, after[0].from));
  }
  add(tx.all(sql`SELECT ${by} AS "group", COUNT(*) AS n FROM ${tallyKeyDays} WHERE ${and(days, figure && eq(tallyKeyDays.figure, figure))} GROUP BY 1`));
  return counts;
}

/** The purchases by product of a tally of everything or of whole counties, from the running totals. */
export function runningPurchasesByProduct(tx: Tx, scope: TallyScope): { product: string; unit: 'jin' | 'case'; weighed: number; orderedOnly: number; quantity: number; valueFen: number }[] {
  const rows = periodRows(scope, placeOf(tx, scope), { days: tallyDayProducts, months: tallyMonthProducts }, sql.raw('product, unit, weighed, ordered_only, quantity, value_fen'));
  return tx.all(sql`SELECT product, unit, SUM(weighed) AS weighed, SUM(ordered_only) AS orderedOnly, SUM(quantity) AS quantity, SUM(value_fen) AS valueFen
    FROM (${rows}) AS period GROUP BY product, unit ORDER BY SUM(value_fen) DESC, product`);
}

/**
 * The tally of everything, or of whole counties, in the dates given, from the running totals (brought up to
 * date first: runningTotalsReady).
 */
export function runningFigures(tx: Tx, scope: TallyScope): RecordFigures {
  const place = placeOf(tx, scope);
  const sums = tx.get<Record<(typeof ADDITIVE_NAMES)[number], number>>(sql`SELECT ${ADDITIVE_SUMS} FROM (${periodRows(scope, place, { days: tallyDays, months: tallyMonths }, ADDITIVE_COLUMNS)}) AS period`)!;
  const materials = tx.all<AdditiveFigures['materials'][number]>(sql`
    SELECT kind, unit, SUM(quantity) AS quantity, SUM(value_fen) AS valueFen
    FROM (${periodRows(scope, place, { days: tallyDayMaterials, months: tallyMonthMaterials }, MATERIAL_COLUMNS)}) AS period
    GROUP BY kind, unit ORDER BY kind, unit`);
  // Everywhere or in one county, each key has one first row in the dates; across several counties a key may have one in each.
  const counts =
    place.counties === null || place.counties.length === 1
      ? keysCounted(tx, scope, place, tallyKeyDays.figure, tallyKeyMonths.figure)
      : new Map(tx.select({ figure: tallyKeyDays.figure, count: sql<number>`COUNT(DISTINCT ${tallyKeyDays.key})` }).from(tallyKeyDays).where(firstInDates(scope, place)).groupBy(tallyKeyDays.figure).all().map((c) => [c.figure, c.count]));
  const distinct = Object.fromEntries(DISTINCT_FIGURES.map((figure) => [figure, counts.get(figure) ?? 0])) as Record<DistinctFigure, number>;
  return figuresOf({ ...sums, materials }, distinct);
}

/**
 * A tally in the running totals broken down by county, or by day, week or month. By county, what lies in no
 * county (events at no village) is everywhere less the counties.
 */
export function runningBreakdown(tx: Tx, scope: TallyScope, by: 'county' | Period): BreakdownFigures[] {
  const place = placeOf(tx, scope);
  const goodsOf = (rows: SQL, key: SQL) =>
    new Map(tx.all<{ key: string | number | null } & Record<string, number>>(sql`SELECT ${key} AS key, ${MATERIAL_SUMS} FROM (${rows}) AS period GROUP BY 1`).map(({ key, ...sums }) => [String(key), sums]));
  const rowsOf = (sums: { key: string | number | null; householdsVisited: number }[], goods: ReturnType<typeof goodsOf>) =>
    sums.map((r) => breakdownFigures(r.key === null ? null : String(r.key), { ...(r as unknown as Record<BreakdownName, number>), ...(goods.get(String(r.key)) ?? noMaterials) })).filter((r) => r.events > 0 || r.visits > 0);

  const byCounty = () => {
    // By county: the counties' rows in the dates, with their households counted by their first days in them.
    const counted = { ...place, counties: place.counties ?? 'each' };
    const households = keysCounted(tx, scope, counted, tallyKeyDays.countyId, tallyKeyMonths.countyId, 'household');
    const inCounties = (of: Place, group: boolean) => {
      const key = group ? sql`county_id` : sql`NULL`;
      const sums = tx.all<{ key: number | null; householdsVisited: number }>(sql`SELECT ${key} AS key, ${ADDITIVE_SUMS}, 0 AS householdsVisited
        FROM (${periodRows(scope, of, { days: tallyDays, months: tallyMonths }, ADDITIVE_COLUMNS)}) AS period ${group ? sql`GROUP BY county_id` : sql``}`);
      return rowsOf(sums, goodsOf(periodRows(scope, of, { days: tallyDayMaterials, months: tallyMonthMaterials }, MATERIAL_COLUMNS), key));
    };
    const rows = inCounties(counted, true).map((r) => ({ ...r, householdsVisited: households.get(String(r.key)) ?? 0 }));
    if (place.counties !== null) return rows;
    const [everywhere] = inCounties(place, false);
    if (!everywhere) return rows;
    // What lies in no county is everywhere less the counties (its households are not counted apart).
    const nowhere = { ...everywhere, key: null, householdsVisited: 0 };
    for (const { counted: name } of BREAKDOWN_FIGURES) if (name !== 'householdsVisited') nowhere[name] -= rows.reduce((sum, r) => sum + r[name], 0);
    return nowhere.events > 0 ? [...rows, nowhere] : rows;
  };

  // By period: weeks and days from the days; months, from the months, but for the days at either end.
  const fromDays = (dates: { from: string | null; to: string | null }, span: Period) => {
    const days = (table: typeof tallyDays | typeof tallyDayMaterials | typeof tallyKeyDays) =>
      and(inPlace(place, table), dates.from ? gte(table.day, dates.from) : undefined, dates.to ? lte(table.day, dates.to) : undefined);
    const period = periodOfDaySql(sql`day`, span);
    // Households visited are kept per day in tally_days (distinct within the day); over a week or a month each
    // counts on its first day in it (or in the dates, where they begin within the period), from its days
    // (tally_key_days).
    const sums = tx.all<{ key: string; householdsVisited: number }>(sql`SELECT ${period} AS key, ${ADDITIVE_SUMS}, SUM(households_visited) AS householdsVisited FROM ${tallyDays} WHERE ${days(tallyDays)} GROUP BY 1`);
    if (span !== 'day') {
      const start = periodStartSql(sql`day`, span);
      const counted = dates.from ? sql`CASE WHEN ${start} < ${dates.from} THEN ${dates.from} ELSE ${start} END` : start;
      // Each day's period and the start it counts from are worked out once per day (from the days kept), not
      // once per household's day: a year by week reads a province's hundred thousand of them.
      const households = new Map(
        tx
          .all<{ key: string; n: number }>(sql`SELECT periods.key AS key, COUNT(*) AS n
            FROM (SELECT DISTINCT day, ${period} AS key, ${counted} AS counted FROM ${tallyDays} WHERE ${days(tallyDays)}) AS periods
            INNER JOIN ${tallyKeyDays} ON ${tallyKeyDays.day} = periods.day
            WHERE ${tallyKeyDays.figure} = 'household' AND ${inPlace(place, tallyKeyDays)} AND (${tallyKeyDays.previousDay} IS NULL OR ${tallyKeyDays.previousDay} < periods.counted)
            GROUP BY 1`)
          .map((r) => [r.key, r.n]),
      );
      for (const row of sums) row.householdsVisited = households.get(row.key) ?? 0;
    }
    return rowsOf(sums, goodsOf(sql`SELECT day, ${MATERIAL_COLUMNS} FROM ${tallyDayMaterials} WHERE ${days(tallyDayMaterials)}`, period));
  };
  if (by !== 'month') return by === 'county' ? byCounty() : fromDays(scope, by);
  const { months, days } = monthsAndDays(scope.from, scope.to);
  const rows = days.flatMap((edge) => fromDays(edge, 'month'));
  if (months) {
    const within = (table: typeof tallyMonths | typeof tallyMonthMaterials) => and(inPlace(place, table), months.from ? gte(table.month, months.from) : undefined, months.to ? lte(table.month, months.to) : undefined);
    const sums = tx.all<{ key: string; householdsVisited: number }>(sql`SELECT month AS key, ${ADDITIVE_SUMS}, SUM(households_visited) AS householdsVisited
      FROM ${tallyMonths} WHERE ${within(tallyMonths)} GROUP BY 1`);
    rows.push(...rowsOf(sums, goodsOf(sql`SELECT month, ${MATERIAL_COLUMNS} FROM ${tallyMonthMaterials} WHERE ${within(tallyMonthMaterials)}`, sql`month`)));
  }
  return rows;
}

/** The breakdown figures kept as columns of the running totals, and their sums. */
const BREAKDOWN_COLUMNS = sql.raw(BREAKDOWN_FIGURES.flatMap((f) => (f.adds === 'sum' ? [tallyDays[f.counted].name] : [])).join(', '));
const BREAKDOWN_SUMS = sql.raw(BREAKDOWN_FIGURES.flatMap((f) => (f.adds === 'sum' ? [`COALESCE(SUM(${tallyDays[f.counted].name}), 0) AS "${f.counted}"`] : [])).join(', '));

/** The breakdown's figures of the goods handed out, summed over rows of goods (kind, unit, quantity, value_fen). */
const materialFigures = BREAKDOWN_FIGURES.filter((f) => f.adds === 'materials');
const MATERIAL_SUMS = sql.join(
  materialFigures.map((f) => sql`COALESCE(SUM(CASE WHEN ${sql.raw(`kind IN (${f.materials.kinds.map((kind) => `'${kind}'`).join(', ')})`)} THEN ${sql.raw(f.materials.measure === 'valueFen' ? 'value_fen' : 'quantity')} ELSE 0 END), 0) AS ${sql.identifier(f.counted)}`),
  sql`, `,
);
const noMaterials = Object.fromEntries(materialFigures.map((f) => [f.counted, 0])) as Record<(typeof materialFigures)[number]['counted'], number>;

/** A breakdown row's declared figures taken from a row holding (at least) each of them. */
function breakdownFigures(key: string | null, values: Record<BreakdownName, number>): BreakdownFigures {
  return { key, ...(Object.fromEntries(BREAKDOWN_FIGURES.map((f) => [f.counted, values[f.counted]])) as Record<BreakdownName, number>) };
}

/**
 * The done events some institutions co-organise under the lead of another, in a scope, as a list for SQL (null
 * when there are none, as is usual): their running totals are kept under that organiser, so a tally of these
 * institutions adds them from the records. Looked up once, not in every query that counts them.
 */
export function ledElsewhere(tx: Tx, scope: TallyScope): SQL | null {
  if (scope.institutionIds === 'all' || scope.institutionIds.length === 0) return null;
  const ids = tx.all<{ id: number }>(sql`SELECT ${events.id} AS id FROM ${events} WHERE ${doneEventCondition(scope)} AND ${events.organiserId} NOT IN ${scope.institutionIds}`).map((e) => e.id);
  return ids.length === 0 ? null : sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}

/** A tally's whole months (monthsAndDays) as a scope of their own, or null when it has none. */
export function wholeMonthsOf(scope: TallyScope): TallyScope | null {
  const { months } = monthsAndDays(scope.from, scope.to);
  return months && { ...scope, from: months.from && `${months.from}-01`, to: months.to && lastDayOfMonth(months.to) };
}

/** A tally's days at either end of its whole months, each as a scope of its own. */
export function daysAtEitherEnd(scope: TallyScope): TallyScope[] {
  return monthsAndDays(scope.from, scope.to).days.map(({ from, to }) => ({ ...scope, from, to }));
}

/**
 * Whole months from `from` to `to` (either open) as whole years and the months at either end outside them:
 * 2018-07…2020-12 is the months 2018-07…2018-12 and the years 2019…2020.
 */
export function yearsAndMonths(from: string | null, to: string | null): { years: { from: string | null; to: string | null } | null; months: { from: string; to: string }[] } {
  const first = from === null ? null : from.endsWith('-01') ? from.slice(0, 4) : String(Number(from.slice(0, 4)) + 1);
  const last = to === null ? null : to.endsWith('-12') ? to.slice(0, 4) : String(Number(to.slice(0, 4)) - 1);
  if (first !== null && last !== null && first > last) return { years: null, months: from! <= to! ? [{ from: from!, to: to! }] : [] };
  const months = [];
  if (from !== null && first !== from.slice(0, 4)) months.push({ from, to: `${from.slice(0, 4)}-12` });
  if (to !== null && last !== to.slice(0, 4)) months.push({ from: `${to.slice(0, 4)}-01`, to });
  return { years: { from: first, to: last }, months };
}

/**
 * The rows per institution of a tally's institutions in its whole months, as a subquery of the institution and
 * the given columns: whole years from the years' table, the months at either end from the months' table.
 */
function institutionRows(scope: TallyScope, tables: { years: typeof tallyInstitutionYears | typeof tallyInstitutionYearMaterials; months: typeof tallyInstitutionMonths | typeof tallyInstitutionMonthMaterials }, columns: SQL, where?: SQL): SQL {
  const whole = monthsAndDays(scope.from, scope.to).months;
  const { years, months } = whole ? yearsAndMonths(whole.from, whole.to) : { years: null, months: [] };
  const chosen = (table: { institutionId: SQLiteColumn }) => (scope.institutionIds === 'all' ? undefined : scope.institutionIds.length === 0 ? sql`1 = 0` : inArray(table.institutionId, scope.institutionIds));
  const parts = [];
  if (years) {
    const { year } = tables.years;
    parts.push(sql`SELECT institution_id, ${columns} FROM ${tables.years} WHERE ${and(chosen(tables.years), years.from ? gte(year, years.from) : undefined, years.to ? lte(year, years.to) : undefined, where) ?? sql`1 = 1`}`);
  }
  for (const { from, to } of months) parts.push(sql`SELECT institution_id, ${columns} FROM ${tables.months} WHERE ${and(chosen(tables.months), gte(tables.months.month, from), lte(tables.months.month, to), where)}`);
  return parts.length === 0 ? sql`SELECT institution_id, ${columns} FROM ${tables.months} WHERE 1 = 0` : sql.join(parts, sql` UNION ALL `);
}

const INSTITUTION_TABLES = { years: tallyInstitutionYears, months: tallyInstitutionMonths };
const INSTITUTION_GOODS = { years: tallyInstitutionYearMaterials, months: tallyInstitutionMonthMaterials };

/**
 * The additive figures of chosen institutions (or all), with no area or campaign, in any dates: their whole
 * months from the running totals per institution, and from the records the events they co-organise under
 * another's lead in those months and everything in the days at either end.
 */
export function runningFiguresOfInstitutions(tx: Tx, scope: TallyScope): AdditiveFigures {
  const parts: AdditiveFigures[] = [];
  const months = wholeMonthsOf(scope);
  if (months) {
    parts.push({
      ...tx.get<Record<(typeof ADDITIVE_NAMES)[number], number>>(sql`SELECT ${ADDITIVE_SUMS} FROM (${institutionRows(scope, INSTITUTION_TABLES, ADDITIVE_COLUMNS)}) AS period`)!,
      materials: tx.all<AdditiveFigures['materials'][number]>(sql`SELECT kind, unit, SUM(quantity) AS quantity, SUM(value_fen) AS "valueFen"
        FROM (${institutionRows(scope, INSTITUTION_GOODS, MATERIAL_COLUMNS)}) AS period GROUP BY kind, unit`),
    });
    // Only what belongs to those events: no institution's own records.
    const joint = ledElsewhere(tx, months);
    if (joint) parts.push(additiveFigures(tx, { ...months, institutionIds: [] }, joint).get(null)!);
  }
  for (const days of daysAtEitherEnd(scope)) parts.push(additiveFigures(tx, days, doneEvents(days)).get(null)!);
  return sumOf(parts);
}

/**
 * The breakdown by institution of a tally's whole months from the running totals per institution (without the
 * households visited, which do not add up over months).
 */
export function institutionMonthRows(tx: Tx, scope: TallyScope): Omit<BreakdownFigures, 'householdsVisited'>[] {
  const kinds = [...new Set(materialFigures.flatMap((f) => f.materials.kinds))];
  const goods = new Map(
    tx
      .all<{ key: number } & Record<string, number>>(sql`SELECT institution_id AS key, ${MATERIAL_SUMS}
        FROM (${institutionRows(scope, INSTITUTION_GOODS, MATERIAL_COLUMNS, sql`kind IN (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})`)}) AS period GROUP BY institution_id`)
      .map(({ key, ...sums }) => [key, sums]),
  );
  return tx
    .all<{ key: number } & Record<string, number>>(sql`SELECT institution_id AS key, ${BREAKDOWN_SUMS} FROM (${institutionRows(scope, INSTITUTION_TABLES, BREAKDOWN_COLUMNS)}) AS period GROUP BY institution_id`)
    .map((r) => {
      const { householdsVisited: _notKept, ...row } = breakdownFigures(String(r.key), { ...(r as unknown as Record<BreakdownName, number>), ...(goods.get(r.key) ?? noMaterials), householdsVisited: 0 });
      return row;
    });
}
