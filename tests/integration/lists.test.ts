// The lists that find things: search and filters kept in the address, pages, and each list's download holding
// what the list shows — within what the reader may see, never more.
import { parse } from 'content-disposition';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/lib/time/beijing.ts';
import { type DemoRole, institutionId, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('lists', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  const as = async (role: DemoRole) => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, role);
    return visitor;
  };
  const csvOf = async (visitor: Visitor, path: string) => {
    const response = await visitor.get(path);
    expect(response.status, path).toBe(200);
    return (await response.text()).replace(/^\uFEFF/, '');
  };

  it('finds past events by words in the title, keeps the query in its page links, and downloads what it shows', async () => {
    const coordinator = await as('coordinator');
    const upcoming = await (await coordinator.get('/events')).text();
    expect(upcoming).not.toContain('刘家屯村入户走访慰问');
    const past = await (await coordinator.get(`/events?when=past&q=${encodeURIComponent('刘家屯')}`)).text();
    expect(past).toContain('刘家屯村入户走访慰问');
    expect(past).toContain('共 1 条');
    // The download links carry the same query.
    expect(past).toContain(`/api/lists/events.csv?q=${encodeURIComponent('刘家屯')}&amp;when=past`);
    const csv = await csvOf(coordinator, `/api/lists/events.csv?q=${encodeURIComponent('刘家屯')}&when=past`);
    expect(csv.split('\n')[0]).toBe('标题,日期,时间,类型,主办单位,村,地址,状态');
    expect(csv).toContain('刘家屯村入户走访慰问,2019-10-15,09:00–12:00,');
    expect(csv.trim().split('\n')).toHaveLength(2);
    const response = await coordinator.get('/api/lists/events.xlsx?when=past');
    expect(parse(response.headers.get('content-disposition')!).parameters.filename).toBe(`活动_截至${beijingDate(Date.now())}.xlsx`);
    const [sheet] = await readExcelFile(Buffer.from(await response.arrayBuffer()));
    expect(sheet.data[1].slice(0, 2)).toEqual(['刘家屯村入户走访慰问', new Date(Date.UTC(2019, 9, 15))]);
  });

  it('reads a mangled address as no filter, never as an error', async () => {
    const coordinator = await as('coordinator');
    for (const path of ['/events?when=soon&state=x&kind=%00&page=abc', '/households?status=rich&cause=&village=-3&page=99999', '/villages?county=abc&status=x', '/admin/users?role=king']) {
      const response = await (path.startsWith('/admin') ? await as('admin') : coordinator).get(path);
      expect(response.status, path).toBe(200);
    }
    // Words with LIKE's wildcards are taken as written.
    expect(await (await coordinator.get('/events?when=all&q=%25')).text()).toContain('共 0 条');
  });

  it("downloads the household register (一户一档) for the coordinators who keep it, and no one else's households", async () => {
    const csv = await csvOf(await as('coordinator'), '/api/lists/households.csv');
    expect(csv.split('\n')[0]).toBe('户主,户主身份证号,县（区）,乡（镇）,村,屯/组,人口,致贫原因,状态,脱贫年份,联系电话,最近走访');
    expect(csv).toContain('孙广森');
    // Masked as the page shows it: no full ID number leaves in a download.
    expect(csv).not.toMatch(/\d{17}[\dX]/);
    expect(await csvOf(await as('otherCoordinator'), '/api/lists/households.csv')).not.toContain('孙广森');
    for (const role of ['publicity', 'member'] as const) expect((await csvOf(await as(role), '/api/lists/households.csv')).trim().split('\n')).toHaveLength(1);
    expect((await new Visitor(site).get('/api/lists/households.csv')).status).toBe(401);
    // Filtered as the list: one status.
    const registered = (await csvOf(await as('coordinator'), '/api/lists/households.csv?status=registered')).trim().split('\n').slice(1);
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.length).toBeLessThanOrEqual(csv.trim().split('\n').length - 1);
    for (const line of registered) expect(line).toContain(",建档立卡,");
  });

  it('finds villages by their name or their township, by county and status', async () => {
    const admin = await as('admin');
    const page = await (await admin.get(`/villages?q=${encodeURIComponent('刘家屯')}`)).text();
    expect(page).toContain('刘家屯村');
    expect(page).toContain('共 1 条');
    const csv = await csvOf(admin, `/api/lists/villages.csv?q=${encodeURIComponent('刘家屯')}`);
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('刘家屯村');
  });

  it("downloads an institution's staff for those who may read them, and refuses the rest", async () => {
    const own = institutionId(site.db, OWN_INSTITUTION);
    const csv = await csvOf(await as('coordinator'), `/api/lists/staff.csv?institution=${own}&profession=doctor`);
    expect(csv).toContain('周丽华');
    expect(csv).not.toContain('陈静');
    expect((await (await as('otherCoordinator')).get(`/api/lists/staff.csv?institution=${own}`)).status).toBe(403);
    expect((await (await as('member')).get(`/api/lists/staff.csv?institution=${own}`)).status).toBe(403);
    expect((await (await as('coordinator')).get('/api/lists/staff.csv')).status).toBe(404);
    const page = await (await as('coordinator')).get(`/institutions/${own}/staff?q=${encodeURIComponent('护理')}`);
    const html = await page.text();
    expect(html).toContain('陈静');
    expect(html).not.toContain('周丽华');
  });

  it("lists the users of an administrator's area by name, email and role, and downloads them for administrators only", async () => {
    const admin = await as('admin');
    const page = await (await admin.get('/admin/users?role=coordinator')).text();
    expect(page).toContain('coordinator@yizhen.demo');
    expect(page).not.toContain('member@yizhen.demo');
    const csv = await csvOf(admin, `/api/lists/users.csv?q=${encodeURIComponent('周毅刚')}`);
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('coordinator@yizhen.demo');
    // Another area's people are not the administrator's to list.
    expect(await csvOf(admin, '/api/lists/users.csv')).not.toContain('qinyuan@yizhen.demo');
    for (const role of ['coordinator', 'member', 'publicity'] as const) expect((await (await as(role)).get('/api/lists/users.csv')).status).toBe(403);
  });

  it('finds the institutions a reader may see by name and kind, and downloads them', async () => {
    const publicity = await as('publicity');
    const page = await (await publicity.get(`/institutions?q=${encodeURIComponent('医院')}&kind=hospital`)).text();
    expect(page).toContain('长春市中心医院');
    expect(page).not.toContain('长春市疾病预防控制中心');
    const csv = await csvOf(publicity, '/api/lists/institutions.csv?kind=hospital');
    expect(csv).toContain('长春市中心医院,医院');
    // Another county's hospital is not the city's publicity office's to see.
    expect(csv).not.toContain('沁源县人民医院');
  });

  it("finds an institution's stock by a word, kind and state, and downloads it batch by batch", async () => {
    const own = institutionId(site.db, OWN_INSTITUTION);
    const coordinator = await as('coordinator');
    const page = await (await coordinator.get(`/institutions/${own}/stock?q=${encodeURIComponent('板蓝根')}`)).text();
    expect(page).toContain('板蓝根颗粒');
    expect(page).not.toContain('棉被</a>');
    const csv = await csvOf(coordinator, `/api/lists/stock.csv?institution=${own}&kind=drug`);
    expect(csv.split('\n')[0]).toBe('物品,规格,类别,库存,单位,批号,有效期至,单价（元）,金额（元）');
    expect(csv).toContain('板蓝根颗粒,10g×20袋,');
    expect(csv).toContain(',20260615,2028-06-30,15,');
    expect(csv).not.toContain('棉被');
    expect((await (await as('otherCoordinator')).get(`/api/lists/stock.csv?institution=${own}`)).status).toBe(403);
  });

  it('answers an unknown list or format with not found', async () => {
    const admin = await as('admin');
    expect((await admin.get('/api/lists/secrets.csv')).status).toBe(404);
    expect((await admin.get('/api/lists/events.pdf')).status).toBe(404);
    expect((await admin.get('/api/lists/constructor.csv')).status).toBe(404);
  });
});
