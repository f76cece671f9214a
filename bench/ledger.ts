// Province-sized benchmark for the stock ledger and purchases.
//   npm run bench:ledger    (generates bench/data/ledger.sqlite on first run, then measures)
// Data: 5,000 institutions with 20 items each, 2,000,000 handout lines at 50,000 events (one in five to one
// of 300,000 households), 50,000 dispatches
// of 5,000 vehicles, 100,000 purchases from 10,000 villages. Prints the time of one institution's stock view
// and of one village's yearly purchase totals (median of repeated runs, and the first, cold run).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { beijingInstant } from '../src/lib/time/beijing.ts';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';

const { benchDatabasePath, existingDatabase, freshDatabase, measure, seededRandom } = await import('./support.ts');
const { loadActor } = await import('../src/lib/server/auth/scope.ts');
const { itemLedger, stockView } = await import('../src/lib/stock/stock.server.ts');
const { eventHandouts, villageHandoutTotals } = await import('../src/lib/handouts/handouts.server.ts');
const { villagePurchaseTotals } = await import('../src/lib/purchases/purchases.server.ts');
const DATABASE = benchDatabasePath('ledger');

const SIZE = { institutions: 5_000, itemsPerInstitution: 20, villages: 10_000, households: 300_000, events: 50_000, handoutLines: 2_000_000, vehicles: 5_000, dispatches: 50_000, purchases: 100_000 };
const NOW = beijingInstant('2026-10-17', '09:00');
const TODAY = '2026-10-17';

const random = seededRandom(20191017);
const below = (n: number) => Math.floor(random() * n);

function generate() {
  const sqlite = freshDatabase(DATABASE).$client;
  const started = performance.now();
  sqlite.transaction(() => {
    const admin = randomUUID();
    sqlite.prepare("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, 'admin@bench.cn', '管理员', 'x', 'zh-CN', 1, 1)").run(admin);
    const institution = sqlite.prepare("INSERT INTO institutions (name, kind, created_at) VALUES (?, 'hospital', 1)");
    for (let i = 1; i <= SIZE.institutions; i++) institution.run(`医院${i}`);
    sqlite.prepare("INSERT INTO memberships (user_id, institution_id, role, created_at) VALUES (?, 1, 'admin', 1)").run(admin);
    sqlite.prepare("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('省', 'province', NULL, 1)").run();
    sqlite.prepare("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('市', 'city', 1, 1)").run();
    sqlite.prepare("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('县', 'county', 2, 1)").run();
    sqlite.prepare("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('乡', 'township', 3, 1)").run();
    const village = sqlite.prepare("INSERT INTO villages (township_id, name, status, created_at) VALUES (4, ?, 'poverty_village', 1)");
    for (let v = 1; v <= SIZE.villages; v++) village.run(`村${v}`);
    const event = sqlite.prepare("INSERT INTO events (organiser_id, kind, title, date, start_time, end_time, village_id, services, state, created_at) VALUES (?, 'free_clinic', ?, ?, '09:00', '12:00', ?, '[]', 'done', 1)");
    for (let e = 1; e <= SIZE.events; e++) event.run(1 + (e % SIZE.institutions), `义诊${e}`, `20${18 + (e % 9)}-10-17`, 1 + below(SIZE.villages));
    const item = sqlite.prepare("INSERT INTO items (institution_id, name, kind, unit, unit_price_fen, created_at) VALUES (?, ?, ?, 'box', ?, 1)");
    const level = sqlite.prepare('INSERT INTO stock_levels (institution_id, item_id, batch_no, expiry_date, quantity) VALUES (?, ?, ?, ?, ?)');
    const kinds = ['drug', 'cotton_coat', 'quilt', 'leaflet', 'poster'];
    let itemId = 0;
    for (let i = 1; i <= SIZE.institutions; i++) {
      for (let k = 0; k < SIZE.itemsPerInstitution; k++) {
        itemId += 1;
        item.run(i, `物品${k}`, kinds[k % kinds.length], 100 + k * 50);
        level.run(i, itemId, 'B1', '2027-06-30', 1000 + below(1000));
        level.run(i, itemId, 'B2', '2028-06-30', below(500));
      }
    }
    // Households to hand out to (the ID number is not read here, so a placeholder stands in for it).
    const household = sqlite.prepare("INSERT INTO households (village_id, head_name, id_number_cipher, id_number_index, id_number_masked, cause, status, created_at) VALUES (?, ?, 'x', ?, '1101**********0000', 'illness', 'registered', 1)");
    for (let h = 1; h <= SIZE.households; h++) household.run(1 + (h % SIZE.villages), `户主${h}`, `hash-${h}`);
    const entry = sqlite.prepare("INSERT INTO stock_entries (institution_id, item_id, kind, batch_no, expiry_date, quantity, unit_price_fen, value_fen, event_id, household_id, created_by, created_at) VALUES (?, ?, 'handout', 'B1', '2027-06-30', ?, 150, ?, ?, ?, ?, ?)");
    for (let n = 0; n < SIZE.handoutLines; n++) {
      const eventId = 1 + below(SIZE.events);
      const institutionId = 1 + (eventId % SIZE.institutions);
      const quantity = -(1 + below(20));
      // One line in five goes to a named household (coats, quilts), the rest to the crowd at a free clinic.
      const householdId = n % 5 === 0 ? 1 + below(SIZE.households) : null;
      entry.run(institutionId, (institutionId - 1) * SIZE.itemsPerInstitution + 1 + below(SIZE.itemsPerInstitution), quantity, quantity * 150, eventId, householdId, admin, NOW);
    }
    const vehicle = sqlite.prepare("INSERT INTO vehicles (institution_id, plate, kind, created_at) VALUES (?, ?, 'ambulance', 1)");
    for (let v = 1; v <= SIZE.vehicles; v++) vehicle.run(1 + (v % SIZE.institutions), `吉A${String(v).padStart(5, '0')}`);
    const dispatch = sqlite.prepare("INSERT INTO dispatches (vehicle_id, institution_id, event_id, driver, out_at, back_at, created_at) VALUES (?, ?, ?, '张师傅', ?, ?, 1)");
    for (let d = 0; d < SIZE.dispatches; d++) {
      const vehicleId = 1 + (d % SIZE.vehicles);
      const out = NOW + d * 3_600_000;
      dispatch.run(vehicleId, 1 + (vehicleId % SIZE.institutions), 1 + below(SIZE.events), out, out + 3_000_000);
    }
    const products = ['土豆', '香菇', '小米', '核桃'];
    for (const name of products) sqlite.prepare("INSERT INTO products (institution_id, name, created_at) SELECT id, ?, 1 FROM institutions").run(name);
    sqlite.exec('INSERT INTO product_names (product_id, institution_id, name) SELECT id, institution_id, name FROM products');
    const purchase = sqlite.prepare("INSERT INTO purchases (institution_id, product_id, seller_kind, village_id, seller_name, product, unit, quantity_ordered, quantity_delivered, unit_price_fen, total_fen, delivery_date, payment_state, created_at) VALUES (?, (SELECT id FROM products WHERE institution_id = ? AND name = ?), 'village_collective', ?, '村集体', ?, 'jin', ?, ?, 85, ?, ?, 'paid', 1)");
    for (let p = 0; p < SIZE.purchases; p++) {
      const grams = (100 + below(5000)) * 500;
      const [buyer, product] = [1 + below(SIZE.institutions), products[p % products.length]];
      purchase.run(buyer, buyer, product, 1 + (p % SIZE.villages), product, grams, grams, Math.round((grams / 500) * 85), `20${18 + (p % 9)}-10-${String(1 + (p % 28)).padStart(2, '0')}`);
    }
  })();
  sqlite.exec('ANALYZE');
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  sqlite.close();
}

