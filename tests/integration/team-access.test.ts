// The visitor's right over HTTP, on the demo: 王军, the village doctor of 中峪乡's family doctor team, holds no
// role anywhere. He opens 王文中's file (the household his team is contracted with) and its visit form, and
// nothing else: no other household, none of the hospital's pages, no tallies; nor can he grant himself a way in.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, households, pairingRequests, staff, teamMembers, teams, users } from '../../db/schema.ts';
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
