// Sign-up throughput and latency under 100 concurrent clients, against the built site and against a bare
// node:http + better-sqlite3 baseline doing the same transaction on the same machine.
//   npm run bench:signups
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';
const USERS = 160_000;
const CAPACITY = 500;
const CONNECTIONS = 100;
const SECONDS = 10;
const WARM_UP_MS = 2_000;
// What a volunteer should feel even in the morning rush, and what the site's own work may cost over the bare one.
const P99_GOAL_MS = 100;
const RATIO_GOAL = 0.5;

const { benchDatabasePath, freshDatabase } = await import('./support.ts');
const DATABASE = benchDatabasePath('signups');
const { openDatabase } = await import('../src/lib/server/db.ts');
const { seedDemoData } = await import('../db/seed/demo.ts');
const { loadActor } = await import('../src/lib/server/auth/scope.ts');
const { eventSchema, roleSchema } = await import('../src/lib/events/events.ts');
const { addRole, createEvent, getEvent, publishEvent } = await import('../src/lib/events/events.server.ts');
const { storedSessionId } = await import('../src/lib/server/auth/session.ts');
const { startSite } = await import('../tests/setup/site.ts');
const { freePort } = await import('../tests/setup/smtp.ts');

const db = freshDatabase(DATABASE);
await seedDemoData(db);

// Published shifts of CAPACITY places: one for the site, one for the baseline.
const coordinatorId = (db.$client.prepare("SELECT id FROM users WHERE email = 'coordinator@yizhen.demo'").get() as { id: string }).id;
const coordinator = loadActor(db, coordinatorId);
const organiserId = coordinator.memberships[0].institutionId;
const shiftIds = [1, 2].map((n) => {
  const event = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId: String(organiserId), kind: 'free_clinic', title: `基准义诊 ${n}`, date: '2099-10-17', startTime: '09:00', endTime: '12:00', address: '卫生院' }) });
  addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'volunteer', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: String(CAPACITY) }] }) });
  publishEvent(db, { actor: coordinator, eventId: event.id });
  return getEvent(db, { actor: coordinator, eventId: event.id }).roles[0].shifts[0].id;
});

// Volunteers with sessions, made directly: each request signs a different person up.
const cookies: string[] = [];
db.$client.transaction(() => {
  const user = db.$client.prepare("INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at) VALUES (?, ?, ?, 'x', 'zh-CN', 1, 1)");
  const session = db.$client.prepare('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)');
  const expires = Math.floor(Date.now() / 1000) + 30 * 86_400;
  for (let i = 0; i < USERS; i++) {
    const id = randomUUID();
    const sessionId = randomBytes(20).toString('hex');
    user.run(id, `bench${i}@example.cn`, `志愿者${i}`);
    session.run(storedSessionId(sessionId), id, expires);
    cookies.push(`yizhen_session=${sessionId}`);
  }
})();
db.$client.close();

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Steady load from CONNECTIONS clients, each sending its next request when the last is answered. The clients
 * connect and warm up for WARM_UP_MS first, in the same run (a new connection's first request may wait behind
 * a hundred others, in the bare baseline as much as in the site); only the requests sent after it are timed.
 */
async function load(url: string, path: string, shiftId: number | null, origin: string, firstUser: number): Promise<Figures> {
  let next = firstUser;
  const times: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const options: autocannon.Options = {
    url,
    connections: CONNECTIONS,
    duration: (WARM_UP_MS + SECONDS * 1000) / 1000,
    requests: [
      {
        // Without a shift: a bare GET with no session, which the site refuses right after its middleware.
        ...(shiftId === null
          ? { method: 'GET' as const, path }
          : {
              method: 'POST' as const,
              path,
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
              body: `shiftId=${shiftId}`,
              setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length] } }),
            }),
      },
    ],
  };
  // With a callback autocannon returns the running instance, whose events give every response's time.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (performance.now() - responseTime - started < WARM_UP_MS) return;
      times.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
  const elapsed = (performance.now() - started - WARM_UP_MS) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { requests: times.length, perSecond: times.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors: result.errors, non2xx };
}

function confirmedOn(shiftId: number): number {
  const check = openDatabase(DATABASE);
  const n = (check.$client.prepare("SELECT COUNT(*) AS n FROM signups WHERE shift_id = ? AND state = 'confirmed'").get(shiftId) as { n: number }).n;
  check.$client.close();
  return n;
}

const site = await startSite({ DATABASE_PATH: DATABASE, DEMO_DATA: 'off' });
let ours: Figures;
let floor: Figures;
try {
  ours = await load(site.url, '/_actions/signups.signUp', shiftIds[0], site.url, 0);
  // The most the site's server can answer at all: a request refused (401) as soon as the middleware has run.
  floor = await load(site.url, '/api/signups.csv', null, site.url, 0);
} finally {
  await site.stop();
}

const port = await freePort();
const baselineProcess = spawn(process.execPath, [new URL('./baseline-server.ts', import.meta.url).pathname, DATABASE, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => baselineProcess.stdout!.once('data', resolve));
let baseline: Figures;
try {
  baseline = await load(`http://127.0.0.1:${port}`, '/signup', shiftIds[1], `http://127.0.0.1:${port}`, USERS / 2);
} finally {
  baselineProcess.kill();
}

const row = (name: string, f: Figures, confirmed: number) =>
  `  ${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(6)}/s  p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms  (${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, ${confirmed} confirmed of ${CAPACITY})`;
console.log(`\nYizhen sign-up benchmark: ${CONNECTIONS} concurrent clients, timed for ${SECONDS} s after ${WARM_UP_MS / 1000} s of warming up, every request a different person`);
console.log(row('site (Astro action, full stack)', ours, confirmedOn(shiftIds[0])));
console.log(row('baseline (node:http + SQLite)', baseline, confirmedOn(shiftIds[1])));
console.log(`  site, empty 401 answer (its ceiling) ${floor.perSecond.toFixed(0).padStart(6)}/s  p50 ${floor.p50.toFixed(1)} ms  p99 ${floor.p99.toFixed(1)} ms  (${floor.requests} requests)`);
console.log(`  ratio site / baseline: ${(ours.perSecond / baseline.perSecond).toFixed(2)}   (site's ceiling / baseline: ${(floor.perSecond / baseline.perSecond).toFixed(2)})`);
const p99Met = ours.p99 <= P99_GOAL_MS;
const ratioMet = ours.perSecond / baseline.perSecond >= RATIO_GOAL;
console.log(`  goals: site p99 ≤ ${P99_GOAL_MS} ms ${p99Met ? 'met' : 'PAST'}; site / baseline ≥ ${RATIO_GOAL} ${ratioMet ? 'met' : 'PAST'}`);
if (confirmedOn(shiftIds[0]) > CAPACITY || confirmedOn(shiftIds[1]) > CAPACITY) {
  console.error('OVERBOOKED');
  process.exit(1);
}
// A server that confirmed nobody answered something other than sign-ups: its figures mean nothing.
if (confirmedOn(shiftIds[0]) < CAPACITY || confirmedOn(shiftIds[1]) < CAPACITY) {
  console.error('a server did not fill its shift: the sign-ups were refused, so nothing was measured');
  process.exit(1);
}
if (!p99Met || !ratioMet) process.exit(1);
