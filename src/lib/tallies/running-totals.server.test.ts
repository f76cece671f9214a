// The running totals against the records they stand for: on a small province with every awkward case
// (tests/fixtures/tally-records.ts), a tally read from the running totals equals the same tally counted from
// the records, everywhere, per city and county, for any dates, before and after each kind of change.
import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedTallyRecords, type TallyRecords } from '#tests/fixtures/tally-records.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { contractFigures, countFigures, inInstitutionTotals, inRunningTotals } from './counting.server.ts';
import { bringRunningTotalsUpToDate, DAYS_A_READER_COUNTS, monthsAndDays, noteEverything, yearsAndMonths, runningFigures, runningPurchasesByProduct, verifyRunningTotals } from './running-totals.server.ts';
import { tallyFilterSchema } from './tallies.ts';
import { headline } from './figures.ts';
import { BREAKDOWNS, breakdownFromRecords, purchasesFromRecords, tally, tallyBreakdown, tallyScope } from './tallies.server.ts';
import { eventSchema } from '../events/events.ts';
import { getEvent, updateEvent } from '../events/events.server.ts';
import { householdUpdateSchema } from '../households/households.ts';
import { updateHousehold } from '../households/households.server.ts';
import { villageSchema } from '../places/places.ts';
import { updateVillage } from '../places/places.server.ts';
import { purchaseSchema } from '../purchases/purchases.ts';
import { updatePurchase } from '../purchases/purchases.server.ts';

let db: Db;
let province: TallyRecords;
let admin: Actor;
/** A city's publicity office counting two of the four hospitals (those placed in the city), and the other city's. */
let cityOffice: Actor;
let otherCityOffice: Actor;

beforeEach(() => {
  db = createTestDatabase().db;
  province = seedTallyRecords(db);
  for (const [n, city] of province.cityIds.slice(0, 2).entries()) {
    const office = Number(db.$client.prepare("INSERT INTO institutions (name, kind, parent_id, area_id, created_at) VALUES (?, 'bureau', (SELECT parent_id FROM institutions WHERE id = ?), ?, 1)").run(`市卫健委${n}`, province.hospitalIds[0], city).lastInsertRowid);
    db.$client.prepare("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, ?, '宣传科', 'x', 'zh-CN', 1, 1)").run(`city-publicity-${n}`, `publicity${n}@city.test`);
    db.$client.prepare("INSERT INTO memberships (user_id, institution_id, role, created_at) VALUES (?, ?, 'publicity', 1)").run(`city-publicity-${n}`, office);
  }
  loadOffices();
  admin = loadActor(db, province.adminId);
});

/** The offices' people as they are now (an office's reach follows where its institutions are placed). */
function loadOffices() {
  cityOffice = loadActor(db, 'city-publicity-0');
  otherCityOffice = loadActor(db, 'city-publicity-1');
}

const filtersOf = (filters: Record<string, string | number>) => tallyFilterSchema.parse(Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])));
const scopeOf = (filters: Record<string, string | number>) => tallyScope(db, admin, filtersOf(filters));
const sql = (statement: string, ...params: unknown[]) => db.$client.prepare(statement).run(...params);
const one = <T>(statement: string, ...params: unknown[]) => db.$client.prepare(statement).get(...params) as T;

