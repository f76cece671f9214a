// Downloads are named by what they hold and their date, in the reader's language (Chinese in RFC 8187's form,
// a plain ASCII name beside it): an event's roster by the event, a person's hours by the person and the day.
// The tallies' names are checked with their figures (tallies-api.test.ts).
import { readFileSync } from 'node:fs';
import { parse } from 'content-disposition';
import readExcelFile from 'read-excel-file/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema.ts';
import { beijingDate } from '../../src/lib/time/beijing.ts';
import { signUpForShift } from '../../src/lib/signups/signups.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { stageImport } from '../../src/lib/imports/imports.server.ts';
import { demoEmail, sessionCookieFor } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('download names', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  const visitorAs = async (role: 'coordinator' | 'member') => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, role);
    return visitor;
  };

  it('names an event’s roster by the event and its day', async () => {
    const { eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { date: '2099-10-17' });
    const coordinator = await visitorAs('coordinator');
    for (const [lang, expected] of [['', '名单_扶贫日大型义诊_2099-10-17.csv'], ['?lang=en', 'roster_扶贫日大型义诊_2099-10-17.csv']]) {
      const disposition = (await coordinator.get(`/api/events/${eventId}/roster.csv${lang}`)).headers.get('content-disposition')!;
      expect(parse(disposition).parameters.filename).toBe(expected);
      expect(disposition).toContain(`filename=roster_${eventId}_2099-10-17.csv;`);
    }
  });

  it('names a person’s hours by the person and the day', async () => {
    const { id, name } = site.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, demoEmail('member'))).get()!;
    const today = beijingDate(Date.now());
    const { shiftIds } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { date: '2099-10-18' });
    signUpForShift(site.db, { actor: loadActor(site.db, id)!, shiftId: shiftIds[0] });
    const response = await (await visitorAs('member')).get('/api/signups.csv');
    const disposition = response.headers.get('content-disposition')!;
    expect(parse(disposition).parameters.filename).toBe(`志愿服务时长_${name}_截至${today}.csv`);
    expect(disposition).toContain(`filename=volunteer-hours_as-of-${today}.csv;`);
    // Its times as a spreadsheet reads them, whatever the page's style: 2019-10-17 09:00.
    const [, first] = (await response.text()).split('\n');
    expect(first.split(',').slice(2, 4)).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)]);
  });

  it('names the audit log by the days it covers', async () => {
    const admin = new Visitor(site);
    admin.cookie = await sessionCookieFor(site.db, 'admin');
    const today = beijingDate(Date.now());
    const named = async (query: string) => (await admin.get(`/api/audit.csv${query}`)).headers.get('content-disposition')!;
    expect(parse(await named('')).parameters.filename).toBe(`操作日志_截至${today}.csv`);
    expect(await named('')).toContain(`filename=audit-log_as-of-${today}.csv;`);
    expect(parse(await named('?from=2019-10-01&to=2019-10-31')).parameters.filename).toBe('操作日志_2019-10-01_2019-10-31.csv');
    expect(parse(await named('?to=2019-10-31&lang=en')).parameters.filename).toBe('audit-log_until-2019-10-31.csv');
    // The same entries as an Excel workbook, under the same name.
    const workbook = await admin.get('/api/audit.xlsx?from=2019-10-01&to=2019-10-31');
    expect(parse(workbook.headers.get('content-disposition')!).parameters.filename).toBe('操作日志_2019-10-01_2019-10-31.xlsx');
    const [sheet] = await readExcelFile(Buffer.from(await workbook.arrayBuffer()));
    expect(sheet.data[0].slice(0, 3)).toEqual(['时间', '操作人', '操作']);
    expect((await (await visitorAs('coordinator')).get('/api/audit.xlsx')).status).toBe(403);
  });

  it("names an import's rejected rows after the file imported", async () => {
    const coordinator = loadActor(site.db, site.db.select({ id: users.id }).from(users).where(eq(users.email, demoEmail('coordinator'))).get()!.id);
    const { id } = stageImport(site.db, { actor: coordinator, kind: 'households', fileName: '刘家屯村贫困户.csv', bytes: readFileSync('tests/fixtures/households-gbk.csv') });
    const disposition = (await (await visitorAs('coordinator')).get(`/api/imports/${id}/rejected.csv`)).headers.get('content-disposition')!;
    expect(parse(disposition).parameters.filename).toBe('未导入的行_刘家屯村贫困户.csv');
    expect(disposition).toContain(`filename=rejected-rows_${id}.csv;`);
  });
});
