// Province-sized tallies.
//   npm run bench:tallies    (generates bench/data/tallies.sqlite on first run, then measures)
// Data: 10 cities, 100 counties, 10,000 villages, 300,000 households; 2,010 institutions; 50,000 events (45,000
// done); 60,000 ambulance trips; 270,000 places held; 2,000,000 handout lines (one in five at a visit); 1,000,000
// visits with 100,000 readings; 20,000 donations; 100,000 purchases. Prints the full-province tally and one
// county's, each beside the same aggregate written as one hand-written SQL statement over the running totals on
// better-sqlite3, and the ratio; and, for comparison, the time of counting the same figures from the records.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';

const { benchDatabasePath, existingDatabase, freshDatabase, measure, seededRandom } = await import('./support.ts');
const { loadActor, tokenActor } = await import('../src/lib/server/auth/scope.ts');
const { tally } = await import('../src/lib/tallies/tallies.server.ts');
const { bringRunningTotalsUpToDate } = await import('../src/lib/tallies/running-totals.server.ts');
const { tallyFilterSchema } = await import('../src/lib/tallies/tallies.ts');
const { shownFigures } = await import('../src/lib/tallies/figures.ts');
const DATABASE = benchDatabasePath('tallies');

const SIZE = { cities: 10, countiesPerCity: 10, townshipsPerCounty: 10, villagesPerTownship: 10, householdsPerVillage: 30, hospitals: 2_000, events: 50_000, trips: 60_000, handoutLines: 2_000_000, visits: 1_000_000, readings: 100_000, donations: 20_000, purchases: 100_000 };
const DAY = 86_400_000;

const random = seededRandom(20191017);
const below = (n: number) => Math.floor(random() * n);
const dateOf = (n: number) => new Date(Date.UTC(2018, 0, 1) + (n % 3_000) * DAY).toISOString().slice(0, 10);

