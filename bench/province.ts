// Province-sized benchmark for places, pairings and the household register.
//   npm run bench           (generates bench/data/province.sqlite on first run, then measures)
// Prints: import throughput, GeoJSON time for a city and the whole province, the overdue list time for one
// institution, and how long the map takes to become interactive in headless Chromium.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';
const DATABASE = new URL('./data/province.sqlite', import.meta.url).pathname;
process.env.DATABASE_PATH = DATABASE;

const { existingDatabase, freshDatabase, median, seededRandom } = await import('./support.ts');
const { openDatabase } = await import('../src/lib/server/db.ts');
const { idVault } = await import('../src/lib/server/id-vault.ts');
const { idNumberCheckCharacter, maskIdNumber } = await import('../src/lib/households/id-number.ts');
const { hashPassword } = await import('../src/lib/server/auth/password.ts');
const { loadActor } = await import('../src/lib/server/auth/scope.ts');
const { mapFeatures } = await import('../src/lib/map/map.server.ts');
const { listOverduePairings } = await import('../src/lib/pairings/pairings.server.ts');
const { stageImport, runImport } = await import('../src/lib/imports/imports.server.ts');
const { autoMapColumns } = await import('../src/lib/imports/import-columns.ts');

const SIZE = { cities: 14, countiesPerCity: 7, townshipsPerCounty: 12, villages: 10_000, households: 300_000, institutions: 5_000, pairings: 500_000 };
const BENCH_PASSWORD = 'bench password 2019';
const NOW = Date.now();
const DAY = 86_400_000;

// A small deterministic generator, so that every run measures the same data.
const random = seededRandom(20191017);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

