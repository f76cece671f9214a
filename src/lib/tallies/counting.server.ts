// The counting rules as queries (docs/tallies.md), over a resolved scope: which events, visits, ledger lines,
// donations and purchases count, the figures that add up, and the records behind the distinct figures. Live
// tallies and the running totals (running-totals.server.ts) both count through these, so there is one rule.
import { and, eq, gt, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  areas,
  contracts,
  EVENT_KINDS,
  EVENT_OUTCOME_NAMES,
  donations,
  coorganiserAccepted,
  eventCoorganisers,
  eventRoles,
  events,
  households,
  institutions,
  items,
  pairingProjects,
  PARTNER_KINDS,
  pairings,
  projectPayments,
  MEDICAL_PROFESSIONS,
  purchases,
  shifts,
  signups,
  staff,
  stockEntries,
  teams,
  vehicles,
  dispatches,
  visitReadings,
  visits,
  villages,
} from '#db/schema.ts';
import { inIds, type Tx } from '../server/db.ts';
import { type AdditiveFigures, type ContractFigures, DISTINCT_FIGURES, type DistinctFigure, figuresOf, isAdditiveName, noAdditiveFigures, type RecordFigures } from './figures.ts';
import { followUpDays } from '../teams/teams.server.ts';
import { followUpSchedule, type ScheduledContract } from '../teams/teams.ts';
import { SUPPORT_FUND_RECIPIENTS } from '../donations/donations.ts';
import { outcomesOf } from '../events/events.ts';
import { contractInForceOn } from '../server/auth/scope.ts';
import { beijingDate, beijingDayBounds } from '../time/beijing.ts';
import { beijingDateSql } from '../time/beijing-sql.ts';


/** What a tally covers once its filters are resolved: institutions, dates, townships, campaign. */
export interface TallyScope {
  institutionIds: readonly number[] | 'all';
  from: string | null;
  to: string | null;
  townshipIds: number[] | null;
  campaign: { id: number; name: string; startDate: string; endDate: string; participantIds: number[] } | null;
  area: { id: number; name: string; level: string } | null;
  /**
   * The office (a city or county) whose institutions are exactly `institutionIds`, when they are: the running
   * totals keep its records apart (running-totals.server.ts, offices). Null otherwise.
   */
  office: number | null;
}

/**
 * What the running totals keep: every institution or an office's, in any dates, everywhere or in whole counties
 * (any area but a township); no campaign.
 */
export function inRunningTotals(scope: TallyScope): boolean {
  return (scope.institutionIds === 'all' || scope.office !== null) && scope.campaign === null && scope.area?.level !== 'township';
}

/**
 * What the running totals per institution keep: chosen institutions (or all), any dates, with no area or
 * campaign.
 */
export function inInstitutionTotals(scope: TallyScope): boolean {
  return scope.campaign === null && scope.townshipIds === null;
}

export const inList = (column: SQLiteColumn, ids: readonly number[] | 'all') => (ids === 'all' ? undefined : inIds(column, ids));

/** Villages in the chosen area, as a subquery (null when no area is chosen). */
function villagesIn(scope: TallyScope) {
  return scope.townshipIds === null ? null : sql`(SELECT ${villages.id} FROM ${villages} WHERE ${inList(villages.townshipId, scope.townshipIds) ?? sql`1 = 1`})`;
}

/** The township an event is held in, as SQL on an `events` row: its village's, or (at an address) its own. */
const townshipOfEvent = sql`COALESCE((SELECT ${villages.townshipId} FROM ${villages} WHERE ${villages.id} = ${events.villageId}), ${events.townshipId})`;

/**
 * Whether an event is held in one of these townships (townshipOfEvent), written so that the events are found
 * through their village's or their own township's index rather than by looking at every event.
 */
export const heldInTownships = (townshipIds: number[]) =>
  sql`(${events.villageId} IN (SELECT ${villages.id} FROM ${villages} WHERE ${inArray(villages.townshipId, townshipIds)})
    OR (${events.villageId} IS NULL AND ${inArray(events.townshipId, townshipIds)}))`;

/** Done events in scope: organised (or co-organised) by a counted institution, in the dates, area and campaign. */
export function doneEvents(scope: TallyScope): SQL {
  return sql`(SELECT ${events.id} FROM ${events} WHERE ${doneEventCondition(scope)})`;
}