function generate() {
  const sqlite = freshDatabase(DATABASE).$client;
  const started = performance.now();
  sqlite.transaction(() => {
    const insert = (sql: string) => sqlite.prepare(sql);
    const admin = randomUUID();
    insert("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, 'admin@bench.cn', '管理员', 'x', 'zh-CN', 1, 1)").run(admin);
    // Areas: the province, its cities, counties, townships; villages under the townships.
    const area = insert('INSERT INTO areas (parent_id, level, name, created_at) VALUES (?, ?, ?, 1)');
    const province = Number(area.run(null, 'province', '省').lastInsertRowid);
    const townships: number[] = [];
    const cities: number[] = [];
    for (let c = 0; c < SIZE.cities; c++) {
      const city = Number(area.run(province, 'city', `市${c}`).lastInsertRowid);
      cities.push(city);
      for (let k = 0; k < SIZE.countiesPerCity; k++) {
        const county = Number(area.run(city, 'county', `县${c}-${k}`).lastInsertRowid);
        for (let t = 0; t < SIZE.townshipsPerCounty; t++) townships.push(Number(area.run(county, 'township', `乡${c}-${k}-${t}`).lastInsertRowid));
      }
    }
    const village = insert("INSERT INTO villages (township_id, name, status, created_at) VALUES (?, ?, 'poverty_village', 1)");
    const villages = SIZE.villagesPerTownship * townships.length;
    for (let v = 0; v < villages; v++) village.run(townships[Math.floor(v / SIZE.villagesPerTownship)], `村${v}`);
    const household = insert("INSERT INTO households (village_id, head_name, id_number_cipher, id_number_index, id_number_masked, cause, status, created_at) VALUES (?, ?, 'x', ?, '2201**********0000', 'illness', 'registered', 1)");
    const households = villages * SIZE.householdsPerVillage;
    for (let h = 1; h <= households; h++) household.run(1 + Math.floor((h - 1) / SIZE.householdsPerVillage), `户主${h}`, `hash-${h}`);

    // The provincial commission (1), ten city commissions (2–11), and the hospitals under them, each in its area.
    const institution = insert('INSERT INTO institutions (name, kind, parent_id, area_id, created_at) VALUES (?, ?, ?, ?, 1)');
    institution.run('省卫健委', 'bureau', null, province);
    for (let c = 0; c < SIZE.cities; c++) institution.run(`市${c}卫健委`, 'bureau', 1, cities[c]);
    const firstHospital = 12;
    for (let h = 0; h < SIZE.hospitals; h++) institution.run(`医院${h}`, 'hospital', 2 + (h % SIZE.cities), cities[h % SIZE.cities]);
    insert("INSERT INTO memberships (user_id, institution_id, role, created_at) VALUES (?, 1, 'admin', 1)").run(admin);
    const hospital = () => firstHospital + below(SIZE.hospitals);

    // Each hospital: 20 staff (doctors and nurses, one driver), 3 ambulances and a truck, 10 items.
    const staff = insert('INSERT INTO staff (institution_id, name, profession, created_at) VALUES (?, ?, ?, 1)');
    const vehicle = insert('INSERT INTO vehicles (institution_id, plate, kind, created_at) VALUES (?, ?, ?, 1)');
    const item = insert('INSERT INTO items (institution_id, name, kind, unit, unit_price_fen, created_at) VALUES (?, ?, ?, ?, ?, 1)');
    const kinds: [string, string, number][] = [['drug', 'box', 1_500], ['drug', 'box', 890], ['drug', 'bottle', 2_400], ['leaflet', 'copy', 0], ['poster', 'sheet', 0], ['cotton_coat', 'piece', 12_000], ['quilt', 'bed', 15_000], ['rice', 'jin', 300], ['disinfectant', 'bottle', 1_000], ['booklet', 'book', 200]];
    for (let h = 0; h < SIZE.hospitals; h++) {
      const id = firstHospital + h;
      for (let s = 0; s < 20; s++) staff.run(id, `职工${h}-${s}`, s === 19 ? 'driver' : s % 2 ? 'nurse' : 'doctor');
      for (let v = 0; v < 4; v++) vehicle.run(id, `吉A${h}-${v}`, v === 3 ? 'truck' : 'ambulance');
      for (const [kind, unit, price] of kinds) item.run(id, `${kind}-${unit}`, kind, unit, price);
    }

    // Events, with a role, a shift and the organiser's staff placed on it.
    const event = insert("INSERT INTO events (organiser_id, kind, title, date, start_time, end_time, village_id, services, state, people_seen, created_at) VALUES (?, 'free_clinic', '义诊', ?, '08:30', '15:30', ?, '[]', ?, ?, 1)");
    const role = insert("INSERT INTO event_roles (event_id, kind) VALUES (?, 'doctor')");
    const shift = insert('INSERT INTO shifts (role_id, starts_at, ends_at, capacity) VALUES (?, ?, ?, 10)');
    const signup = insert("INSERT INTO signups (shift_id, staff_id, state, created_at) VALUES (?, ?, 'confirmed', 1)");
    const organiserOf: number[] = [0];
    for (let e = 1; e <= SIZE.events; e++) {
      const organiser = hospital();
      organiserOf.push(organiser);
      const state = e % 100 < 90 ? 'done' : e % 100 < 96 ? 'cancelled' : 'published';
      event.run(organiser, dateOf(e), 1 + below(villages), state, state === 'done' ? below(300) : null);
      const roleId = Number(role.run(e).lastInsertRowid);
      const starts = Date.parse(`${dateOf(e)}T00:30:00Z`);
      const shiftId = Number(shift.run(roleId, starts, starts + 7 * 3_600_000).lastInsertRowid);
      const firstStaff = (organiser - firstHospital) * 20 + 1;
      if (state === 'done') for (let p = 0; p < 6; p++) signup.run(shiftId, firstStaff + ((e + p) % 19));
    }
    const dispatch = insert("INSERT INTO dispatches (vehicle_id, institution_id, event_id, driver, out_at, back_at, created_at) VALUES (?, ?, ?, '司机', 1, 2, 1)");
    for (let d = 0; d < SIZE.trips; d++) {
      const e = 1 + below(SIZE.events);
      dispatch.run((organiserOf[e] - firstHospital) * 4 + 1 + below(4), organiserOf[e], e);
    }

    // Visits by a hospital of the household's city; one in ten with a reading, some with a referral.
    const visit = insert("INSERT INTO visits (household_id, institution_id, visited_at, purpose, submission_key, created_at) VALUES (?, ?, ?, 'care', ?, 1)");
    for (let v = 1; v <= SIZE.visits; v++) visit.run(1 + below(households), hospital(), Date.UTC(2018, 0, 1) + below(3_000) * DAY + 36_000_000, `k${v}`);
    const reading = insert('INSERT INTO visit_readings (visit_id, household_id, systolic, diastolic, referral_to, referral_state) VALUES (?, ?, 140, 90, ?, ?)');
    for (let r = 0; r < SIZE.readings; r++) reading.run(1 + r * 10, 1 + below(households), r % 5 === 0 ? '县医院' : null, r % 5 === 0 ? (r % 10 === 0 ? 'done' : 'planned') : null);

    // Handout lines: four in five at an event, from the organiser's stock; one in five at a visit.
    const entry = insert("INSERT INTO stock_entries (institution_id, item_id, kind, batch_no, quantity, unit_price_fen, value_fen, event_id, visit_id, household_id, created_at) VALUES (?, ?, 'handout', '', ?, ?, ?, ?, ?, ?, 1)");
    for (let n = 0; n < SIZE.handoutLines; n++) {
      const k = below(kinds.length);
      const quantity = -(1 + below(k === 3 ? 500 : 20));
      const price = kinds[k][2];
      if (n % 5 === 4) {
        const visitId = 1 + below(SIZE.visits);
        const institutionId = hospital();
        entry.run(institutionId, (institutionId - firstHospital) * kinds.length + 1 + k, quantity, price, quantity * price, null, visitId, 1 + below(households));
      } else {
        const e = 1 + below(SIZE.events);
        entry.run(organiserOf[e], (organiserOf[e] - firstHospital) * kinds.length + 1 + k, quantity, price, quantity * price, e, null, null);
      }
    }
    const donation = insert("INSERT INTO donations (institution_id, kind, date, amount_fen, recipient_kind, village_id, approved_by, created_at) VALUES (?, ?, ?, ?, 'village', ?, '院党委', 1)");
    for (let d = 0; d < SIZE.donations; d++) donation.run(hospital(), d % 3 ? 'cash' : 'in_kind', dateOf(d), 100_000 + below(500_000), 1 + below(villages));
    sqlite.exec("INSERT INTO products (institution_id, name, created_at) SELECT id, '土豆', 1 FROM institutions");
    sqlite.exec('INSERT INTO product_names (product_id, institution_id, name) SELECT id, institution_id, name FROM products');
    const purchase = insert("INSERT INTO purchases (institution_id, product_id, seller_kind, village_id, seller_name, product, unit, quantity_ordered, quantity_delivered, unit_price_fen, total_fen, delivery_date, payment_state, created_at) VALUES (?, (SELECT id FROM products WHERE institution_id = ?), 'village_collective', ?, '村集体', '土豆', 'jin', ?, ?, 85, ?, ?, 'paid', 1)");
    for (let p = 0; p < SIZE.purchases; p++) {
      const grams = (100 + below(5_000)) * 500;
      const buyer = hospital();
      purchase.run(buyer, buyer, 1 + below(villages), grams, grams, Math.round((grams / 500) * 85), dateOf(p));
    }
  })();
  sqlite.exec('ANALYZE');
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  sqlite.close();
}

