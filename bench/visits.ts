// Household files and follow-ups at province scale.
//   npm run bench:visits    (generates bench/data/visits.sqlite on first run, then measures)
// Data: 50 institutions, 1,000 villages, 200,000 households; the measured hospital is paired with 100 villages
// (20,000 households). 200,199 visits, each with two visitors, the eight-item check and a health reading;
// one household has 200 visits in its history. 110,199 follow-ups, 20,199 of them the hospital's.
// Prints, for the household with 200 visits and for the hospital's follow-up list: the domain read alone, and
// the whole page over HTTP from the built site (session, scoping, audit row, rendering), median of 30 runs.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { beijingInstant } from '../src/lib/time/beijing.ts';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';

const { benchDatabasePath, existingDatabase, freshDatabase, measure, seededRandom } = await import('./support.ts');
const { loadActor } = await import('../src/lib/server/auth/scope.ts');
const { householdFile } = await import('../src/lib/visits/visits.server.ts');
const { listFollowUps } = await import('../src/lib/visits/follow-ups.server.ts');
const { healthChartSvg, readingSeries } = await import('../src/lib/visits/health-chart.ts');
const { startSite } = await import('../tests/setup/site.ts');
const DATABASE = benchDatabasePath('visits');

const SIZE = { institutions: 50, villages: 1_000, householdsPerVillage: 200, pairedVillages: 100, longHistory: 200 };
const TODAY = '2026-10-17';
const HOSPITAL = 1;
const LONG_HISTORY_HOUSEHOLD = 1;
const CHECKS = ['food', 'clothing', 'education', 'insurance', 'chronic_card', 'family_doctor', 'housing', 'water'];