/** Which events are done events in scope (doneEvents), as a condition on an `events` row. */
export function doneEventCondition(scope: TallyScope): SQL {
  const organised =
    scope.institutionIds === 'all'
      ? undefined
      : or(inList(events.organiserId, scope.institutionIds), sql`${events.id} IN (SELECT ${eventCoorganisers.eventId} FROM ${eventCoorganisers} WHERE ${coorganiserAccepted} AND ${inList(eventCoorganisers.institutionId, scope.institutionIds)})`);
  return and(
    eq(events.state, 'done'),
    organised,
    scope.from ? gte(events.date, scope.from) : undefined,
    scope.to ? lte(events.date, scope.to) : undefined,
    scope.campaign ? eq(events.campaignId, scope.campaign.id) : undefined,
    scope.townshipIds === null ? undefined : scope.townshipIds.length === 0 ? sql`1 = 0` : heldInTownships(scope.townshipIds),
  )!;
}

/**
 * Records not tied to an event (visits, donations, purchases) count in a campaign when they fall in its dates
 * and belong to an institution taking part in it.
 */
function campaignInstitutions(scope: TallyScope): readonly number[] | 'all' {
  if (!scope.campaign) return scope.institutionIds;
  const taking = scope.campaign.participantIds;
  return scope.institutionIds === 'all' ? taking : scope.institutionIds.filter((id) => taking.includes(id));
}

/** Which visits count, as a WHERE condition on `visits`; it names `households` when an area is chosen. */
export function visitCondition(scope: TallyScope, eventIds: SQL): SQL {
  const inVillages = villagesIn(scope);
  const dated = and(
    scope.from ? gte(visits.visitedAt, beijingDayBounds(scope.from).start) : undefined,
    scope.to ? lte(visits.visitedAt, beijingDayBounds(scope.to).end) : undefined,
  );
  const byInstitution = inList(visits.institutionId, campaignInstitutions(scope));
  const own = scope.campaign ? or(sql`${visits.eventId} IN ${eventIds}`, and(isNull(visits.eventId), byInstitution, dated)) : and(byInstitution, dated);
  return and(own, inVillages ? sql`${households.villageId} IN ${inVillages}` : undefined) ?? sql`1 = 1`;
}

/**
 * The visits in scope as a FROM list and its condition, joined with `households` only when an area needs the
 * household's village: a million visits joined for nothing cost seconds. Records hanging off a visit
 * (readings, ledger lines) are reached from the visits.
 */
export function visitsInScope(scope: TallyScope, eventIds: SQL): { from: SQL; where: SQL } {
  const from = scope.townshipIds === null ? sql`${visits}` : sql`${visits} INNER JOIN ${households} ON ${households.id} = ${visits.householdId}`;
  return { from, where: visitCondition(scope, eventIds) };
}

/** A place held (confirmed, not missed) at a counted event. The person is their account, or the staff record. */
const person = sql`COALESCE(${signups.userId}, ${staff.userId}, 'staff:' || ${staff.id})`;
const medicalAccounts = sql`(SELECT ${staff.userId} FROM ${staff} WHERE ${staff.userId} IS NOT NULL AND ${inArray(staff.profession, [...MEDICAL_PROFESSIONS])})`;
const medical = sql`(${inArray(staff.profession, [...MEDICAL_PROFESSIONS])} OR ${signups.userId} IN ${medicalAccounts})`;
/** How long a place was held, in milliseconds: from check-in to check-out, or the shift's own times. */
export const heldMs = sql`MAX(0, COALESCE(${signups.checkedOutAt}, ${shifts.endsAt}) - COALESCE(${signups.checkedInAt}, ${shifts.startsAt}))`;
const places = (eventIds: SQL, only?: SQL) => sql`FROM ${signups}
    INNER JOIN ${shifts} ON ${shifts.id} = ${signups.shiftId}
    INNER JOIN ${eventRoles} ON ${eventRoles.id} = ${shifts.roleId}
    INNER JOIN ${events} ON ${events.id} = ${eventRoles.eventId}
    LEFT JOIN ${staff} ON ${staff.id} = ${signups.staffId}
    WHERE ${signups.state} = 'confirmed' AND ${eventRoles.eventId} IN ${eventIds} ${only ? sql`AND ${only}` : sql``}`;