if (!existsSync(DATABASE)) generate();
const db = existingDatabase(DATABASE);
const counts = db.$client.prepare('SELECT (SELECT COUNT(*) FROM stock_entries) AS lines, (SELECT COUNT(*) FROM dispatches) AS dispatches, (SELECT COUNT(*) FROM purchases) AS purchases').get() as Record<string, number>;
const admin = loadActor(db, (db.$client.prepare("SELECT id FROM users WHERE email = 'admin@bench.cn'").get() as { id: string }).id);
const stock = await measure(() => stockView(db, { actor: admin, institutionId: 2_345 }, TODAY));
const totals = await measure(() => villagePurchaseTotals(db, { actor: admin, villageId: 4_321 }));
// Two views that do read the 2,000,000-line ledger itself: one item's entries, and one event's handouts.
const ledger = await measure(() => itemLedger(db, { actor: admin, itemId: 2_345 * 20 + 3 }), 10);
const event = await measure(() => eventHandouts(db, { actor: admin, eventId: 12_345 }), 10);
const reached = await measure(() => villageHandoutTotals(db, { actor: admin, villageId: 4_321 }), 10);
const target = (ms: number) => (ms < 50 ? 'within the 50 ms target' : 'OVER the 50 ms target');
console.log(`\nYizhen ledger benchmark: ${counts.lines.toLocaleString('en')} handout lines, ${counts.dispatches.toLocaleString('en')} dispatches, ${counts.purchases.toLocaleString('en')} purchases`);
console.log(`  institution stock view        median ${stock.median.toFixed(2)} ms  (first ${stock.first.toFixed(2)} ms)  ${target(stock.median)}`);
console.log(`  village yearly purchase totals median ${totals.median.toFixed(2)} ms  (first ${totals.first.toFixed(2)} ms)  ${target(totals.median)}`);
console.log(`  one item's ledger             median ${ledger.median.toFixed(2)} ms  (first ${ledger.first.toFixed(2)} ms)`);
console.log(`  one event's handouts          median ${event.median.toFixed(2)} ms  (first ${event.first.toFixed(2)} ms)`);
console.log(`  what reached one village      median ${reached.median.toFixed(2)} ms  (first ${reached.first.toFixed(2)} ms)`);