/**
 * The same figures counted from the records by one hand-written statement: the counted events and visits as
 * CTEs, each figure a scalar subquery over them. `:county` limits to a county (all when null). It checks that
 * the running totals hold what the records say, and shows what reading the records costs.
 */
const FROM_RECORDS = `
WITH area_villages AS (SELECT id FROM villages WHERE :county IS NULL OR township_id IN (SELECT id FROM areas WHERE parent_id = :county)),
e AS (SELECT id, organiser_id, people_seen FROM events WHERE state = 'done' AND (:county IS NULL OR village_id IN area_villages)),
v AS (SELECT visits.id, visits.household_id FROM visits JOIN households ON households.id = visits.household_id WHERE households.village_id IN area_villages),
lines AS (
  SELECT item_id, quantity, value_fen FROM stock_entries WHERE kind IN ('handout', 'reversal') AND event_id IN (SELECT id FROM e)
  UNION ALL SELECT item_id, quantity, value_fen FROM stock_entries WHERE kind IN ('handout', 'reversal') AND event_id IS NULL AND visit_id IN (SELECT id FROM v))
SELECT
  (SELECT COUNT(*) FROM e) AS events,
  (SELECT SUM(people_seen) FROM e) AS peopleSeen,
  (SELECT COUNT(DISTINCT organiser_id) FROM e) AS institutions,
  (SELECT COUNT(*) FROM dispatches d JOIN vehicles ve ON ve.id = d.vehicle_id WHERE ve.kind = 'ambulance' AND d.event_id IN (SELECT id FROM e)) AS ambulanceTrips,
  (SELECT COUNT(*) FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN event_roles r ON r.id = sh.role_id JOIN staff st ON st.id = s.staff_id
     WHERE s.state = 'confirmed' AND st.profession IN ('doctor', 'nurse', 'pharmacist', 'technician') AND r.event_id IN (SELECT id FROM e)) AS medicalStaffTimes,
  (SELECT COUNT(DISTINCT s.staff_id) FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN event_roles r ON r.id = sh.role_id JOIN staff st ON st.id = s.staff_id
     WHERE s.state = 'confirmed' AND st.profession IN ('doctor', 'nurse', 'pharmacist', 'technician') AND r.event_id IN (SELECT id FROM e)) AS medicalStaff,
  (SELECT COUNT(*) FROM v) AS visits,
  (SELECT COUNT(DISTINCT household_id) FROM v) AS householdsVisited,
  (SELECT -SUM(lines.value_fen) FROM lines JOIN items i ON i.id = lines.item_id WHERE i.kind = 'drug') AS drugsFen,
  (SELECT SUM(amount_fen) FROM donations WHERE voided_at IS NULL AND kind = 'cash' AND (:county IS NULL OR village_id IN area_villages)) AS cashFen,
  (SELECT SUM(total_fen) FROM purchases WHERE :county IS NULL OR village_id IN area_villages) AS purchaseFen`;