/** The county (the area directly above the township) of a village, as SQL; null for no village. */
export const countyOfVillage = (village: SQL | SQLiteColumn) =>
  sql`(SELECT ${areas.parentId} FROM ${villages} INNER JOIN ${areas} ON ${areas.id} = ${villages.townshipId} WHERE ${villages.id} = ${village})`;
/** The county of the event on an `events` row, as SQL; null for an event placed in no township. */
export const countyOfEventRow = sql`(SELECT ${areas.parentId} FROM ${areas} WHERE ${areas.id} = ${townshipOfEvent})`;
const countyOfEvent = (event: SQL | SQLiteColumn) => sql`(SELECT ${countyOfEventRow} FROM ${events} WHERE ${events.id} = ${event})`;
const countyOfHousehold = (household: SQL | SQLiteColumn) => countyOfVillage(sql`(SELECT ${households.villageId} FROM ${households} WHERE ${households.id} = ${household})`);

/** Where a donation was given: its village, or its household's village. */
const donationVillage = sql`COALESCE(${donations.villageId}, (SELECT ${households.villageId} FROM ${households} WHERE ${households.id} = ${donations.householdId}))`;

/** The institution organising an event, as SQL. */
const organiserOf = (event: SQL | SQLiteColumn) => sql`(SELECT ${events.organiserId} FROM ${events} WHERE ${events.id} = ${event})`;

/**
 * How additive figures are split: not at all (one group); by the county each record is in, as the area filter
 * places it (an event by its township, a visit by its household's, a donation by its event or its recipient's
 * village, a purchase by its village), null for a record in no village; by institution: what belongs to an
 * event by the event's organiser (a co-organiser's share is not apart), any other record by its own institution;
 * or by both, keyed 'institution/county' (the county empty for none).
 */
export type Split = 'none' | 'county' | 'institution' | 'institution and county';
type Place = { county: SQL; institution: SQL | SQLiteColumn };
const placeOf = (split: Split, place: Place) =>
  split === 'none' ? sql`NULL` : split === 'institution and county' ? sql`(${place.institution}) || '/' || COALESCE(${place.county}, '')` : sql`${place[split]}`;
type SplitKey<S extends Split> = S extends 'institution and county' ? string | null : number | null;