/** Every scope the running totals answer, each compared with counting the records: the figures and the breakdowns. */
function expectRunningTotalsToMatchTheRecords({ everyInstitution = true } = {}) {
  bringRunningTotalsUpToDate(db);
  const areas = [province.provinceId, ...province.cityIds, ...province.countyIds];
  const filters: Record<string, string | number>[] = [
    {},
    { from: '2019-10-15', to: '2019-10-17' },
    { to: '2019-10-16' },
    { from: '2019-10-18' },
    { from: '2019-10-16' },
    // Whole months, and months with days at either end.
    { from: '2019-10-01', to: '2019-10-31' },
    { from: '2019-09-20', to: '2019-11-05' },
    ...areas.map((area) => ({ area })),
    ...areas.map((area) => ({ area, to: '2019-10-15' })),
    { area: province.countyIds[0], from: '2019-10-16', to: '2019-10-19' },
    ...province.cityIds.map((area) => ({ area, from: '2019-10-16' })),
  ];
  // A city office's totals are kept apart: its institutions' records, everywhere or in a county, in any dates.
  loadOffices();
  const officeFilters: Record<string, string | number>[] = everyInstitution
    ? [{}, { from: '2019-10-15', to: '2019-10-17' }, { to: '2019-10-16' }, { from: '2019-10-16' }, { from: '2019-09-20', to: '2019-11-05' }, ...areas.map((area) => ({ area })), { area: province.countyIds[0], from: '2019-10-16' }]
    : [{}, { from: '2019-10-16' }, { area: province.countyIds[0] }];
  const offices = [cityOffice, otherCityOffice].flatMap((actor) => officeFilters.map((filter): [Actor, Record<string, string | number>] => [actor, filter]));
  for (const [actor, filter] of [...filters.map((filter): [Actor, Record<string, string | number>] => [admin, filter]), ...offices]) {
    const scope = tallyScope(db, actor, filtersOf(filter));
    const what = `${actor === admin ? 'administrator' : actor.userId} ${JSON.stringify(filter)}`;
    expect(inRunningTotals(scope), what).toBe(true);
    expect(scope.office !== null, `${what} office`).toBe(actor !== admin);
    expect(runningFigures(db, scope), what).toEqual(countFigures(db, scope));
    expect(runningPurchasesByProduct(db, scope), `${what} purchases`).toEqual(purchasesFromRecords(db, scope));
    for (const by of ['county', 'day', 'week', 'month'] as const) {
      const fromTotals = tallyBreakdown(db, { actor, filters: filtersOf(filter), by }).map(({ label: _label, ...row }) => row);
      expect(byKey(fromTotals), `${what} by ${by}`).toEqual(byKey(breakdownFromRecords(db, scope, by)));
    }
  }
  // Chosen institutions with no area: every institution, each hospital (the second co-organises events the first
  // leads), a city office's two; in days, whole months, and months with days at either end. After each change:
  // everyone, the second hospital and the office, from the beginning, from a day and over a whole month.
  const dates = everyInstitution
    ? [{}, { from: '2019-10-15', to: '2019-10-17' }, { to: '2019-10-16' }, { from: '2019-10-16' }, { from: '2019-10-01', to: '2019-10-31' }, { from: '2019-09-20', to: '2019-11-05' }]
    : [{}, { from: '2019-10-16' }, { from: '2019-10-01', to: '2019-10-31' }];
  const hospitals = (everyInstitution ? province.hospitalIds : [province.hospitalIds[1]]).map((institution): [Actor, Record<string, number>] => [admin, { institution }]);
  const choices: [Actor, Record<string, string | number>][] = [[admin, {}], ...hospitals, [cityOffice, {}]];
  for (const [actor, choice] of choices) {
    for (const date of dates) {
      const filters = tallyFilterSchema.parse(Object.fromEntries(Object.entries({ ...choice, ...date }).map(([k, v]) => [k, String(v)])));
      const scope = tallyScope(db, actor, filters);
      const what = `${actor === cityOffice ? 'city office' : 'administrator'} ${JSON.stringify({ ...choice, ...date })}`;
      expect(inInstitutionTotals(scope)).toBe(true);
      expect(tally(db, { actor, filters }).figures, what).toEqual({ ...countFigures(db, scope), ...contractFigures(db, scope) });
      const fromTotals = tallyBreakdown(db, { actor, filters, by: 'institution' }).map(({ label: _label, ...row }) => row);
      expect(byKey(fromTotals), `${what} by institution`).toEqual(byKey(breakdownFromRecords(db, scope, 'institution')));
    }
  }
}

const byKey = <T extends { key: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));

