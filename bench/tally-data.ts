// The province the tally and page benchmarks run on: 10 cities, 100 counties, 10,000 villages, 300,000
// households; 2,010 institutions; 50,000 events (45,000 done); 60,000 ambulance trips; 270,000 places held;
// 2,000,000 handout lines (one in five at a visit); 1,000,000 visits with 100,000 readings; 20,000 donations;
// 100,000 purchases. Generated once into bench/data/tallies.sqlite (a few minutes), the same every time.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { benchDatabasePath, freshDatabase, seededRandom } from './support.ts';

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

/** The data set's path, generated first if there is none. */
export function ensureTallyDataSet(): string {
  if (!existsSync(DATABASE)) generate();
  return DATABASE;
}