/** The additive figures of the records in scope, by county or institution when `split` asks (the key null: no county, or no split). */
export function additiveFigures<S extends Split = 'none'>(tx: Tx, scope: TallyScope, eventIds: SQL, split: S = 'none' as S): Map<SplitKey<S>, AdditiveFigures> {
  const place = (where: Place) => placeOf(split, where);
  const groups = new Map<SplitKey<S>, AdditiveFigures>();
  const group = (key: SplitKey<S>) => {
    let figures = groups.get(key);
    if (!figures) groups.set(key, (figures = noAdditiveFigures()));
    return figures;
  };
  // Each query gives one row per place, with the figures it counts (each declared in figures.ts); absent
  // figures stay 0.
  const add = (query: SQL) => {
    for (const { place: key, ...figures } of tx.all<{ place: SplitKey<S> } & Record<string, number | null>>(query)) {
      const into = group(key);
      for (const [name, value] of Object.entries(figures)) {
        if (!isAdditiveName(name)) throw new Error(`${name} is counted but not declared as an additive figure in figures.ts`);
        into[name] += value ?? 0;
      }
    }
  };

  // Each outcome (EVENT_OUTCOMES) adds up under its own name; an event whose kind has a head count and none is
  // recorded is counted as such, so that the gap shows.
  const outcomeSums = EVENT_OUTCOME_NAMES.map((name) => sql`, SUM(${events[name]}) AS ${sql.identifier(name)}`);
  const headCountMissing = sql.join(
    EVENT_KINDS.flatMap((kind) => outcomesOf(kind).slice(0, 1).map((head) => sql`(${events.kind} = ${kind} AND ${events[head]} IS NULL)`)),
    sql` OR `,
  );
  add(sql`SELECT ${place({ county: countyOfEventRow, institution: events.organiserId })} AS place, COUNT(*) AS events ${sql.join(outcomeSums, sql``)},
      SUM(CASE WHEN ${events.kind} = 'lecture' THEN 1 ELSE 0 END) AS talks,
      SUM(CASE WHEN ${events.kind} = 'training' THEN 1 ELSE 0 END) AS trainingSessions,
      SUM(CASE WHEN ${headCountMissing} THEN 1 ELSE 0 END) AS eventsWithoutHeadCount
    FROM ${events} WHERE ${events.id} IN ${eventIds} GROUP BY 1`);

  add(sql`SELECT ${place({ county: countyOfEvent(dispatches.eventId), institution: organiserOf(dispatches.eventId) })} AS place, COUNT(*) AS ambulanceTrips
    FROM ${dispatches} INNER JOIN ${vehicles} ON ${vehicles.id} = ${dispatches.vehicleId}
    WHERE ${vehicles.kind} = 'ambulance' AND ${dispatches.eventId} IN ${eventIds} GROUP BY 1`);

  add(sql`SELECT ${place({ county: countyOfEventRow, institution: events.organiserId })} AS place, SUM(CASE WHEN ${medical} THEN 1 ELSE 0 END) AS medicalStaffTimes,
      SUM(CASE WHEN ${eventRoles.kind} = 'volunteer' THEN ${heldMs} ELSE 0 END) AS volunteerMs,
      SUM(CASE WHEN ${eventRoles.kind} = 'volunteer' AND ${signups.teamId} IS NOT NULL THEN ${heldMs} ELSE 0 END) AS teamVolunteerMs
    ${places(eventIds)} GROUP BY 1`);

  const counted = visitsInScope(scope, eventIds);
  const visitPlace = place({ county: countyOfHousehold(visits.householdId), institution: visits.institutionId });
  add(sql`SELECT ${visitPlace} AS place, COUNT(*) AS visits FROM ${counted.from} WHERE ${counted.where} GROUP BY 1`);
  // Readings and ledger lines are reached from the visits in scope (CROSS JOIN keeps that order), not the
  // visits from every reading or line.
  add(sql`SELECT ${visitPlace} AS place, COUNT(*) AS referrals, SUM(CASE WHEN ${visitReadings.referralState} = 'done' THEN 1 ELSE 0 END) AS referralsDone
    FROM ${counted.from} CROSS JOIN ${visitReadings}
    WHERE ${counted.where} AND ${visitReadings.visitId} = ${visits.id} AND ${visitReadings.referralState} IS NOT NULL GROUP BY 1`);

  // Handouts at done events, and at visits not tied to an event; a reversal carries its original's event or
  // visit, so it cancels out. Two reads, each through its own covering index (by event; by visit). An event's
  // lines are summed per item in the index's own order before the item's kind and unit are looked up.
  const handedOut = sql`${stockEntries.kind} IN ('handout', 'reversal')`;
  const materials = tx.all<{ place: SplitKey<S> } & AdditiveFigures['materials'][number]>(sql`
    SELECT lines.place AS place, ${items.kind} AS kind, ${items.unit} AS unit, -SUM(lines.quantity) AS quantity, -SUM(lines.value_fen) AS valueFen
    FROM (
      SELECT ${place({ county: countyOfEvent(sql`by_event.event_id`), institution: organiserOf(sql`by_event.event_id`) })} AS place, item_id, quantity, value_fen FROM (
        SELECT ${stockEntries.eventId} AS event_id, ${stockEntries.itemId} AS item_id, SUM(${stockEntries.quantity}) AS quantity, SUM(${stockEntries.valueFen}) AS value_fen
          FROM ${stockEntries} WHERE ${handedOut} AND ${stockEntries.eventId} IN ${eventIds}
          GROUP BY ${stockEntries.eventId}, ${stockEntries.kind}, ${stockEntries.itemId}
      ) AS by_event
      UNION ALL
      SELECT ${visitPlace}, ${stockEntries.itemId}, ${stockEntries.quantity}, ${stockEntries.valueFen} FROM ${counted.from} CROSS JOIN ${stockEntries}
        WHERE ${counted.where} AND ${stockEntries.visitId} = ${visits.id} AND ${handedOut} AND ${stockEntries.eventId} IS NULL
    ) AS lines INNER JOIN ${items} ON ${items.id} = lines.item_id
    GROUP BY lines.place, ${items.kind}, ${items.unit} ORDER BY ${items.kind}, ${items.unit}`);
  for (const { place: key, ...line } of materials) group(key).materials.push(line);

  const inVillages = villagesIn(scope);
  const taking = campaignInstitutions(scope);
  const donationWhere = and(
    isNull(donations.voidedAt),
    or(
      sql`${donations.eventId} IN ${eventIds}`,
      and(
        isNull(donations.eventId),
        inList(donations.institutionId, taking),
        scope.from ? gte(donations.date, scope.from) : undefined,
        scope.to ? lte(donations.date, scope.to) : undefined,
        inVillages ? sql`${donationVillage} IN ${inVillages}` : undefined,
      ),
    ),
  );
  const donationPlace = {
    county: sql`CASE WHEN ${donations.eventId} IS NULL THEN ${countyOfVillage(donationVillage)} ELSE ${countyOfEvent(donations.eventId)} END`,
    institution: sql`CASE WHEN ${donations.eventId} IS NULL THEN ${donations.institutionId} ELSE ${organiserOf(donations.eventId)} END`,
  };
  add(sql`SELECT ${place(donationPlace)} AS place,
      SUM(CASE WHEN ${donations.kind} = 'cash' AND ${donations.recipientKind} NOT IN ${SUPPORT_FUND_RECIPIENTS} THEN ${donations.amountFen} ELSE 0 END) AS cashFen,
      SUM(CASE WHEN ${donations.kind} = 'cash' AND ${donations.recipientKind} IN ${SUPPORT_FUND_RECIPIENTS} THEN ${donations.amountFen} ELSE 0 END) AS supportFundsFen,
      SUM(CASE WHEN ${donations.kind} = 'in_kind' THEN ${donations.amountFen} ELSE 0 END) AS inKindFen
    FROM ${donations} WHERE ${donationWhere} GROUP BY 1`);

  const purchaseWhere = purchaseCondition(scope);
  add(sql`SELECT ${place({ county: countyOfVillage(purchases.villageId), institution: purchases.institutionId })} AS place,
      SUM(CASE WHEN ${purchases.unit} IN ('jin', 'kg') THEN COALESCE(${purchases.quantityDelivered}, ${purchases.quantityOrdered}) ELSE 0 END) AS purchaseGrams,
      SUM(CASE WHEN ${purchases.unit} = 'case' THEN COALESCE(${purchases.quantityDelivered}, ${purchases.quantityOrdered}) ELSE 0 END) AS purchaseCases,
      SUM(${purchases.totalFen}) AS purchaseFen
    FROM ${purchases} WHERE ${purchaseWhere} GROUP BY 1`);

  // Pairings' projects: the funds committed by the day they were, those paid by the day of each payment.
  const pairingCounty = sql`CASE ${pairings.target} WHEN 'village' THEN ${countyOfVillage(pairings.villageId)}
    WHEN 'township' THEN (SELECT ${areas.parentId} FROM ${areas} WHERE ${areas.id} = ${pairings.areaId}) ELSE ${pairings.areaId} END`;
  add(sql`SELECT ${place({ county: pairingCounty, institution: pairings.institutionId })} AS place, SUM(${pairingProjects.committedFen}) AS projectCommittedFen
    FROM ${pairingProjects} INNER JOIN ${pairings} ON ${pairings.id} = ${pairingProjects.pairingId}
    WHERE ${projectCondition(scope, pairingProjects.committedOn)} GROUP BY 1`);
  add(sql`SELECT ${place({ county: pairingCounty, institution: pairings.institutionId })} AS place, SUM(${projectPayments.amountFen}) AS projectPaidFen
    FROM ${projectPayments} INNER JOIN ${pairingProjects} ON ${pairingProjects.id} = ${projectPayments.projectId} INNER JOIN ${pairings} ON ${pairings.id} = ${pairingProjects.pairingId}
    WHERE ${projectCondition(scope, projectPayments.paidOn)} GROUP BY 1`);

  if (groups.size === 0) group(null as SplitKey<S>);
  return groups;
}