describe('running totals', () => {
  it('hold what the records say, everywhere, in each city and county, for any dates', () => {
    expectRunningTotalsToMatchTheRecords();
    // The comparison means something only if every figure has something in it.
    const everything = runningFigures(db, scopeOf({}));
    for (const [name, value] of Object.entries(everything)) if (typeof value === 'number') expect(value, name).toBeGreaterThan(0);
    expect(everything.materials.map((m) => m.kind)).toEqual(['drug', 'leaflet', 'quilt', 'rice']);
    // A county holds less than its city, which holds less than everything.
    const county = runningFigures(db, scopeOf({ area: province.countyIds[0] }));
    const city = runningFigures(db, scopeOf({ area: province.cityIds[0] }));
    expect(county.visits).toBeGreaterThan(0);
    expect(county.visits).toBeLessThan(city.visits);
    expect(city.visits).toBeLessThan(everything.visits);
  });

  it('break down into rows that add up to the figures, by institution, county, day, week and month', () => {
    for (const filters of [{}, { area: String(province.cityIds[0]) }, { from: '2019-10-15', to: '2019-10-16' }]) {
      const { figures } = tally(db, { actor: admin, filters: tallyFilterSchema.parse(filters) });
      for (const by of BREAKDOWNS) {
        const rows = tallyBreakdown(db, { actor: admin, filters: tallyFilterSchema.parse(filters), by });
        const total = (name: 'events' | 'peopleSeen' | 'ambulanceTrips' | 'drugsFen' | 'visits') => rows.reduce((sum, row) => sum + row[name], 0);
        expect([total('events'), total('peopleSeen'), total('ambulanceTrips'), total('drugsFen'), total('visits')], `${JSON.stringify(filters)} by ${by}`).toEqual([
          figures.events,
          figures.peopleSeen,
          figures.ambulanceTrips,
          Math.round(headline(figures).drugsYuan * 100),
          figures.visits,
        ]);
      }
    }
  });

  it('break down by week and by month, each household once in each, within the dates asked, and count it once over months', () => {
    // A household visited in weeks and months other than the fixture's one week (Monday 14 to Saturday 19 October).
    const { household, institution, county } = one<{ household: number; institution: number; county: number }>(
      'SELECT visits.household_id AS household, visits.institution_id AS institution, areas.parent_id AS county FROM visits JOIN households ON households.id = visits.household_id JOIN villages ON villages.id = households.village_id JOIN areas ON areas.id = villages.township_id LIMIT 1',
    );
    for (const [n, day] of ['2018-12-30', '2019-09-27', '2019-10-02', '2019-10-03', '2019-10-16', '2019-11-04', '2020-01-02'].entries()) {
      sql("INSERT INTO visits (household_id, institution_id, visited_at, purpose, submission_key, created_at) VALUES (?, ?, ?, 'care', ?, 1)", household, institution, Date.parse(`${day}T02:00:00Z`), `span-${n}`);
    }
    bringRunningTotalsUpToDate(db);
    const filters: Record<string, string | number>[] = [{}, { from: '2019-10-03' }, { from: '2019-09-27', to: '2019-10-31' }, { area: county, from: '2019-10-03' }];
    for (const filter of filters) {
      for (const by of ['week', 'month'] as const) {
        const rows = tallyBreakdown(db, { actor: admin, filters: filtersOf(filter), by });
        expect(rows.length, `${JSON.stringify(filter)} by ${by}`).toBeGreaterThan(1);
        expect(byKey(rows.map(({ label: _label, ...row }) => row)), `${JSON.stringify(filter)} by ${by}`).toEqual(byKey(breakdownFromRecords(db, scopeOf(filter), by)));
      }
    }
    // The distinct figures over months from a month's first day (the keys' months) and from any other day.
    loadOffices();
    const overMonths: Record<string, string>[] = [{ from: '2019-10-01' }, { from: '2019-10-01', to: '2019-11-30' }, { from: '2019-11-01' }, { from: '2019-09-01', to: '2019-10-16' }, { to: '2019-10-31' }, { from: '2019-10-01', to: '2019-11-04' }, { from: '2019-10-02', to: '2019-11-30' }];
    for (const filter of overMonths) {
      for (const actor of [admin, cityOffice]) {
        const scope = tallyScope(db, actor, filtersOf(filter));
        expect(runningFigures(db, scope), `${actor.userId} ${JSON.stringify(filter)}`).toEqual(countFigures(db, scope));
        const rows = tallyBreakdown(db, { actor, filters: filtersOf(filter), by: 'county' }).map(({ label: _label, ...row }) => row);
        expect(byKey(rows), `${actor.userId} ${JSON.stringify(filter)} by county`).toEqual(byKey(breakdownFromRecords(db, scope, 'county')));
      }
    }
    // Chosen institutions over whole years and the months at either end (the running totals per institution).
    const overYears: Record<string, string>[] = [{}, { from: '2019-01-01', to: '2019-12-31' }, { from: '2018-12-15', to: '2020-01-31' }, { from: '2019-02-01' }, { to: '2019-11-30' }];
    for (const filter of overYears) {
      const filters = filtersOf(filter);
      const scope = tallyScope(db, cityOffice, filters);
      expect(tally(db, { actor: cityOffice, filters }).figures, `office ${JSON.stringify(filter)}`).toEqual({ ...countFigures(db, scope), ...contractFigures(db, scope) });
      const rows = tallyBreakdown(db, { actor: admin, filters, by: 'institution' }).map(({ label: _label, ...row }) => row);
      expect(byKey(rows), `${JSON.stringify(filter)} by institution`).toEqual(byKey(breakdownFromRecords(db, scopeOf(filter), 'institution')));
    }
    // Weeks by their Monday, named by their days within the dates asked; months by the month.
    const weeks = tallyBreakdown(db, { actor: admin, filters: tallyFilterSchema.parse({ from: '2019-10-03', to: '2019-11-05' }), by: 'week' });
    expect(weeks.map((w) => [w.key, w.label])).toEqual([
      ['2019-09-30', '2019-10-03～2019-10-06'],
      ['2019-10-14', '2019-10-14～2019-10-20'],
      ['2019-11-04', '2019-11-04～2019-11-05'],
    ]);
    expect(tallyBreakdown(db, { actor: admin, filters: tallyFilterSchema.parse({}), by: 'month' }).map((m) => m.key)).toEqual(['2018-12', '2019-09', '2019-10', '2019-11', '2020-01']);
  });

  it('read whole months from the months and the days at either end from the days', () => {
    expect(monthsAndDays(null, null)).toEqual({ months: { from: null, to: null }, days: [] });
    expect(monthsAndDays('2019-01-15', '2019-12-31')).toEqual({ months: { from: '2019-02', to: '2019-12' }, days: [{ from: '2019-01-15', to: '2019-01-31' }] });
    expect(monthsAndDays(null, '2020-02-28')).toEqual({ months: { from: null, to: '2020-01' }, days: [{ from: '2020-02-01', to: '2020-02-28' }] });
    expect(monthsAndDays('2020-02-01', '2020-02-29')).toEqual({ months: { from: '2020-02', to: '2020-02' }, days: [] });
    expect(monthsAndDays('2019-10-05', null)).toEqual({ months: { from: '2019-11', to: null }, days: [{ from: '2019-10-05', to: '2019-10-31' }] });
    // Within one month, or across the end of one into the next: days only.
    expect(monthsAndDays('2019-10-01', '2019-10-17')).toEqual({ months: null, days: [{ from: '2019-10-01', to: '2019-10-17' }] });
    expect(monthsAndDays('2019-10-20', '2019-11-10')).toEqual({ months: null, days: [{ from: '2019-10-20', to: '2019-11-10' }] });
    expect(monthsAndDays('2019-10-20', '2019-10-01')).toEqual({ months: null, days: [] });
    // Whole months as whole years and the months at either end.
    expect(yearsAndMonths(null, null)).toEqual({ years: { from: null, to: null }, months: [] });
    expect(yearsAndMonths('2018-07', '2020-12')).toEqual({ years: { from: '2019', to: '2020' }, months: [{ from: '2018-07', to: '2018-12' }] });
    expect(yearsAndMonths(null, '2020-03')).toEqual({ years: { from: null, to: '2019' }, months: [{ from: '2020-01', to: '2020-03' }] });
    expect(yearsAndMonths('2019-01', '2019-12')).toEqual({ years: { from: '2019', to: '2019' }, months: [] });
    expect(yearsAndMonths('2019-03', '2020-02')).toEqual({ years: null, months: [{ from: '2019-03', to: '2020-02' }] });
  });

  it('are not used for a township, an institution or a campaign, which count their few records', () => {
    expect(inRunningTotals(scopeOf({ area: province.townshipIds[0] }))).toBe(false);
    expect(inRunningTotals(scopeOf({ institution: province.hospitalIds[0] }))).toBe(false);
  });

  it('count again only the days a change touches, and follow every kind of change', () => {
    expect(bringRunningTotalsUpToDate(db)).toBeGreaterThan(0);
    expect(bringRunningTotalsUpToDate(db)).toBe(0);
    const changes: [string, () => void, number | null][] = [
      ['an open event marked done with its head count', () => sql("UPDATE events SET state = 'done', people_seen = 99 WHERE id = (SELECT MIN(id) FROM events WHERE state = 'published')"), 1],
      ['a done event cancelled', () => sql("UPDATE events SET state = 'cancelled' WHERE id = (SELECT MIN(id) FROM events WHERE state = 'done')"), 1],
      ['a done event moved to another day', () => sql("UPDATE events SET date = '2019-10-19' WHERE id = (SELECT MIN(id) FROM events WHERE state = 'done' AND date = '2019-10-15')"), 2],
      ['a done event moved to another county', () => sql('UPDATE events SET village_id = (SELECT MAX(id) FROM villages) WHERE id = (SELECT MAX(id) FROM events WHERE state = ? AND village_id IS NOT NULL)', 'done'), 1],
      // A programme is no figure's business: removing a part (its doctors then serving the whole event) counts nothing again.
      ['a part of the programme removed', () => {
        const part = one<{ id: number }>("SELECT MIN(id) AS id FROM event_parts WHERE kind = 'clinic'").id;
        sql('UPDATE event_roles SET part_id = NULL WHERE part_id = ?', part);
        sql('DELETE FROM event_parts WHERE id = ?', part);
      }, 0],
      ['a co-organiser withdrawn', () => sql('DELETE FROM event_coorganisers WHERE event_id = (SELECT MIN(event_id) FROM event_coorganisers)'), 1],
      ['a handout at a visit reversed', () => {
        const line = one<{ id: number; institution_id: number; item_id: number; quantity: number; unit_price_fen: number; visit_id: number; household_id: number }>('SELECT * FROM stock_entries WHERE visit_id IS NOT NULL AND event_id IS NULL ORDER BY id LIMIT 1');
        sql("INSERT INTO stock_entries (institution_id, item_id, kind, batch_no, quantity, unit_price_fen, value_fen, visit_id, household_id, reverses_id, created_at) VALUES (?, ?, 'reversal', '', ?, ?, ?, ?, ?, ?, 1)",
          line.institution_id, line.item_id, -line.quantity, line.unit_price_fen, -line.quantity * line.unit_price_fen, line.visit_id, line.household_id, line.id);
      }, 1],
      ['a place cancelled', () => sql("UPDATE signups SET state = 'cancelled' WHERE id = (SELECT MIN(id) FROM signups WHERE state = 'confirmed' AND staff_id IS NOT NULL)"), null],
      ['a volunteer shift lengthened', () => sql("UPDATE shifts SET ends_at = ends_at + 3600000 WHERE role_id = (SELECT MIN(id) FROM event_roles WHERE kind = 'volunteer')"), null],
      ['a doctor recorded as a driver', () => sql("UPDATE staff SET profession = 'driver' WHERE id = (SELECT MIN(id) FROM staff WHERE profession = 'doctor')"), null],
      ['an account unlinked from its staff record', () => sql('UPDATE staff SET user_id = NULL WHERE id = (SELECT MIN(id) FROM staff WHERE user_id IS NOT NULL)'), null],
      ['an ambulance recorded as a truck', () => sql("UPDATE vehicles SET kind = 'truck' WHERE id = (SELECT MIN(id) FROM vehicles WHERE kind = 'ambulance')"), null],
      ['an item recorded under another kind', () => sql("UPDATE items SET kind = 'leaflet' WHERE id = (SELECT MIN(id) FROM items WHERE kind = 'drug')"), null],
      ['a referral done', () => sql("UPDATE visit_readings SET referral_state = 'done' WHERE id = (SELECT MIN(id) FROM visit_readings WHERE referral_state = 'planned')"), 1],
      ['a household moved to another county', () => sql('UPDATE households SET village_id = (SELECT MAX(id) FROM villages) WHERE id = (SELECT household_id FROM visits ORDER BY id LIMIT 1)'), null],
      ['an event moved from its village to an address in another county\'s township', () => sql("UPDATE events SET village_id = NULL, address = '广场', township_id = ? WHERE id = (SELECT MIN(id) FROM events WHERE state = 'done' AND village_id IS NOT NULL)", province.townshipIds[4]), null],
      // The drift once seen: an account's places turn medical when a doctor's staff record is made for it.
      ['a staff record made for a volunteer’s account, as a doctor', () => sql("INSERT INTO staff (institution_id, name, profession, user_id, created_at) VALUES (?, '志愿者医生', 'doctor', (SELECT id FROM users WHERE email = 'volunteer@tally.test'), 1)", province.hospitalIds[2]), null],
      ['a township moved to another county', () => sql('UPDATE areas SET parent_id = ? WHERE id = ?', province.countyIds[2], province.townshipIds[0]), null],
      ['a donation voided', () => sql('UPDATE donations SET voided_at = 3 WHERE id = (SELECT MIN(id) FROM donations WHERE voided_at IS NULL)'), 1],
      ['a delivery moved to another day', () => sql("UPDATE purchases SET delivery_date = '2019-10-19' WHERE id = (SELECT MIN(id) FROM purchases WHERE delivery_date = '2019-10-14')"), 2],
      ['a product renamed', () => sql("UPDATE products SET name = '马铃薯' WHERE id = (SELECT MIN(product_id) FROM purchases)"), null],
      ['a purchase put under another product', () => {
        const purchase = one<{ id: number; institution_id: number }>('SELECT id, institution_id FROM purchases ORDER BY id DESC LIMIT 1');
        const other = Number(db.$client.prepare("INSERT INTO products (institution_id, name, created_at) VALUES (?, '小米', 1)").run(purchase.institution_id).lastInsertRowid);
        sql('UPDATE purchases SET product_id = ? WHERE id = ?', other, purchase.id);
      }, 1],
      // Corrections made as a coordinator or administrator makes them, through the forms' functions.
      ['a done event corrected to another day and village, its shifts moving with it', () => {
        const event = one<{ id: number }>("SELECT id FROM events WHERE state = 'done' AND village_id IS NOT NULL AND id IN (SELECT event_id FROM event_roles) ORDER BY id LIMIT 1");
        const current = getEvent(db, { actor: admin, eventId: event.id });
        const otherVillage = one<{ id: number }>('SELECT MAX(id) AS id FROM villages').id;
        updateEvent(db, { actor: admin, eventId: event.id, input: eventSchema.parse({ organiserId: String(current.organiserId), campaignId: String(current.campaignId ?? ''), kind: current.kind, title: current.title, date: '2019-10-20', startTime: current.startTime, endTime: current.endTime, villageId: String(otherVillage), services: current.services }) });
      }, null],
      ['a household corrected into another village', () => {
        const { id } = one<{ id: number }>('SELECT household_id AS id FROM visits ORDER BY id DESC LIMIT 1');
        const household = one<Record<string, string | number | null>>('SELECT * FROM households WHERE id = ?', id);
        const village = one<{ id: number }>('SELECT MIN(id) AS id FROM villages WHERE id <> ?', household.village_id).id;
        // A household's file is changed, and moved into a village, through pairings of one's own institution.
        const pair = (target: 'household' | 'village', targetId: number) =>
          sql(`INSERT INTO pairings (institution_id, target, ${target}_id, start_date, obligation, created_at) VALUES (?, ?, ?, '2018-01-01', 'monthly', 1)`, admin.memberships[0].institutionId, target, targetId);
        pair('household', id);
        pair('village', village);
        updateHousehold(db, { actor: admin, householdId: id, input: householdUpdateSchema.parse({ householdId: String(id), villageId: String(village), headName: household.head_name, cause: household.cause, status: household.status }) });
      }, null],
      ['an unpaid purchase corrected to another village and day', () => {
        const purchase = one<Record<string, string | number>>('SELECT * FROM purchases ORDER BY id LIMIT 1');
        sql("UPDATE purchases SET payment_state = 'unpaid' WHERE id = ?", purchase.id);
        const village = one<{ id: number }>('SELECT MAX(id) AS id FROM villages WHERE id <> ?', purchase.village_id).id;
        updatePurchase(db, { actor: admin, purchaseId: Number(purchase.id), input: purchaseSchema.parse({ institutionId: String(purchase.institution_id), sellerKind: purchase.seller_kind, villageId: String(village), sellerName: purchase.seller_name, product: purchase.product, unit: purchase.unit, quantityOrdered: '30', unitPrice: '2.5', deliveryDate: '2019-10-18' }) });
      }, null],
      // Its records move from one city's office to the other's.
      ['a hospital placed in the other city', () => sql('UPDATE institutions SET area_id = ? WHERE id = ?', province.cityIds[1], province.hospitalIds[0]), null],
      ['a village corrected into another county', () => {
        const village = one<{ id: number; name: string }>('SELECT id, name FROM villages ORDER BY id LIMIT 1');
        updateVillage(db, { actor: admin, villageId: village.id, input: villageSchema.parse({ province: '吉林省', city: '长春市', county: '新设县', township: '新设乡', name: village.name }) });
      }, null],
    ];
    for (const [change, make, days] of changes) {
      make();
      const counted = bringRunningTotalsUpToDate(db);
      if (days === null) expect(counted, change).toBeGreaterThan(0);
      else expect(counted, change).toBe(days);
      expectRunningTotalsToMatchTheRecords({ everyInstitution: false });
    }
  });

  it('are counted again by a reader only for a few changed days; with many, the reader counts its records and leaves them to the job', () => {
    bringRunningTotalsUpToDate(db);
    const before = tally(db, { actor: admin, filters: tallyFilterSchema.parse({}) }).figures;
    // A change that touches more days than a reader counts: every one of them noted, and a visit added.
    const days = Array.from({ length: DAYS_A_READER_COUNTS + 1 }, (_, n) => `2018-01-${String(1 + (n % 28)).padStart(2, '0')}-${n}`);
    for (const day of days) sql("INSERT INTO tally_changes (subject, key) VALUES ('day', ?)", day);
    const household = one<{ id: number }>('SELECT MIN(id) AS id FROM households').id;
    sql("INSERT INTO visits (household_id, institution_id, visited_at, purpose, submission_key, created_at) VALUES (?, ?, ?, 'care', 'late-visit', 1)", household, province.hospitalIds[0], Date.parse('2019-10-16T10:00:00+08:00'));
    const meanwhile = tally(db, { actor: admin, filters: tallyFilterSchema.parse({}) }).figures;
    expect(meanwhile.visits).toBe(before.visits + 1);
    const contracted = contractFigures(db, scopeOf({}));
    expect(meanwhile).toEqual({ ...countFigures(db, scopeOf({})), ...contracted });
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM tally_changes').n).toBeGreaterThan(DAYS_A_READER_COUNTS);
    // The minute's job counts them all; then the totals are read again.
    expect(bringRunningTotalsUpToDate(db)).toBeGreaterThan(DAYS_A_READER_COUNTS);
    expect({ ...runningFigures(db, scopeOf({})), ...contracted }).toEqual(meanwhile);
  });

  it('are checked against the records by counting everything again in a copy', () => {
    bringRunningTotalsUpToDate(db);
    const copy = join(mkdtempSync(join(tmpdir(), 'yizhen-verify-')), 'copy.sqlite');
    expect(verifyRunningTotals(db, copy)).toEqual([]);
    expect(existsSync(copy)).toBe(false);
    // A row written twice would count twice: the database refuses it, everywhere as in a county.
    expect(() => sql('INSERT INTO tally_days SELECT * FROM tally_days WHERE county_id IS NULL LIMIT 1')).toThrow(/UNIQUE/);
    expect(() => sql('INSERT INTO tally_months SELECT * FROM tally_months WHERE county_id IS NOT NULL LIMIT 1')).toThrow(/UNIQUE/);
    expect(() => sql('INSERT INTO tally_key_days SELECT * FROM tally_key_days WHERE county_id IS NOT NULL LIMIT 1')).toThrow(/UNIQUE/);
    expect(() => sql('INSERT INTO tally_days SELECT * FROM tally_days WHERE office_id IS NOT NULL AND county_id IS NULL LIMIT 1')).toThrow(/UNIQUE/);
    expect(() => sql('INSERT INTO tally_key_days SELECT * FROM tally_key_days WHERE office_id IS NOT NULL AND county_id IS NOT NULL LIMIT 1')).toThrow(/UNIQUE/);
    // A total changed by hand, and a record added where no trigger notes it: both are found.
    sql('UPDATE tally_days SET events = events + 1 WHERE county_id IS NULL AND day = (SELECT MIN(day) FROM tally_days WHERE county_id IS NULL AND events > 0)');
    sql('DROP TRIGGER tally_staff_insert');
    sql("INSERT INTO staff (institution_id, name, profession, user_id, created_at) VALUES (?, '志愿者医生', 'doctor', (SELECT id FROM users WHERE email = 'volunteer@tally.test'), 1)", province.hospitalIds[2]);
    const differences = verifyRunningTotals(db, copy);
    expect(differences.some((line) => line.startsWith('- tally_days'))).toBe(true);
    expect(differences.some((line) => line.startsWith('+ tally_key_days') && line.includes('"figure":"medical_staff"'))).toBe(true);
    // Counting again from the records puts them right.
    db.transaction((tx) => noteEverything(tx));
    bringRunningTotalsUpToDate(db);
    expect(verifyRunningTotals(db, copy)).toEqual([]);
  });
});