/** A well-formed ID number unique to n: the region code carries n / 1000 and the sequence n % 1000. */
function idNumber(n: number): string {
  const first17 = `${110000 + Math.floor(n / 1000)}${1940 + (n % 60)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

function time<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

async function generate() {
  const sqlite = freshDatabase(DATABASE).$client;
  const vault = idVault();
  const started = performance.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  sqlite.transaction(() => {
    const area = sqlite.prepare('INSERT INTO areas (parent_id, level, name, poverty_county, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id');
    const province = (area.get(null, 'province', '基准省', 0, NOW) as { id: number }).id;
    const townships: number[] = [];
    const cities: number[] = [];
    for (let c = 0; c < SIZE.cities; c++) {
      const city = (area.get(province, 'city', `第${c + 1}市`, 0, NOW) as { id: number }).id;
      cities.push(city);
      for (let k = 0; k < SIZE.countiesPerCity; k++) {
        const county = (area.get(city, 'county', `${c + 1}市第${k + 1}县`, k % 3 === 0 ? 1 : 0, NOW) as { id: number }).id;
        for (let t = 0; t < SIZE.townshipsPerCounty; t++) townships.push((area.get(county, 'township', `${c + 1}-${k + 1}第${t + 1}乡`, 0, NOW) as { id: number }).id);
      }
    }
    const village = sqlite.prepare(
      'INSERT INTO villages (township_id, name, status, population, poor_households, lat, lng, entered_in, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let v = 0; v < SIZE.villages; v++) {
      village.run(townships[v % townships.length], `第${v + 1}村`, pick(['poverty_village', 'lifted', 'not_poor']), 300 + Math.floor(random() * 2000), 30, 41 + random() * 5, 122 + random() * 8, 'WGS84', NOW);
    }
    // The provincial commission and the institutions under it, each placed in one of the cities.
    const institution = sqlite.prepare('INSERT INTO institutions (name, kind, parent_id, area_id, created_at) VALUES (?, ?, ?, ?, ?)');
    institution.run('基准省卫健委', 'bureau', null, province, NOW);
    for (let i = 1; i < SIZE.institutions; i++) institution.run(`第${i}医疗机构`, pick(['hospital', 'township_centre', 'community_centre', 'cdc']), 1, cities[i % cities.length], NOW);

    const household = sqlite.prepare(
      'INSERT INTO households (village_id, head_name, id_number_cipher, id_number_index, id_number_masked, cause, status, lat, lng, entered_in, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let h = 0; h < SIZE.households; h++) {
      const number = idNumber(h);
      household.run((h % SIZE.villages) + 1, `户主${h + 1}`, vault.encrypt(number), vault.index(number), maskIdNumber(number), pick(['illness', 'disability', 'lack_of_labour']), 'registered', 41 + random() * 5, 122 + random() * 8, 'WGS84', NOW);
    }

    // Pairings: every village with one institution (monthly), every township with one (monthly), and the
    // rest household pairings (each household with one or two institutions), half of them visited this month.
    const pairing = sqlite.prepare(
      'INSERT INTO pairings (institution_id, target, village_id, area_id, household_id, start_date, obligation, last_visited_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const institutionFor = (n: number) => 2 + (n % (SIZE.institutions - 1));
    const visited = () => (random() < 0.5 ? NOW - Math.floor(random() * 3) * DAY : NOW - 40 * DAY);
    let count = 0;
    for (let v = 1; v <= SIZE.villages; v++, count++) pairing.run(institutionFor(v), 'village', v, null, null, '2019-01-01', 'monthly', visited(), NOW);
    for (const [t, township] of townships.entries()) {
      pairing.run(institutionFor(t * 7), 'township', null, township, null, '2019-01-01', 'monthly', visited(), NOW);
      count++;
    }
    for (let n = 0; count < SIZE.pairings; n++, count++) {
      const h = (n % SIZE.households) + 1;
      pairing.run(institutionFor(Math.floor(h / 60) + (n >= SIZE.households ? 13 : 0)), 'household', null, null, h, '2019-01-01', 'monthly', visited(), NOW);
    }

    // One administrator and one coordinator (of institution 2) to act as.
    const user = sqlite.prepare('INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const membership = sqlite.prepare('INSERT INTO memberships (user_id, institution_id, role, created_at) VALUES (?, ?, ?, ?)');
    for (const [email, institutionId, role] of [['admin@bench.local', 1, 'admin'], ['coordinator@bench.local', 2, 'coordinator']] as const) {
      const id = randomUUID();
      user.run(id, email, role, passwordHash, 'zh-CN', NOW, NOW);
      membership.run(id, institutionId, role, NOW);
    }
  })();
  sqlite.pragma('optimize');
  sqlite.close();
  console.log(`generated ${SIZE.villages} villages, ${SIZE.households} households, ${SIZE.institutions} institutions, ${SIZE.pairings} pairings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Whether a complete data set is there: the users are written last, in the same transaction as the rest. */
function generated(): boolean {
  if (!existsSync(DATABASE)) return false;
  const probe = openDatabase(DATABASE);
  try {
    return !!probe.$client.prepare("SELECT 1 FROM sqlite_master WHERE name = 'users'").get() && !!probe.$client.prepare("SELECT 1 FROM users WHERE email = 'admin@bench.local'").get();
  } finally {
    probe.$client.close();
  }
}

if (!generated() || process.argv.includes('--regenerate')) await generate();

// A data set generated by an earlier version gets the newer migrations (indexes) before it is measured.
const db = existingDatabase(DATABASE);
const userId = (email: string) => (db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string }).id;
const admin = loadActor(db, userId('admin@bench.local'));
const coordinator = loadActor(db, userId('coordinator@bench.local'));
const figures: [string, string][] = [];

// GeoJSON: the endpoint's work is the query plus serialising it.
const geojson = (cityId: number | null) => JSON.stringify(mapFeatures(db, { actor: admin, cityId }));
geojson(null);
const city = (db.$client.prepare("SELECT id FROM areas WHERE level = 'city' LIMIT 1").get() as { id: number }).id;
const provinceRuns = Array.from({ length: 7 }, () => time(() => geojson(null)));
const cityRuns = Array.from({ length: 7 }, () => time(() => geojson(city)));
figures.push(['GeoJSON, whole province (median of 7)', `${median(provinceRuns.map((r) => r.ms)).toFixed(0)} ms, ${(provinceRuns[0].value.length / 1e6).toFixed(1)} MB, ${JSON.parse(provinceRuns[0].value).features.length} features`]);
figures.push(['GeoJSON, one city (median of 7)', `${median(cityRuns.map((r) => r.ms)).toFixed(0)} ms, ${JSON.parse(cityRuns[0].value).features.length} features`]);
const coordinatorMap = time(() => JSON.stringify(mapFeatures(db, { actor: coordinator })));
figures.push(['GeoJSON, coordinator of one institution', `${coordinatorMap.ms.toFixed(0)} ms, ${JSON.parse(coordinatorMap.value).features.length} features`]);

