// A large household import runs beside everyone else's work: while its rows are checked and written, other
// people's pages still answer in well under half a second, and the importer's page shows how far it got.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households, imports } from '../../db/schema.ts';
import { demoIdNumber } from '../../db/seed/places.ts';
import { sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

const ROWS = 3_000;

/** A households file of `rows` well-formed rows in 刘家屯村, which the demo coordinator's hospital is paired with. */
function householdsFile(rows: number): Uint8Array<ArrayBuffer> {
  const lines = Array.from({ length: rows }, (_, i) => `农安县,高家店镇,刘家屯村,户主${i},${demoIdNumber('220122', 1_000 + i)},因病致贫`);
  return new TextEncoder().encode(['县,乡镇,村,户主姓名,身份证号,致贫原因', ...lines].join('\n')) as Uint8Array<ArrayBuffer>;
}

describe('a large import', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  it('lets other people’s pages through while it runs, and shows its progress', async () => {
    const importer = new Visitor(site);
    importer.cookie = await sessionCookieFor(site.db, 'coordinator');
    const other = new Visitor(site);
    other.cookie = await sessionCookieFor(site.db, 'otherCoordinator');
    const before = site.db.select().from(households).all().length;

    await importer.upload('/imports/new?_action=imports.stage', { kind: 'households' }, { field: 'file', name: 'households.csv', type: 'text/csv', bytes: householdsFile(ROWS) });
    const staged = site.db.select().from(imports).orderBy(imports.id).all().at(-1)!;
    const state = () => site.db.select().from(imports).where(eq(imports.id, staged.id)).get()!;
    // The file is checked at once; then imported, valid rows only.
    const importPage = `/imports/${staged.id}`;
    const waitFor = async (wanted: string) => {
      const slowest: number[] = [];
      for (const deadline = Date.now() + 60_000; state().state !== wanted && Date.now() < deadline; ) {
        const started = performance.now();
        expect((await other.get('/events')).status).toBe(200);
        slowest.push(performance.now() - started);
      }
      expect(state().state).toBe(wanted);
      return slowest;
    };
    const duringCheck = await waitFor('checked');
    const page = await (await importer.get(importPage)).text();
    expect(page).toContain(`检查结果：${ROWS} 行可以导入`);

    const form = { importId: String(staged.id), mode: 'valid_only', ...Object.fromEntries(Object.entries(JSON.parse(state().mapping!)).map(([field, column]) => [`col_${field}`, String(column)])) };
    await importer.post(`${importPage}?_action=imports.apply`, form);
    expect(state().state).toBe('running');
    const progress = await (await importer.get(importPage)).text();
    expect(progress).toMatch(/<progress max="3000" value="\d+">/);
    expect(progress).toContain('http-equiv="refresh"');
    const duringApply = await waitFor('applied');

    expect(site.db.select().from(households).all().length).toBe(before + ROWS);
    const latencies = [...duringCheck, ...duringApply];
    expect(latencies.length).toBeGreaterThan(4);
    expect(Math.max(...latencies), `page times while importing: ${latencies.map((ms) => Math.round(ms)).join(', ')} ms`).toBeLessThan(500);
  }, 120_000);
});