/**
 * Which projects' funds count, as a WHERE condition on `pairings` and a date column: of a counted institution,
 * dated in the tally's dates, the pairing's village, township or county in the area (a county's projects not in a
 * township's tally).
 */
function projectCondition(scope: TallyScope, day: SQLiteColumn): SQL {
  const inVillages = villagesIn(scope);
  const townships = scope.townshipIds;
  const place =
    townships === null
      ? undefined
      : townships.length === 0
        ? sql`1 = 0`
        : or(
            and(eq(pairings.target, 'village'), sql`${pairings.villageId} IN ${inVillages}`),
            and(eq(pairings.target, 'township'), inArray(pairings.areaId, townships)),
            scope.area?.level === 'township' ? undefined : and(eq(pairings.target, 'county'), sql`${pairings.areaId} IN (SELECT ${areas.parentId} FROM ${areas} WHERE ${inArray(areas.id, townships)})`),
          );
  return and(inList(pairings.institutionId, campaignInstitutions(scope)), scope.from ? gte(day, scope.from) : undefined, scope.to ? lte(day, scope.to) : undefined, place) ?? sql`1 = 1`;
}

/** Which purchases count, as a WHERE condition on `purchases`: by the buyer, the delivery date and the village. */
export function purchaseCondition(scope: TallyScope): SQL {
  const inVillages = villagesIn(scope);
  return (
    and(
      inList(purchases.institutionId, campaignInstitutions(scope)),
      scope.from ? gte(purchases.deliveryDate, scope.from) : undefined,
      scope.to ? lte(purchases.deliveryDate, scope.to) : undefined,
      inVillages ? sql`${purchases.villageId} IN ${inVillages}` : undefined,
    ) ?? sql`1 = 1`
  );
}