// The overdue list of one institution.
listOverduePairings(db, { actor: coordinator, institutionId: 2 });
const overdueRuns = Array.from({ length: 21 }, () => time(() => listOverduePairings(db, { actor: coordinator, institutionId: 2 })));
figures.push(['overdue list, one institution (median of 21)', `${median(overdueRuns.map((r) => r.ms)).toFixed(1)} ms, ${overdueRuns[0].value.length} overdue`]);

// Import: 20,000 new households into the coordinator's village, valid rows only, then rolled back by deleting them.
const ROWS = 20_000;
const pairedVillage = db.$client.prepare("SELECT v.id, v.name, t.name AS township, c.name AS county FROM pairings p JOIN villages v ON v.id = p.village_id JOIN areas t ON t.id = v.township_id JOIN areas c ON c.id = t.parent_id WHERE p.institution_id = 2 AND p.target = 'village' LIMIT 1").get() as { id: number; name: string; township: string; county: string };
const lines = ['县,乡镇,村,户主姓名,身份证号,致贫原因'];
for (let i = 0; i < ROWS; i++) lines.push(`${pairedVillage.county},${pairedVillage.township},${pairedVillage.name},导入户${i},${idNumber(SIZE.households + 1_000_000 + i)},因病致贫`);
const csv = new TextEncoder().encode(lines.join('\r\n'));
const mapping = autoMapColumns('households', lines[0].split(','));
const staged = time(() => stageImport(db, { actor: coordinator, kind: 'households', fileName: 'bench.csv', bytes: csv }));
const dryRun = time(() => runImport(db, { actor: coordinator, importId: staged.value.id, mapping, mode: 'valid_only', dryRun: true }));
const applied = time(() => runImport(db, { actor: coordinator, importId: staged.value.id, mapping, mode: 'valid_only', dryRun: false }));
figures.push(['import: stage 20,000-row CSV', `${staged.ms.toFixed(0)} ms`]);
figures.push(['import: check (dry run)', `${(ROWS / (dryRun.ms / 1000)).toFixed(0)} rows/s`]);
figures.push(['import: apply (valid rows only)', `${(ROWS / (applied.ms / 1000)).toFixed(0)} rows/s (${applied.value.created} created)`]);
db.$client.prepare("DELETE FROM households WHERE head_name LIKE '导入户%'").run();
db.$client.prepare('DELETE FROM imports').run();

// The map page in headless Chromium, as the administrator: from navigation to markers drawn and clustered.
const { startSite } = await import('../tests/setup/site.ts');
const { launchBrowser, login } = await import('../tests/setup/browser.ts');
const site = await startSite({ DATABASE_PATH: DATABASE, DEMO_DATA: 'off' });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, site.url, 'admin@bench.local', BENCH_PASSWORD);
  const samples: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto(`${site.url}/map`);
    await page.locator('yizhen-map[data-ready="true"]').waitFor({ timeout: 60_000 });
    samples.push(await page.evaluate(() => performance.now()));
    if (run === 2) figures.push(['map interactive in headless Chromium (median of 3)', `${median(samples).toFixed(0)} ms for ${await page.getAttribute('yizhen-map', 'data-shown')} markers`]);
  }
} finally {
  await browser.close();
  await site.stop();
}

db.$client.close();
console.log('\nYizhen province benchmark');
for (const [name, value] of figures) console.log(`  ${name.padEnd(52)} ${value}`);