const random = seededRandom(20191017);
const below = (n: number) => Math.floor(random() * n);
const day = (offset: number) => new Date(Date.parse('2026-10-17T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

function generate() {
  const sqlite = freshDatabase(DATABASE).$client;
  const started = performance.now();
  sqlite.transaction(() => {
    const user = sqlite.prepare("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, ?, '协调员', 'x', 'zh-CN', 1, 1)");
    const coordinator = randomUUID();
    user.run(coordinator, 'coordinator@bench.cn');
    const institution = sqlite.prepare("INSERT INTO institutions (name, kind, created_at) VALUES (?, 'hospital', 1)");
    for (let i = 1; i <= SIZE.institutions; i++) institution.run(`医院${i}`);
    sqlite.prepare("INSERT INTO memberships (user_id, institution_id, role, created_at) VALUES (?, ?, 'coordinator', 1)").run(coordinator, HOSPITAL);
    sqlite.prepare("INSERT INTO areas (name, level, parent_id, created_at) VALUES ('省', 'province', NULL, 1), ('市', 'city', 1, 1), ('县', 'county', 2, 1), ('乡', 'township', 3, 1)").run();
    const village = sqlite.prepare("INSERT INTO villages (township_id, name, status, created_at) VALUES (4, ?, 'poverty_village', 1)");
    for (let v = 1; v <= SIZE.villages; v++) village.run(`村${v}`);
    // Village pairings: the hospital has villages 1–100; the other institutions share out the rest.
    const pairing = sqlite.prepare("INSERT INTO pairings (institution_id, target, village_id, start_date, obligation, created_at) VALUES (?, 'village', ?, '2016-01-01', 'monthly', 1)");
    for (let v = 1; v <= SIZE.villages; v++) pairing.run(v <= SIZE.pairedVillages ? HOSPITAL : 2 + (v % (SIZE.institutions - 1)), v);
    const staff = sqlite.prepare("INSERT INTO staff (institution_id, name, profession, created_at) VALUES (?, ?, 'doctor', 1)");
    for (let i = 1; i <= SIZE.institutions; i++) for (let s = 0; s < 20; s++) staff.run(i, `医生${i}-${s}`);
    const household = sqlite.prepare("INSERT INTO households (village_id, head_name, id_number_cipher, id_number_index, id_number_masked, cause, status, created_at) VALUES (?, ?, 'x', ?, '2201**********0000', 'illness', 'registered', 1)");
    let householdId = 0;
    for (let v = 1; v <= SIZE.villages; v++) for (let h = 0; h < SIZE.householdsPerVillage; h++) household.run(v, `户主${++householdId}`, `hash-${householdId}`);

    const visit = sqlite.prepare("INSERT INTO visits (household_id, institution_id, visited_at, purpose, satisfaction, difficulties, submission_key, created_by, created_at) VALUES (?, ?, ?, 'care', 'satisfied', ?, ?, ?, 1)");
    const visitor = sqlite.prepare('INSERT INTO visit_visitors (visit_id, staff_id) VALUES (?, ?)');
    const check = sqlite.prepare('INSERT INTO visit_checks (visit_id, item, state, note) VALUES (?, ?, ?, ?)');
    const reading = sqlite.prepare('INSERT INTO visit_readings (visit_id, household_id, systolic, diastolic, glucose_tenths, glucose_timing, advice) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const followUp = sqlite.prepare('INSERT INTO follow_ups (visit_id, household_id, institution_id, action, owner, due_date, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let visitId = 0;
    const writeVisit = (hid: number, institutionId: number, at: number, promise: boolean) => {
      visitId += 1;
      visit.run(hid, institutionId, at, below(5) === 0 ? '冬季取暖用煤不足' : null, randomUUID(), coordinator);
      const first = (institutionId - 1) * 20 + 1;
      visitor.run(visitId, first + below(10));
      visitor.run(visitId, first + 10 + below(10));
      for (const item of CHECKS) {
        const concern = below(20) === 0;
        check.run(visitId, item, concern ? 'concern' : 'yes', concern ? '需要跟进' : null);
      }
      reading.run(visitId, hid, 120 + below(50), 70 + below(30), 50 + below(60), 'fasting', '低盐饮食');
      if (promise) followUp.run(visitId, hid, institutionId, '协助办理慢病卡', '医生', day(below(200) - 120), below(5) < 2 ? 1 : null);
    };
    // The household with a long history: a visit a fortnight for eight years, each with a follow-up.
    for (let n = 0; n < SIZE.longHistory; n++) writeVisit(LONG_HISTORY_HOUSEHOLD, HOSPITAL, beijingInstant('2018-01-01', '10:00') + n * 14 * 86_400_000, true);
    // Every other household visited once by its paired institution; the hospital's each promise a follow-up.
    for (let hid = LONG_HISTORY_HOUSEHOLD + 1; hid <= householdId; hid++) {
      const v = Math.ceil(hid / SIZE.householdsPerVillage);
      const institutionId = v <= SIZE.pairedVillages ? HOSPITAL : 2 + (v % (SIZE.institutions - 1));
      writeVisit(hid, institutionId, beijingInstant('2026-09-01', '10:00') + below(40) * 86_400_000, institutionId === HOSPITAL || hid % 2 === 0);
    }
    // The coordinator's session, for the site.
    sqlite.prepare('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)').run('bench-session', coordinator, Math.floor(Date.now() / 1000) + 30 * 86_400);
  })();
  sqlite.exec('ANALYZE');
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  sqlite.close();
}

if (!existsSync(DATABASE)) generate();
const db = existingDatabase(DATABASE);
const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
const figures = {
  households: count('SELECT COUNT(*) AS n FROM households'),
  visits: count('SELECT COUNT(*) AS n FROM visits'),
  followUps: count('SELECT COUNT(*) AS n FROM follow_ups'),
  hospitalFollowUps: count(`SELECT COUNT(*) AS n FROM follow_ups WHERE institution_id = ${HOSPITAL}`),
  hospitalOpen: count(`SELECT COUNT(*) AS n FROM follow_ups WHERE institution_id = ${HOSPITAL} AND done_at IS NULL`),
  history: count(`SELECT COUNT(*) AS n FROM visits WHERE household_id = ${LONG_HISTORY_HOUSEHOLD}`),
};
const coordinatorId = (db.$client.prepare("SELECT id FROM users WHERE email = 'coordinator@bench.cn'").get() as { id: string }).id;
const actor = loadActor(db, coordinatorId);
const labels = { systolic: '收缩压', diastolic: '舒张压', glucose: '血糖' };

// The household page's own work: its file (with the audit row) and its chart.
const file = await measure(() => {
  const read = householdFile(db, { actor, householdId: LONG_HISTORY_HOUSEHOLD });
  for (const person of readingSeries(read.visits.flatMap((v) => v.readings.map((r) => ({ ...r, visitedAt: v.visitedAt }))), read.household.headName)) healthChartSvg(person.points, labels, 'zh-CN');
});
const list = await measure(() => listFollowUps(db, { actor, institutionId: HOSPITAL }, TODAY));
db.$client.close();

// The same two pages over HTTP from the built site.
const site = await startSite({ DATABASE_PATH: DATABASE, DEMO_DATA: 'off' });
let page: { first: number; median: number };
let followUpPage: { first: number; median: number };
try {
  const get = async (path: string) => {
    const response = await fetch(site.url + path, { headers: { cookie: 'yizhen_session=bench-session' } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    await response.text();
  };
  page = await measure(() => get(`/households/${LONG_HISTORY_HOUSEHOLD}`));
  followUpPage = await measure(() => get(`/institutions/${HOSPITAL}/follow-ups`));
} finally {
  await site.stop();
}

const verdict = (ms: number, target: number) => (ms < target ? `within the ${target} ms target` : `OVER the ${target} ms target`);
console.log(`\nYizhen visits benchmark: ${figures.households.toLocaleString('en')} households, ${figures.visits.toLocaleString('en')} visits, ${figures.followUps.toLocaleString('en')} follow-ups`);
console.log(`  the hospital: ${(SIZE.pairedVillages * SIZE.householdsPerVillage).toLocaleString('en')} households, ${figures.hospitalFollowUps.toLocaleString('en')} follow-ups (${figures.hospitalOpen.toLocaleString('en')} open)`);
console.log(`  household file with ${figures.history} visits: read + chart  median ${file.median.toFixed(1)} ms (first ${file.first.toFixed(1)} ms)`);
console.log(`  household page over HTTP                 median ${page.median.toFixed(1)} ms (first ${page.first.toFixed(1)} ms)  ${verdict(page.median, 100)}`);
console.log(`  follow-up list: query                    median ${list.median.toFixed(1)} ms (first ${list.first.toFixed(1)} ms)`);
console.log(`  follow-up list page over HTTP            median ${followUpPage.median.toFixed(1)} ms (first ${followUpPage.first.toFixed(1)} ms)  ${verdict(followUpPage.median, 50)}`);