/**
 * The same aggregate as the tally, written by hand over the running totals (everywhere when :county is null):
 * every additive figure, the goods by kind and unit, and every distinct figure.
 */
const HAND_WRITTEN = `
SELECT
  (SELECT json_object('events', SUM(events), 'peopleSeen', SUM(people_seen), 'withoutHeadCount', SUM(events_without_head_count), 'ambulanceTrips', SUM(ambulance_trips),
     'medicalStaffTimes', SUM(medical_staff_times), 'volunteerMs', SUM(volunteer_ms), 'visits', SUM(visits), 'cashFen', SUM(cash_fen), 'inKindFen', SUM(in_kind_fen),
     'purchaseGrams', SUM(purchase_grams), 'purchaseCases', SUM(purchase_cases), 'purchaseFen', SUM(purchase_fen), 'referrals', SUM(referrals), 'referralsDone', SUM(referrals_done))
   FROM tally_days WHERE county_id IS :county) AS sums,
  (SELECT json_group_array(json_array(kind, unit, q, v)) FROM (SELECT kind, unit, SUM(quantity) AS q, SUM(value_fen) AS v FROM tally_day_materials WHERE county_id IS :county GROUP BY kind, unit)) AS materials,
  (SELECT json_group_object(figure, n) FROM (SELECT figure, COUNT(*) AS n FROM tally_first_days WHERE county_id IS :county GROUP BY figure)) AS distinct_figures`;

if (!existsSync(DATABASE)) generate();
const db = existingDatabase(DATABASE);
const sqlite = db.$client;
// Generated rows (and rows from before the running totals) are noted as changes; taking them all in is a
// one-off cost, printed here, and not part of the tally's time.
const catchUp = performance.now();
const days = bringRunningTotalsUpToDate(db);
if (days > 0) console.log(`running totals brought up to date: ${days.toLocaleString('en')} days in ${((performance.now() - catchUp) / 1000).toFixed(1)} s`);
const admin = loadActor(db, (sqlite.prepare("SELECT id FROM users WHERE email = 'admin@bench.cn'").get() as { id: string }).id);
const county = (sqlite.prepare("SELECT id FROM areas WHERE level = 'county' ORDER BY id LIMIT 1 OFFSET 42").get() as { id: number }).id;
const counts = sqlite.prepare('SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM stock_entries) AS lines, (SELECT COUNT(*) FROM visits) AS visits').get() as Record<string, number>;
const fromRecords = sqlite.prepare(FROM_RECORDS);
const handWritten = sqlite.prepare(HAND_WRITTEN);

