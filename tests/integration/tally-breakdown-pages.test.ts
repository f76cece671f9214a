// The dashboard's breakdown a page at a time: a province's institutions are too many for one table, so 50 rows
// are shown with links to the pages before and after; together the pages hold every row, each with the figures
// counted from the records, the households visited included (counted for the rows shown only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import { bringRunningTotalsUpToDate } from '../../src/lib/tallies/running-totals.server.ts';
import { breakdownFromRecords, tallyScope } from '../../src/lib/tallies/tallies.server.ts';
import { tallyFilterSchema } from '../../src/lib/tallies/tallies.ts';
import { seedTallyRecords, type TallyRecords } from '../fixtures/tally-records.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('the breakdown by institution, a page at a time', () => {
  let site: Site;
  let province: TallyRecords;
  let admin: Visitor;

  beforeAll(async () => {
    site = await startSite({ DEMO_DATA: 'off' });
    province = seedTallyRecords(site.db);
    // Sixty more hospitals, each with a clinic done; the fixture's four have visits and households too.
    const run = (statement: string, ...params: unknown[]) => Number(site.db.$client.prepare(statement).run(...params).lastInsertRowid);
    for (let h = 0; h < 60; h++) {
      const hospital = run("INSERT INTO institutions (name, kind, parent_id, area_id, created_at) VALUES (?, 'hospital', (SELECT parent_id FROM institutions WHERE id = ?), ?, 1)", `卫生院${String(h).padStart(2, '0')}`, province.hospitalIds[0], province.cityIds[0]);
      run("INSERT INTO events (organiser_id, kind, title, date, start_time, end_time, services, state, people_seen, created_at) VALUES (?, 'free_clinic', '义诊', '2019-10-16', '08:30', '11:30', '[]', 'done', ?, 1)", hospital, 10 + h);
    }
    bringRunningTotalsUpToDate(site.db);
    admin = new Visitor(site);
    const cookie = await startSession(site.db, province.adminId);
    admin.cookie = `${cookie.name}=${cookie.value}`;
  });
  afterAll(() => site?.stop());

  /** The breakdown table's rows on a page: each cell's text. */
  const breakdownRows = async (path: string) => {
    const html = await (await admin.get(path)).text();
    const section = html.slice(html.indexOf('<h2>按单位分列</h2>'), html.indexOf('</table>', html.indexOf('<h2>按单位分列</h2>')));
    const rows = [...section.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((row) => [...row[1].matchAll(/<td>(.*?)<\/td>/gs)].map((cell) => cell[1].replace(/<[^>]+>/g, '')));
    return { html, rows };
  };

  it('shows 50 rows and the next page the rest, each as the records give it', async () => {
    const first = await breakdownRows('/tallies?by=institution');
    expect(first.rows).toHaveLength(50);
    expect(first.html).toContain('第 1–50 行，共 64 行');
    expect(first.html).toMatch(/<a href="\/tallies\?by=institution&amp;page=2" rel="next">下一页<\/a>/);
    const second = await breakdownRows('/tallies?by=institution&page=2');
    expect(second.rows).toHaveLength(14);
    expect(second.html).toContain('第 51–64 行，共 64 行');
    expect(second.html).toContain('rel="prev"');
    expect(second.html).not.toContain('rel="next"');

    const scope = tallyScope(site.db, loadActor(site.db, province.adminId), tallyFilterSchema.parse({}));
    const names = new Map((site.db.$client.prepare('SELECT id, name FROM institutions').all() as { id: number; name: string }[]).map((i) => [String(i.id), i.name]));
    const expected = breakdownFromRecords(site.db, scope, 'institution')
      .sort((a, b) => b.peopleSeen - a.peopleSeen || b.events - a.events || b.visits - a.visits || String(a.key).localeCompare(String(b.key)))
      .map((r) => [names.get(r.key!), r.events, r.peopleSeen, r.ambulanceTrips, r.drugsFen / 100, r.visits, r.householdsVisited].map((v) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : v)));
    expect([...first.rows, ...second.rows]).toEqual(expected);
    // The fixture's hospitals, with visits, are among them.
    expect(expected.some((row) => row[6] !== '0')).toBe(true);
  });

  it('keeps the filters on every page, and takes a page that is not a number as the first, one past the end as the last', async () => {
    const dated = await breakdownRows('/tallies?by=institution&from=2019-10-16&to=2019-10-16&page=2');
    expect(dated.html).toMatch(/href="\/tallies\?by=institution&amp;from=2019-10-16&amp;to=2019-10-16&amp;page=1" rel="prev"/);
    expect((await admin.get('/tallies?by=institution&page=abc')).status).toBe(200);
    expect((await breakdownRows('/tallies?by=institution&page=abc')).rows).toHaveLength(50);
    const beyond = await breakdownRows('/tallies?by=institution&page=99');
    expect(beyond.rows).toHaveLength(14);
    expect(beyond.html).toContain('第 51–64 行，共 64 行');
  });

  it('opens one institution by month, or by week over a few months, each row narrowing the dates to itself', async () => {
    const hospital = province.hospitalIds[0];
    const monthly = await (await admin.get(`/tallies?institution=${hospital}`)).text();
    expect(monthly).toContain('<h2>按月份分列</h2>');
    expect(monthly).toContain(`href="/tallies?institution=${hospital}&amp;from=2019-10-01&amp;to=2019-10-31"`);
    const weekly = await (await admin.get(`/tallies?institution=${hospital}&from=2019-10-16&to=2019-12-31`)).text();
    expect(weekly).toContain('<h2>按周分列</h2>');
    expect(weekly).toContain('2019-10-16～2019-10-20');
    expect(weekly).toContain(`href="/tallies?institution=${hospital}&amp;from=2019-10-16&amp;to=2019-10-20"`);
  });
});