/** An institution counted among the 参与医疗机构: any but a partner body (a town government, a culture bureau). */
const healthInstitution = (column: SQLiteColumn) =>
  sql`${column} IN (SELECT ${institutions.id} FROM ${institutions} WHERE ${institutions.kind} NOT IN (${sql.join(PARTNER_KINDS.map((kind) => sql.raw(`'${kind}'`)), sql`, `)}))`;

/**
 * Conditions that narrow the records behind the distinct figures to those of some keys, on the records' own
 * tables (running totals): institutions' events, ambulances' trips, people's places, households' visits.
 */
export interface DistinctOnly {
  institution?: SQL;
  ambulance?: SQL;
  people?: SQL;
  household?: SQL;
}

/**
 * The records behind each distinct figure, as SELECTs of (key, day, county, event, institution): an institution
 * organising or co-organising a done event, an ambulance's trip, a medical person's or a volunteer's place, a
 * household's visit. A figure is the number of distinct keys; the running totals keep each key's days,
 * everywhere and in each county (`split`; otherwise the county is null), and per office: a record belongs to the
 * institutions of its event (organiser and co-organisers), or a visit to the visiting institution.
 */
export function distinctRecords(scope: TallyScope, eventIds: SQL, { only = {}, split = 'none' }: { only?: DistinctOnly; split?: 'none' | 'county' } = {}): Record<DistinctFigure, SQL> {
  const narrowed = (condition: SQL | undefined) => (condition ? sql`AND ${condition}` : sql``);
  const eventPlace = placeOf(split, { county: countyOfEventRow, institution: events.organiserId });
  const counted = visitsInScope(scope, eventIds);
  const people = placeRecords(eventIds, { only: only.people, county: eventPlace });
  return {
    institution: sql`SELECT ${events.organiserId} AS key, ${events.date} AS day, ${eventPlace} AS county, ${events.id} AS event, NULL AS institution FROM ${events} WHERE ${events.id} IN ${eventIds} AND ${healthInstitution(events.organiserId)} ${narrowed(only.institution)}
      UNION ALL SELECT ${eventCoorganisers.institutionId}, ${events.date}, ${eventPlace}, ${events.id}, NULL FROM ${eventCoorganisers} INNER JOIN ${events} ON ${events.id} = ${eventCoorganisers.eventId}
        WHERE ${coorganiserAccepted} AND ${eventCoorganisers.eventId} IN ${eventIds} AND ${healthInstitution(eventCoorganisers.institutionId)} ${narrowed(only.institution)}`,
    ambulance: sql`SELECT ${dispatches.vehicleId} AS key, ${events.date} AS day, ${eventPlace} AS county, ${events.id} AS event, NULL AS institution
      FROM ${dispatches} INNER JOIN ${vehicles} ON ${vehicles.id} = ${dispatches.vehicleId} INNER JOIN ${events} ON ${events.id} = ${dispatches.eventId}
      WHERE ${vehicles.kind} = 'ambulance' AND ${dispatches.eventId} IN ${eventIds} ${narrowed(only.ambulance)}`,
    medical_staff: sql`SELECT key, day, county, event, NULL AS institution FROM (${people}) AS places WHERE medical`,
    volunteer: sql`SELECT key, day, county, event, NULL AS institution FROM (${people}) AS places WHERE volunteer`,
    household: sql`SELECT ${visits.householdId} AS key, ${beijingDateSql(visits.visitedAt)} AS day, ${placeOf(split, { county: countyOfHousehold(visits.householdId), institution: visits.institutionId })} AS county,
        NULL AS event, ${visits.institutionId} AS institution
      FROM ${counted.from} WHERE ${counted.where} ${narrowed(only.household)}`,
  };
}

