// The tallies over HTTP: the system operator issues a token on the admin page; the token reads
// GET /api/v1/tallies (the dashboard's own figures, never a name) and nothing else; it is rate-limited and can
// be revoked. The dashboard and its CSV give the same figures to a publicity office.
import { parse } from 'content-disposition';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, campaigns, tallySnapshots } from '../../db/schema.ts';
import { institutionId, OTHER_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('tallies over HTTP', () => {
  let site: Site;
  let operator: Visitor;
  let token: string;
  let campaign: number;

  beforeAll(async () => {
    site = await startSite();
    operator = new Visitor(site);
    operator.cookie = await sessionCookieFor(site.db, 'operator');
    campaign = site.db.select().from(campaigns).get()!.id;
  });
  afterAll(() => site?.stop());

  const api = (query: string, bearer: string | null = token) =>
    fetch(`${site.url}/api/v1/tallies${query}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });

  it('the system operator issues a token for the commission\'s publicity office, shown once', async () => {
    const commission = institutionId(site.db, '长春市卫生健康委员会');
    // Without a purpose, nothing is issued and the form says so beside the field.
    const refused = await operator.post('/en/admin/api-tokens?_action=apiTokens.issue', { institutionId: String(commission), name: '  ' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="field-name-error">Please fill in this field\.<\/p>/);
    expect(site.db.select().from(apiTokens).all()).toEqual([]);

    const response = await operator.post('/admin/api-tokens?_action=apiTokens.issue', { institutionId: String(commission), name: '市融媒体中心大屏' });
    const html = await response.text();
    token = /<code class="token">(yz_[A-Za-z0-9_-]+)<\/code>/.exec(html)![1];
    const list = await (await operator.get('/admin/api-tokens')).text();
    expect(list).toContain('市融媒体中心大屏');
    expect(list).not.toContain(token);
  });

  it('reads the same figures as the dashboard, and no names', async () => {
    const response = await api(`?campaign=${campaign}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { figures: Record<string, number>; summary: { zh: string; en: string }; period: { from: string; to: string }; materials: unknown[] };
    expect(body.period).toEqual({ from: '2019-10-10', to: '2019-10-20' });
    expect(body.figures).toMatchObject({ events: 1, institutions: 1, ambulanceTrips: 1, householdsVisited: 1, visits: 1, drugsYuan: 750 });
    expect(body.summary.zh).toBe('共出动救护车1辆，1家医疗机构参与，走访贫困户1户，发放药品750元，赠送棉衣棉被7件。');
    const text = JSON.stringify(body);
    for (const name of ['孙广森', '周丽华', '陈静', '@yizhen.demo']) expect(text).not.toContain(name);

    const publicity = new Visitor(site);
    publicity.cookie = await sessionCookieFor(site.db, 'publicity');
    const dashboard = await (await publicity.get(`/tallies?campaign=${campaign}`)).text();
    expect(dashboard).toContain(body.summary.zh);
    const csvAnswer = await publicity.get(`/api/tallies.csv?campaign=${campaign}`);
    // Named by what it counts and its days: the campaign's name and dates, in Chinese, with a plain one beside.
    const { name, startDate, endDate } = site.db.select().from(campaigns).get()!;
    const disposition = csvAnswer.headers.get('content-disposition')!;
    expect(parse(disposition).parameters.filename).toBe(`义诊统计_${name}_${startDate}_${endDate}.csv`);
    expect(disposition).toContain(`filename=yizhen-tallies_${startDate}_${endDate}.csv;`);
    const csv = await csvAnswer.text();
    expect(csv).toContain('发放药品（元）,750,750');
    expect(csv).toContain(body.summary.zh);
    // Publishing without a title keeps nothing and says so beside the field.
    const untitled = await publicity.post(`/tallies?campaign=${campaign}&_action=tallies.publish`, { title: '', campaign: String(campaign) });
    expect(untitled.status).toBe(400);
    expect(await untitled.text()).toMatch(/id="field-title-error">请填写此项。<\/p>/);
    expect(site.db.select().from(tallySnapshots).all()).toEqual([]);

    // The map's feed: the event at its village, with its head count, and no names.
    const map = (await (await publicity.get(`/api/tallies/events.geojson?campaign=${campaign}`)).json()) as { features: { properties: { name: string; peopleSeen: number | null; kind: string } }[] };
    expect(map.features.map((f) => [f.properties.kind, f.properties.name, f.properties.peopleSeen])).toEqual([['event', '刘家屯村入户走访慰问', null]]);

    // The workbook: a sheet per table, the figures as numbers.
    const xlsx = await publicity.get(`/api/tallies.xlsx?campaign=${campaign}`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(parse(xlsx.headers.get('content-disposition')!).parameters.filename).toBe(`义诊统计_${name}_${startDate}_${endDate}.xlsx`);
    const english = await publicity.get(`/api/tallies.xlsx?campaign=${campaign}&lang=en`);
    expect(parse(english.headers.get('content-disposition')!).parameters.filename).toBe(`yizhen-tallies_${name}_${startDate}_${endDate}.xlsx`);
    const sheets = await readExcelFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['各项数字', '发放物资（按种类）', '消费扶贫采购（按产品）', '按单位分列', '按县（区）分列', '按日期分列', '已统计的活动', '已统计的入户走访']);
    // The visit on the campaign's day, by village and date: the publicity office never learns who.
    expect(sheets[7].data[1]).toEqual([new Date(Date.UTC(2019, 9, 15)), '长春市中心医院', '刘家屯村', null, '慰问']);
    // The press column is text ("750", "8000余"); a year before is empty when there is nothing to compare.
    expect(sheets[0].data).toContainEqual(['发放药品（元）', 750, '750', null]);
    expect(sheets[3].data).toContainEqual(['长春市中心医院', 1, 0, 1, 750, 1, 1]);
    expect(sheets[6].data[1]).toEqual([new Date(Date.UTC(2019, 9, 15)), '刘家屯村入户走访慰问', '长春市中心医院', '刘家屯村', null, 1, 750]);
    // Days are date cells on every sheet, the day's breakdown too; the CSV writes them as the days themselves.
    expect(sheets[5].data[1][0]).toEqual(new Date(Date.UTC(2019, 9, 15)));
    expect(await (await publicity.get(`/api/tallies.csv?campaign=${campaign}`)).text()).toContain('2019-10-15,刘家屯村入户走访慰问');
    expect(JSON.stringify(sheets)).not.toContain('孙广森');
  });

  it('refuses a missing or wrong token, bad filters and an institution outside its office', async () => {
    const missing = await api('', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await api('', 'yz_not-a-real-token-at-all-000000')).status).toBe(401);
    const bad = await api('?from=2019-10-20&to=2019-10-01');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_filters', fields: { to: 'The end date cannot be before the start date.' } });
    expect((await api(`?institution=${institutionId(site.db, OTHER_INSTITUTION)}`)).status).toBe(403);
  });

  it('opens nothing else: every other route answers 403 to the token', async () => {
    for (const path of ['/tallies', '/households/1', '/api/tallies.csv', '/api/map.geojson', '/admin/users', '/api/v1/other', '/en/tallies']) {
      const response = await fetch(site.url + path, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
      expect(response.status, path).toBe(403);
    }
    const action = await fetch(`${site.url}/_actions/visits.saveDraft`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url }, body: 'householdId=1' });
    expect(action.status).toBe(403);
  });

  it('is rate-limited, and stops working once revoked', async () => {
    let last: Response | null = null;
    for (let i = 0; i < 61 && last?.status !== 429; i++) last = await api('');
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);

    const list = await (await operator.get('/admin/api-tokens')).text();
    const tokenId = /name="tokenId" value="(\d+)"/.exec(list)![1];
    await operator.post('/admin/api-tokens?_action=apiTokens.revoke', { tokenId });
    expect((await api('')).status).toBe(401);
  });
});