type TallyFigures = ReturnType<typeof tally>['figures'];
const ours = (filters: Record<string, string>) => () => tally(db, { actor: admin, filters: tallyFilterSchema.parse(filters) });
const theirs = (countyId: number | null) => () => handWritten.get({ county: countyId }) as { sums: string; materials: string; distinct_figures: string };
const records = (countyId: number | null) => () => fromRecords.get({ county: countyId }) as Record<string, number>;

// The figures must agree with the records, and the hand-written statement with the tally, before the times
// mean anything.
const check = (a: TallyFigures, countyId: number | null) => {
  const b = records(countyId)();
  const ourValues = { ...a, drugsFen: Math.round(shownFigures(a).drugsYuan * 100) };
  for (const key of ['events', 'peopleSeen', 'ambulanceTrips', 'medicalStaffTimes', 'medicalStaff', 'visits', 'householdsVisited', 'drugsFen', 'cashFen', 'purchaseFen'] as const) {
    if (ourValues[key] !== (b[key] ?? 0)) throw new Error(`${key}: ours ${ourValues[key]}, from the records ${b[key]}`);
  }
  const c = theirs(countyId)();
  const sums = JSON.parse(c.sums) as Record<string, number>;
  const distinct = JSON.parse(c.distinct_figures) as Record<string, number>;
  if (sums.visits !== a.visits || distinct.household !== a.householdsVisited || distinct.medical_staff !== a.medicalStaff || (JSON.parse(c.materials) as unknown[]).length < a.materials.length)
    throw new Error(`hand-written statement disagrees: ${JSON.stringify({ sums, distinct })}`);
};
check(ours({})().figures, null);
check(ours({ area: String(county) })().figures, county);

const province = { ours: await measure(ours({}), 30), theirs: await measure(theirs(null), 30), records: await measure(records(null), 3) };
const oneCounty = { ours: await measure(ours({ area: String(county) }), 30), theirs: await measure(theirs(county), 30), records: await measure(records(county), 15) };
const line = (name: string, r: typeof province, target: number) =>
  `  ${name.padEnd(16)} ours median ${r.ours.median.toFixed(1)} ms (first ${r.ours.first.toFixed(1)})   hand-written SQL ${r.theirs.median.toFixed(1)} ms   ratio ${(r.ours.median / r.theirs.median).toFixed(2)}   ${r.ours.median < target ? `within ${target} ms` : `OVER ${target} ms`}, ${r.ours.median <= 2 * r.theirs.median ? 'within 2×' : 'OVER 2×'}   (counting the records instead: ${r.records.median.toFixed(0)} ms)`;
console.log(`\nYizhen tallies benchmark: ${counts.events.toLocaleString('en')} events, ${counts.lines.toLocaleString('en')} handout lines, ${counts.visits.toLocaleString('en')} visits`);
console.log(line('full province', province, 200));
console.log(line('one county', oneCounty, 30));

// Tallies that count their records, without targets in the issue, for a sense of their cost: a city
// commission's publicity office (its 200 hospitals, all dates), one hospital, and the province over one year
// (additive figures from the running totals, distinct ones from the records).
const cityOffice = tokenActor(db, 0, 2);
const others: [string, () => unknown][] = [
  ['a city office', () => tally(db, { actor: cityOffice, filters: tallyFilterSchema.parse({}) })],
  ['one hospital', ours({ institution: '12' })],
  ['province, 2019', ours({ from: '2019-01-01', to: '2019-12-31' })],
];
for (const [name, work] of others) {
  const r = await measure(work, 5);
  console.log(`  ${name.padEnd(16)} median ${r.median.toFixed(1)} ms (first ${r.first.toFixed(1)})`);
}
