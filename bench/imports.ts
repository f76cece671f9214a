// A 40,000-household import on a running site, and what everyone else meanwhile feels: another coordinator
// opens the events list over and over while the file is checked and then written.
//   npm run bench:imports
import { eq } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';

process.env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';
const ROWS = 40_000;
const GOAL_MS = 500;

const { benchDatabasePath, freshDatabase, median } = await import('./support.ts');
const DATABASE = benchDatabasePath('imports');
const { imports } = await import('../db/schema.ts');
const { seedDemoData } = await import('../db/seed/demo.ts');
const { idNumberCheckCharacter } = await import('../src/lib/households/id-number.ts');
const { sessionCookieFor } = await import('../tests/setup/demo.ts');
const { startSite, Visitor } = await import('../tests/setup/site.ts');

// The site runs on this data set in its own process; this one keeps a handle to watch the import.
const db = freshDatabase(DATABASE);
await seedDemoData(db);
const site = await startSite({ DATABASE_PATH: DATABASE, DEMO_DATA: 'off' });
try {
  const importer = new Visitor(site);
  importer.cookie = await sessionCookieFor(db, 'coordinator');
  const other = new Visitor(site);
  other.cookie = await sessionCookieFor(db, 'otherCoordinator');
  // Distinct ID numbers: a thousand people born on each of forty days.
  const idNumber = (i: number) => {
    const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `220122${born}${String(i % 1000).padStart(3, '0')}`;
    return first17 + idNumberCheckCharacter(first17);
  };
  const lines = Array.from({ length: ROWS }, (_, i) => `农安县,高家店镇,刘家屯村,户主${i},${idNumber(i)},因病致贫`);
  const bytes = new TextEncoder().encode(['县,乡镇,村,户主姓名,身份证号,致贫原因', ...lines].join('\n')) as Uint8Array<ArrayBuffer>;

  let started = performance.now();
  await importer.upload('/imports/new?_action=imports.stage', { kind: 'households' }, { field: 'file', name: 'households.csv', type: 'text/csv', bytes });
  const id = db.select().from(imports).orderBy(imports.id).all().at(-1)!.id;
  const row = () => db.select().from(imports).where(eq(imports.id, id)).get()!;
  const pagesUntil = async (state: string) => {
    const times: number[] = [];
    while (row().state !== state) {
      const start = performance.now();
      await other.get('/events');
      times.push(performance.now() - start);
    }
    return times;
  };
  const duringCheck = await pagesUntil('checked');
  const checkSeconds = (performance.now() - started) / 1000;

  const mapping = JSON.parse(row().mapping!) as Record<string, number>;
  started = performance.now();
  await importer.post(`/imports/${id}?_action=imports.apply`, { importId: String(id), mode: 'valid_only', ...Object.fromEntries(Object.entries(mapping).map(([field, column]) => [`col_${field}`, String(column)])) });
  const duringApply = await pagesUntil('applied');
  const applySeconds = (performance.now() - started) / 1000;

  const all = [...duringCheck, ...duringApply].sort((a, b) => a - b);
  const p95 = all[Math.floor(all.length * 0.95)];
  console.log(`import of ${ROWS.toLocaleString('en')} households: checked in ${checkSeconds.toFixed(1)} s, written in ${applySeconds.toFixed(1)} s (${row().createdCount} created)`);
  console.log(`another coordinator's /events meanwhile, ${all.length} loads: median ${median(all).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, slowest ${all.at(-1)!.toFixed(0)} ms — goal: every load under ${GOAL_MS} ms ${all.at(-1)! < GOAL_MS ? '(met)' : '(NOT met)'}`);
} finally {
  await site.stop();
}