/** Each place held at a counted event: the person, the day, the county, the event, and whether it makes them medical staff or a volunteer. */
function placeRecords(eventIds: SQL, { only, county = sql`NULL` }: { only?: SQL; county?: SQL } = {}): SQL {
  return sql`SELECT ${person} AS key, ${events.date} AS day, ${county} AS county, ${events.id} AS event, ${medical} AS medical, ${eventRoles.kind} = 'volunteer' AS volunteer ${places(eventIds, only)}`;
}

/** The distinct figures counted from the records, in one statement. */
export function distinctFigures(tx: Tx, scope: TallyScope, eventIds: SQL): Record<DistinctFigure, number> {
  // The events are found once for the five figures.
  const records = distinctRecords(scope, sql`(SELECT id FROM counted_events)`);
  const counts = DISTINCT_FIGURES.map((figure) => sql`(SELECT COUNT(DISTINCT key) FROM (${records[figure]}) AS r) AS ${sql.identifier(figure)}`);
  return tx.get<Record<DistinctFigure, number>>(sql`WITH counted_events AS MATERIALIZED ${eventIds} SELECT ${sql.join(counts, sql`, `)}`)!;
}

/** A tally counted from the records: the definition the running totals are checked against. */
export function countFigures(tx: Tx, scope: TallyScope): RecordFigures {
  const eventIds = doneEvents(scope);
  return figuresOf(additiveFigures(tx, scope, eventIds).get(null)!, distinctFigures(tx, scope, eventIds));
}

/**
 * The family doctor contracts' figures, up to the tally's last day or today, whichever is earlier: the households
 * under a contract in force on that day, and the follow-ups their contracts scheduled in the dates
 * (followUpSchedule) and how many of those were met. A contract counts for its team's institution and its
 * household's village.
 */
export function contractFigures(tx: Tx, scope: TallyScope, now = Date.now()): ContractFigures {
  const today = beijingDate(now);
  const end = scope.to !== null && scope.to < today ? scope.to : today;
  const inVillages = villagesIn(scope);
  const where =
    and(
      inList(teams.institutionId, campaignInstitutions(scope)),
      lte(contracts.signedOn, end),
      scope.from ? and(gte(contracts.endsOn, scope.from), or(isNull(contracts.endedOn), gt(contracts.endedOn, scope.from))) : undefined,
      inVillages ? sql`${contracts.householdId} IN (SELECT ${households.id} FROM ${households} WHERE ${households.villageId} IN ${inVillages})` : undefined,
    ) ?? sql`1 = 1`;
  // Written as SQL rather than through the query builder: every tally runs it, and building costs more than running.
  const contracted = tx.all<ScheduledContract & { id: number; householdId: number; inForce: number }>(sql`SELECT ${contracts.id} AS id, ${contracts.householdId} AS "householdId",
      ${contracts.signedOn} AS "signedOn", ${contracts.endsOn} AS "endsOn", ${contracts.endedOn} AS "endedOn", ${contracts.followUpEvery} AS "followUpEvery",
      ${contractInForceOn(end)} AS "inForce"
    FROM ${contracts} INNER JOIN ${teams} ON ${teams.id} = ${contracts.teamId} WHERE ${where}`);
  // Most tallies hold no contract at all: then there are no follow-up visits to look for.
  const days = contracted.length > 0 ? followUpDays(tx, where) : new Map<number, string[]>();
  const scheduled = contracted.flatMap((c) => followUpSchedule(c, days.get(c.id) ?? [])).filter((f) => f.due <= end && (scope.from === null || f.due >= scope.from));
  const inForce = new Set(contracted.filter((c) => c.inForce === 1).map((c) => c.householdId)).size;
  return { contractedHouseholds: inForce, followUpsDue: scheduled.length, followUpsDone: scheduled.filter((f) => f.met).length };
}
