// Pages as people open them, at province scale: the built site is started on the tally benchmark's province
// (bench/tally-data.ts) and every view is requested over HTTP, signed in as the person who opens it, the way a
// browser asks (brotli accepted). Prints each view's median and 95th-percentile time, and its bytes (as sent and
// as HTML), beside the goal; exits with status 1 when a view is past its goal.
//   npm run bench:pages            (SAMPLES=n for more or fewer timed requests per view, 6 by default;
//                                   ONLY=words for the views whose name holds them, e.g. ONLY=tallies)
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync } from 'node:zlib';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';
const SAMPLES = Number(process.env.SAMPLES ?? 6);
const PAGE_GOAL_MS = 200;
const API_GOAL_MS = 100;
// A download is every row of the tally (each institution, county and day, 5,000 events and 5,000 visits), not
// a page to read: it should start within a second.
const DOWNLOAD_GOAL_MS = 1_000;
// The map, from asking for the page to its clusters drawn in the browser.
const MAP_GOAL_MS = 1_000;

const { catchUpRunningTotals, existingDatabase, median } = await import('./support.ts');
const { ensureTallyDataSet } = await import('./tally-data.ts');
const { startSession } = await import('../src/lib/server/auth/session.ts');
const { hashToken } = await import('../src/lib/server/tokens.ts');
const { startSite } = await import('../tests/setup/site.ts');
const { buildIfChanged } = await import('../scripts/build.mjs');
const { launchBrowser } = await import('../tests/setup/browser.ts');
const { ensureBrowser } = await import('../scripts/browser.mjs');

const DATABASE = ensureTallyDataSet();
buildIfChanged(new URL('..', import.meta.url).pathname);
// The map is timed in Chromium.
const TIMES_MAP = !process.env.ONLY || 'map in chromium'.includes(process.env.ONLY);
if (TIMES_MAP) ensureBrowser();

// The people who open the pages, a county bureau, a campaign and a data-interface token, added to the data set
// once (kept on later runs): the province's administrator is there from the start.
const PEOPLE = {
  'province administrator': { email: 'admin@bench.cn', institution: '省卫健委', role: 'admin' },
  'province publicity': { email: 'publicity@bench.cn', institution: '省卫健委', role: 'publicity' },
  'city publicity': { email: 'city-publicity@bench.cn', institution: '市0卫健委', role: 'publicity' },
  'county bureau': { email: 'county@bench.cn', institution: '县0-0卫健局', role: 'admin' },
  'hospital coordinator': { email: 'coordinator@bench.cn', institution: '医院0', role: 'coordinator' },
} as const;
type Who = keyof typeof PEOPLE;

const db = existingDatabase(DATABASE);
const sqlite = db.$client;
const one = <T>(statement: string, ...params: unknown[]) => sqlite.prepare(statement).get(...params) as T;
const token = `yz_bench_${randomUUID().replaceAll('-', '')}`;
sqlite.transaction(() => {
  const cityBureau = one<{ id: number }>("SELECT id FROM institutions WHERE name = '市0卫健委'").id;
  const county = one<{ id: number }>("SELECT id FROM areas WHERE name = '县0-0'").id;
  sqlite.prepare("INSERT INTO institutions (name, kind, parent_id, area_id, created_at) SELECT '县0-0卫健局', 'bureau', ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM institutions WHERE name = '县0-0卫健局')").run(cityBureau, county);
  for (const { email, institution, role } of Object.values(PEOPLE)) {
    sqlite.prepare("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) SELECT ?, ?, ?, 'x', 'zh-CN', 1, 1 WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = ?)").run(randomUUID(), email, email, email);
    sqlite.prepare("INSERT INTO memberships (user_id, institution_id, role, created_at) SELECT users.id, institutions.id, ?, 1 FROM users, institutions WHERE users.email = ? AND institutions.name = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE memberships.user_id = users.id AND memberships.institution_id = institutions.id)").run(role, email, institution);
  }
  // The province's Poverty Alleviation Day week of 2019, holding every event of those days (about 130).
  sqlite.prepare("INSERT INTO campaigns (name, organiser_id, start_date, end_date, created_at) SELECT '2019年扶贫日', 1, '2019-10-10', '2019-10-17', 1 WHERE NOT EXISTS (SELECT 1 FROM campaigns WHERE name = '2019年扶贫日')").run();
  sqlite.prepare("UPDATE events SET campaign_id = (SELECT id FROM campaigns WHERE name = '2019年扶贫日') WHERE date BETWEEN '2019-10-10' AND '2019-10-17' AND campaign_id IS NULL").run();
  // Villages on the map: the generated province has no coordinates, so each is placed on a grid over Jilin.
  sqlite.prepare('UPDATE villages SET lat = 41.5 + (id % 100) * 0.04, lng = 122.0 + (id / 100) * 0.05 WHERE lat IS NULL').run();
  // The hospital is paired with the village of the first household visited, so its coordinator keeps their files.
  sqlite.prepare("INSERT INTO pairings (institution_id, target, village_id, start_date, obligation, created_at) SELECT institutions.id, 'village', households.village_id, '2018-01-01', 'monthly', 1 FROM institutions, households WHERE institutions.name = '医院0' AND households.id = (SELECT household_id FROM visits ORDER BY id LIMIT 1) AND NOT EXISTS (SELECT 1 FROM pairings WHERE pairings.institution_id = institutions.id)").run();
  sqlite.prepare("INSERT INTO api_tokens (institution_id, name, token_hash, prefix, created_at) VALUES (1, 'bench', ?, ?, ?)").run(hashToken(token), token.slice(0, 9), Date.now());
})();
catchUpRunningTotals(db);
const cookies = new Map<Who, string>();
for (const [who, { email }] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
  const cookie = await startSession(db, one<{ id: string }>('SELECT id FROM users WHERE email = ?', email).id);
  cookies.set(who, `${cookie.name}=${cookie.value}`);
}
const ids = {
  county: one<{ id: number }>("SELECT id FROM areas WHERE name = '县0-0'").id,
  campaign: one<{ id: number }>("SELECT id FROM campaigns WHERE name = '2019年扶贫日'").id,
  hospital: one<{ id: number }>("SELECT id FROM institutions WHERE name = '医院0'").id,
  event: one<{ id: number }>("SELECT events.id FROM events JOIN institutions ON institutions.id = events.organiser_id WHERE institutions.name = '医院0' AND state = 'done' ORDER BY date DESC LIMIT 1").id,
  household: one<{ id: number }>('SELECT household_id AS id FROM visits ORDER BY visits.id LIMIT 1').id,
};
const counts = one<Record<string, number>>('SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM stock_entries) AS lines, (SELECT COUNT(*) FROM visits) AS visits, (SELECT COUNT(*) FROM institutions) AS institutions, (SELECT COUNT(*) FROM villages) AS villages');
sqlite.close();

