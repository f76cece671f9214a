// The visitor's right over HTTP, on the demo: 王军, the village doctor of 中峪乡's family doctor team, holds no
// role anywhere. He opens 王文中's file (the household his team is contracted with) and its visit form, and
// nothing else: no other household, none of the hospital's pages, no tallies; nor can he grant himself a way in.
// So too a resident cadre (驻村) and a pairing's responsible person (包保责任人), each for their own households.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, households, pairingRequests, pairings, staff, teamMembers, teams, users, villages } from '../../db/schema.ts';
import { VILLAGE_DOCTOR_EMAIL } from '../../db/seed/teams.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import { institutionId, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('a family doctor team’s village doctor', () => {
  let site: Site;
  let doctor: Visitor;
  const ids = { wenzhong: 0, yonglong: 0, sun: 0, team: 0, hospital: 0, changchunStaff: 0 };

  beforeAll(async () => {
    site = await startSite();
    const household = (head: string) => site.db.select().from(households).where(eq(households.headName, head)).get()!.id;
    Object.assign(ids, {
      wenzhong: household('王文中'),
      yonglong: household('阴永龙'),
      sun: household('孙广森'),
      team: site.db.select().from(teams).where(eq(teams.name, '中峪乡家庭医生团队')).get()!.id,
      hospital: institutionId(site.db, '沁源县人民医院'),
      changchunStaff: site.db.select().from(staff).where(eq(staff.institutionId, institutionId(site.db, '长春市中心医院'))).get()!.id,
    });
    const user = site.db.select().from(users).where(eq(users.email, VILLAGE_DOCTOR_EMAIL)).get()!;
    const cookie = await startSession(site.db, user.id);
    doctor = new Visitor(site);
    doctor.cookie = `${cookie.name}=${cookie.value}`;
  });
  afterAll(() => site?.stop());

  it('opens his contracted household, its visit form and his team, and finds them from the home page', async () => {
    const file = await doctor.get(`/households/${ids.wenzhong}`);
    expect(file.status).toBe(200);
    const html = await file.text();
    expect(html).toContain('中峪乡家庭医生团队');
    expect(html).toContain('每月');
    expect((await doctor.get(`/households/${ids.wenzhong}/visits/new`)).status).toBe(200);
    // The handbook names the contracted team's members as the household's family doctors.
    const handbook = await (await doctor.get(`/households/${ids.wenzhong}/handbook`)).text();
    expect(handbook).toMatch(/中峪乡家庭医生团队：[^<]*王军[^<]*许永峰|中峪乡家庭医生团队：[^<]*许永峰[^<]*王军/);
    const team = await (await doctor.get(`/teams/${ids.team}`)).text();
    expect(team).toContain('王文中');
    expect(await (await doctor.get('/')).text()).toContain(`/teams/${ids.team}`);
    const list = await (await doctor.get('/households')).text();
    expect(list).toContain('王文中');
    expect(list).not.toContain('阴永龙');
    expect(list).not.toContain('孙广森');
  });

  it('reaches no other household and none of the institution’s personal pages', async () => {
    for (const path of [
      `/households/${ids.yonglong}`,
      `/households/${ids.sun}`,
      `/households/${ids.yonglong}/visits/new`,
      `/households/${ids.wenzhong}/edit`,
      `/institutions/${ids.hospital}`,
      `/institutions/${ids.hospital}/staff`,
      `/institutions/${ids.hospital}/stock`,
      `/institutions/${ids.hospital}/members`,
      `/institutions/${ids.hospital}/teams`,
      '/tallies',
    ]) {
      expect((await doctor.get(path)).status, path).toBe(403);
    }
  });

  it('cannot grant himself a way in: no ID number, no new member, no contract, no pairing', async () => {
    const refused = async (path: string, fields: Record<string, string | string[]>) => (await doctor.post(path, fields)).status;
    expect(await refused(`/households/${ids.wenzhong}?_action=households.revealIdNumber`, { householdId: String(ids.wenzhong) })).toBe(403);
    expect(await refused(`/teams/${ids.team}?_action=teams.addMember`, { teamId: String(ids.team), person: `staff:${ids.changchunStaff}`, role: 'nurse', joinedOn: '2020-01-01' })).toBe(403);
    expect(await refused(`/households/${ids.yonglong}?_action=teams.sign`, { householdId: String(ids.yonglong), teamId: String(ids.team), signedOn: '2020-01-01', followUpEvery: 'monthly' })).toBe(403);
    expect(await refused(`/institutions/${ids.hospital}/pairings?_action=pairings.request`, { institutionId: String(ids.hospital), targetRef: `household:${ids.yonglong}`, startDate: '2020-01-01', obligation: 'monthly', note: '' })).toBe(403);
    // Nothing was written, and still no other household.
    expect(site.db.select().from(contracts).where(eq(contracts.householdId, ids.yonglong)).all()).toEqual([]);
    expect(site.db.select().from(teamMembers).where(eq(teamMembers.staffId, ids.changchunStaff)).all()).toEqual([]);
    expect(site.db.select().from(pairingRequests).all().filter((r) => r.householdId === ids.yonglong)).toEqual([]);
    expect((await doctor.get(`/households/${ids.yonglong}`)).status).toBe(403);
  });

  it('lets a resident cadre and a pairing’s responsible person reach only their own households', async () => {
    const visitorWithAccount = async (staffName: string) => {
      const userId = randomUUID();
      site.db.insert(users).values({ id: userId, email: `${userId}@test.example`, name: staffName, passwordHash: 'x', emailVerifiedAt: 1 }).run();
      site.db.update(staff).set({ userId }).where(eq(staff.name, staffName)).run();
      const cookie = await startSession(site.db, userId);
      const visitor = new Visitor(site);
      visitor.cookie = `${cookie.name}=${cookie.value}`;
      return visitor;
    };
    // 赵永春 lives in 红沙崖村 (a posting in the demo): its households, not 刘家沟村's.
    const red = site.db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
    const redHousehold = site.db.insert(households).values({ villageId: red, headName: '红沙崖村一户', idNumberCipher: 'x', idNumberIndex: randomUUID(), idNumberMasked: '1***', cause: 'illness', createdAt: 1 }).returning().get().id;
    const resident = await visitorWithAccount('赵永春');
    expect((await resident.get(`/households/${redHousehold}`)).status).toBe(200);
    expect((await resident.get(`/households/${redHousehold}/visits/new`)).status).toBe(200);
    for (const path of [`/households/${ids.yonglong}`, `/households/${ids.wenzhong}`, `/institutions/${ids.hospital}/staff`, `/institutions/${ids.hospital}/postings`]) expect((await resident.get(path)).status, path).toBe(403);

    // A hospital doctor named on the 刘家沟村 pairing opens 阴永龙, not 王文中 or 红沙崖村's household.
    const doctor = site.db.insert(staff).values({ institutionId: ids.hospital, name: '包保医生', profession: 'doctor', createdAt: 1 }).returning().get().id;
    const liujiagou = site.db.select().from(villages).where(eq(villages.name, '刘家沟村')).get()!.id;
    site.db.update(pairings).set({ responsibleStaffId: doctor, responsibleName: '包保医生' }).where(and(eq(pairings.institutionId, ids.hospital), eq(pairings.villageId, liujiagou))).run();
    const responsible = await visitorWithAccount('包保医生');
    expect((await responsible.get(`/households/${ids.yonglong}`)).status).toBe(200);
    for (const path of [`/households/${ids.wenzhong}`, `/households/${redHousehold}`, `/households/${ids.sun}`, `/institutions/${ids.hospital}/pairings`]) expect((await responsible.get(path)).status, path).toBe(403);
    expect((await responsible.post(`/households/${ids.yonglong}?_action=households.revealIdNumber`, { householdId: String(ids.yonglong) })).status).toBe(403);
  });

  it('shows the team to its institution’s coordinators and to nobody of another institution', async () => {
    const as = async (role: Parameters<typeof sessionCookieFor>[1]) => {
      const visitor = new Visitor(site);
      visitor.cookie = await sessionCookieFor(site.db, role);
      return (await visitor.get(`/teams/${ids.team}`)).status;
    };
    expect(await as('otherCoordinator')).toBe(200);
    for (const role of ['coordinator', 'member', 'publicity', 'admin', 'operator'] as const) expect(await as(role), role).toBe(403);
    expect((await new Visitor(site).get(`/teams/${ids.team}`)).status).toBe(302);
  });
});