interface View {
  name: string;
  who: Who | 'token';
  path: string;
}
const year = 'from=2019-01-01&to=2019-12-31';
const VIEWS: View[] = [
  { name: 'home', who: 'province administrator', path: '/' },
  { name: 'home', who: 'province publicity', path: '/' },
  { name: 'home', who: 'county bureau', path: '/' },
  { name: 'home', who: 'hospital coordinator', path: '/' },
  { name: 'tallies: province', who: 'province administrator', path: '/tallies' },
  { name: 'tallies: province', who: 'province publicity', path: '/tallies' },
  { name: 'tallies: one county', who: 'province administrator', path: `/tallies?area=${ids.county}` },
  { name: 'tallies: one year', who: 'province administrator', path: `/tallies?${year}` },
  { name: 'tallies: one month, one county', who: 'province administrator', path: `/tallies?from=2019-10-01&to=2019-10-31&area=${ids.county}` },
  { name: 'tallies: one campaign', who: 'province administrator', path: `/tallies?campaign=${ids.campaign}` },
  { name: 'tallies: by institution', who: 'province administrator', path: '/tallies?by=institution' },
  { name: 'tallies: by county', who: 'province administrator', path: '/tallies?by=county' },
  { name: 'tallies: one hospital by day', who: 'province administrator', path: `/tallies?institution=${ids.hospital}&by=day` },
  { name: 'tallies: one hospital (opens by month)', who: 'province administrator', path: `/tallies?institution=${ids.hospital}` },
  { name: 'tallies: one year by month', who: 'province administrator', path: `/tallies?${year}&by=month` },
  { name: 'tallies: one year by week', who: 'province administrator', path: `/tallies?${year}&by=week` },
  { name: 'tallies: city office', who: 'city publicity', path: '/tallies' },
  { name: 'tallies: city office by institution', who: 'city publicity', path: '/tallies?by=institution' },
  { name: 'tallies: city office, campaign', who: 'city publicity', path: `/tallies?campaign=${ids.campaign}` },
  { name: 'tallies: county bureau', who: 'county bureau', path: '/tallies' },
  { name: 'tallies: hospital', who: 'hospital coordinator', path: '/tallies' },
  { name: 'download: CSV, province', who: 'province publicity', path: '/api/tallies.csv' },
  { name: 'download: Excel, one year', who: 'province publicity', path: `/api/tallies.xlsx?${year}` },
  { name: 'map', who: 'province administrator', path: '/map' },
  { name: 'map data', who: 'province administrator', path: '/api/map.geojson' },
  { name: 'villages', who: 'province administrator', path: '/villages' },
  { name: 'households', who: 'hospital coordinator', path: '/households' },
  { name: 'events', who: 'province administrator', path: '/events' },
  { name: 'events', who: 'hospital coordinator', path: '/events' },
  { name: 'institutions', who: 'province administrator', path: '/institutions' },
  { name: 'institutions, a word', who: 'province administrator', path: `/institutions?q=${encodeURIComponent('医院1')}` },
  { name: 'events, past', who: 'province administrator', path: '/events?when=past' },
  { name: 'events, past, a word', who: 'province administrator', path: `/events?when=all&q=${encodeURIComponent('义诊')}` },
  { name: 'download: household register', who: 'hospital coordinator', path: '/api/lists/households.xlsx' },
  { name: 'download: villages, province', who: 'province administrator', path: '/api/lists/villages.xlsx' },
  { name: "an event's roster", who: 'hospital coordinator', path: `/events/${ids.event}/roster` },
  { name: "a household's file", who: 'hospital coordinator', path: `/households/${ids.household}` },
  { name: 'API: province', who: 'token', path: '/api/v1/tallies' },
  { name: 'API: one county', who: 'token', path: `/api/v1/tallies?area=${ids.county}` },
  { name: 'API: one year', who: 'token', path: `/api/v1/tallies?${year}` },
  { name: 'API: one campaign', who: 'token', path: `/api/v1/tallies?campaign=${ids.campaign}` },
];

interface Answer {
  status: number;
  ms: number;
  sent: number;
  bytes: number;
}

function request(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    get(url, { headers: { 'Accept-Encoding': 'br', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const bytes = response.headers['content-encoding'] === 'br' ? brotliDecompressSync(body).length : body.length;
        resolve({ status: response.statusCode!, ms: performance.now() - started, sent: body.length, bytes });
      });
    }).on('error', reject);
  });
}

const TIMED = VIEWS.filter((view) => !process.env.ONLY || view.name.includes(process.env.ONLY));
const site = await startSite({ DATABASE_PATH: DATABASE, DEMO_DATA: 'off' });
const rows: string[] = [];
let past = 0;
try {
  for (const view of TIMED) {
    const headers: Record<string, string> = view.who === 'token' ? { Authorization: `Bearer ${token}` } : { Cookie: cookies.get(view.who)! };
    const goal = view.path.startsWith('/api/v1/') ? API_GOAL_MS : view.name.startsWith('download') ? DOWNLOAD_GOAL_MS : PAGE_GOAL_MS;
    // One request first (a cold cache, a first compile), not counted.
    const first = await request(site.url + view.path, headers);
    if (first.status !== 200) throw new Error(`${view.name} (${view.who}) answered ${first.status}`);
    const answers: Answer[] = [];
    for (let i = 0; i < SAMPLES; i++) answers.push(await request(site.url + view.path, headers));
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    const mid = median(times);
    const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
    if (mid > goal) past += 1;
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    rows.push(`  ${`${view.name} · ${view.who}`.padEnd(58)} ${mid.toFixed(0).padStart(6)} ms  p95 ${p95.toFixed(0).padStart(6)} ms  ${kb(first.sent).padStart(8)} sent  ${kb(first.bytes).padStart(8)}   goal ${goal} ms ${mid <= goal ? 'met' : 'PAST'}`);
    console.log(rows.at(-1));
  }
  if (TIMES_MAP) {
    // The map as a person sees it: from asking for /map (the page's navigation start) to its clusters drawn, in
    // Chromium, every village placed.
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // The page's own clock from the moment it was asked for (its navigation start) to the clusters drawn.
      await context.addInitScript(() => {
        const seen = window as unknown as { mapShownAt?: number };
        new MutationObserver(() => {
          if (seen.mapShownAt === undefined && document.querySelector('yizhen-map[data-ready="true"]')) seen.mapShownAt = performance.now();
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
      });
      const [name, value] = cookies.get('province administrator')!.split('=');
      await context.addCookies([{ name, value, url: site.url }]);
      const page = await context.newPage();
      const shown = async () => {
        await page.goto(`${site.url}/map`, { waitUntil: 'commit' });
        await page.locator('yizhen-map[data-ready="true"]').waitFor({ timeout: 30_000 });
        return page.evaluate(() => (window as unknown as { mapShownAt: number }).mapShownAt);
      };
      await shown();
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) times.push(await shown());
      times.sort((a, b) => a - b);
      const mid = median(times);
      const drawn = await page.locator('.map-cluster, path.leaflet-interactive').count();
      if (mid > MAP_GOAL_MS) past += 1;
      rows.push(`  ${`map in Chromium, ${counts.villages.toLocaleString('en')} villages · province administrator`.padEnd(58)} ${mid.toFixed(0).padStart(6)} ms  p95 ${times.at(-1)!.toFixed(0).padStart(6)} ms  ${`${drawn} markers drawn`.padStart(24)}   goal ${MAP_GOAL_MS} ms ${mid <= MAP_GOAL_MS ? 'met' : 'PAST'}`);
      console.log(rows.at(-1));
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.stop();
}
console.log(`\nYizhen pages benchmark: ${counts.events.toLocaleString('en')} events, ${counts.lines.toLocaleString('en')} handout lines, ${counts.visits.toLocaleString('en')} visits, ${counts.institutions.toLocaleString('en')} institutions, ${counts.villages.toLocaleString('en')} villages; ${SAMPLES} timed requests per view after one untimed`);
console.log(`  ${'view · who'.padEnd(58)} ${'median'.padStart(9)}  ${'p95'.padStart(10)}  ${'as sent'.padStart(13)}  ${'as HTML'.padStart(8)}`);
for (const row of rows) console.log(row);
console.log(past === 0 ? '\nevery view within its goal' : `\n${past} of ${rows.length} views past their goal`);
process.exit(past === 0 ? 0 : 1);
