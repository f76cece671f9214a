// Qinyuan's family doctor team (seed 004). The county hospital's coordinator adds a team and a member, and on
// 王文中's file renews his contract with the team that follows him; then, on a 360 px phone, the village doctor
// 王军 — no role in any institution — finds 王文中 from his home page, records the follow-up at the door, and
// the team's list shows it done. Then a volunteer service team is signed up for a shift at a clinic. Last,
// Gongjing (seed 001): 周川, resident in 刘家村 for his bureau with no other role, finds the last household of his
// first week from his home page and records the visit on his phone, handing over 板蓝根 and 玄麦甘桔颗粒.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { teams, users } from '../../db/schema.ts';
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { addRole, createEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { VILLAGE_DOCTOR_EMAIL } from '../../db/seed/teams.ts';
import { RESIDENT_CADRE_EMAIL } from '../../db/seed/gongjing.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { beijingDate } from '../../src/lib/time/beijing.ts';
import { expectAccessible, expectFits, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION } from '../setup/demo.ts';


describe('family doctor team journey', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } });

  it('a coordinator adds a team and a member, and renews 王文中’s contract on his file', async () => {
    const { site, page } = journey;
    const hospital = institutionId(site.db, OTHER_INSTITUTION);
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${hospital}/teams`);
    await page.getByRole('heading', { name: '中峪乡家庭医生团队' }).waitFor();
    await page.getByLabel('团队名称').fill('健康宣讲服务队');
    await page.getByLabel('团队类别').selectOption('volunteer');
    await page.getByLabel('服务范围').fill('敬老院、小游园、广场');
    await page.getByRole('button', { name: '新建团队' }).click();
    await page.getByRole('heading', { name: '健康宣讲服务队', level: 1 }).waitFor();
    await expectAccessible(page);
    await expectFits(page, 360);
    await page.getByLabel('人员').selectOption({ label: '杨庆峰（沁源县人民医院）' });
    await page.getByLabel('任队长').check();
    await page.getByRole('button', { name: '添加成员' }).click();
    await page.getByText('已加入团队。').waitFor();
    expect(await page.locator('table').first().textContent()).toContain('杨庆峰');

    // 王文中's file: his team and contract, renewed for another year.
    await page.goto(`${site.url}/households?q=`);
    await page.getByRole('link', { name: '王文中' }).first().click();
    await page.getByRole('heading', { name: '家庭医生签约' }).waitFor();
    expect(await page.locator('#contract').textContent()).toContain('中峪乡家庭医生团队');
    await page.locator('#contract summary', { hasText: '续约或转签' }).click();
    await page.getByLabel('签约日期').fill(beijingDate(Date.now()));
    await page.getByLabel('慢病管理包').check();
    await page.getByRole('button', { name: '续约或转签' }).click();
    await page.getByText('签约已保存。').waitFor();
    const contract = await page.locator('#contract').textContent();
    expect(contract).toContain(formatDate('zh-CN', Date.now()));
    expect(contract).toContain('已续约');
    await expectFits(page, 360);
  });

  it('the village doctor finds 王文中 on his phone and records the follow-up, which the team’s list then shows', async () => {
    const { site, page } = journey;
    const today = beijingDate(Date.now());
    await page.context().clearCookies();
    await login(page, site.url, VILLAGE_DOCTOR_EMAIL, DEMO_PASSWORD);
    await page.getByRole('link', { name: '中峪乡家庭医生团队' }).click();
    await page.getByRole('heading', { name: '中峪乡家庭医生团队', level: 1 }).waitFor();
    await expectFits(page, 360);
    await page.getByRole('link', { name: '王文中' }).click();
    await page.getByRole('heading', { name: '王文中', level: 1 }).waitFor();
    const file = page.url();
    await page.getByRole('link', { name: '记录走访' }).click();
    await page.getByRole('heading', { name: '记录走访' }).waitFor();
    await page.getByLabel('王军').check();
    await page.getByLabel('走访目的').selectOption('follow_up');
    await page.locator('[id="field-readings.head.systolic"]').fill('128');
    await page.locator('[id="field-readings.head.diastolic"]').fill('82');
    await expectFits(page, 360);
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.waitForURL(/\/visits\/\d+/);
    await page.goto(file);
    expect(await page.locator('#contract').textContent()).toContain(`上次随访${formatDate('zh-CN', today)}`);
    await page.getByRole('link', { name: '中峪乡家庭医生团队' }).click();
    const row = page.locator('tr', { hasText: '王文中' });
    expect(await row.textContent()).toContain(formatDate('zh-CN', today));
    expect(await row.textContent()).not.toContain('逾期');
  });

  it('a volunteer service team is signed up for a clinic’s shift, choosing who goes, and they are on its roster', async () => {
    const { site, page } = journey;
    // A clinic of the county hospital, published with one volunteer shift of two places.
    const coordinator = loadActor(site.db, site.db.select().from(users).where(eq(users.email, demoEmail('otherCoordinator'))).get()!.id);
    const hospital = institutionId(site.db, OTHER_INSTITUTION);
    const event = createEvent(site.db, { actor: coordinator, input: eventSchema.parse({ organiserId: String(hospital), campaignId: '', kind: 'free_clinic', title: '敬老院健康义诊', date: '2099-05-12', startTime: '09:00', endTime: '12:00', address: '沁源县敬老院', villageId: '', services: ['blood_pressure'] }) });
    addRole(site.db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'volunteer', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '2' }] }) });
    publishEvent(site.db, { actor: coordinator, eventId: event.id });
    const team = site.db.select().from(teams).where(eq(teams.name, '护胃行动服务队')).get()!.id;

    await page.context().clearCookies();
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/teams/${team}`);
    await page.getByLabel('班次').selectOption({ index: 0 });
    // Nobody chosen: refused beside the list.
    await page.getByRole('button', { name: '以团队报名班次' }).click();
    await page.locator('#field-memberIds-error').waitFor();
    await page.getByRole('checkbox', { name: '杨庆峰' }).check();
    await page.getByRole('button', { name: '以团队报名班次' }).click();
    await page.getByText('已为所选队员报名。').waitFor();
    await expectFits(page, 360);
    const roster = await (await page.goto(`${site.url}/events/${event.id}/roster`))!.text();
    expect(roster).toContain('杨庆峰');
  });

  it('周川, resident in 刘家村, records his first-week visit to its last household with 板蓝根 handed over', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    await login(page, site.url, RESIDENT_CADRE_EMAIL, DEMO_PASSWORD);
    await page.getByRole('link', { name: '走访刘家村的贫困户' }).click();
    await page.getByRole('link', { name: '陈永贵' }).waitFor();
    const list = await page.locator('table').textContent();
    expect(list).toContain('刘德全');
    expect(list).not.toContain('王文中');
    await expectFits(page, 360);
    await page.getByRole('link', { name: '陈永贵' }).click();
    await page.getByRole('heading', { name: '陈永贵', level: 1 }).waitFor();
    await page.getByRole('link', { name: '记录走访' }).click();
    await page.getByRole('heading', { name: '记录走访' }).waitFor();
    await page.getByLabel('周川').check();
    // His bureau's stock: 30 of each received, one of each at each of the two visits before this one.
    await page.getByLabel('板蓝根颗粒（10g×20袋）（包）').fill('1');
    await page.getByLabel('玄麦甘桔颗粒（10g×10袋）（盒）').fill('1');
    expect(await page.locator('.visit-form').textContent()).toContain('28');
    await expectFits(page, 360);
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.waitForURL(/\/visits\/\d+/);
    const visit = await page.locator('main').textContent();
    expect(visit).toContain('板蓝根颗粒');
    expect(visit).toContain('周川');
    await expectFits(page, 360);
    const bureau = institutionId(site.db, '自贡市贡井区卫生健康局');
    await page.goto(`${site.url}/institutions/${bureau}/stock`);
    const row = (await page.locator('tr', { hasText: '板蓝根颗粒' }).first().textContent())!;
    expect(row).toMatch(/\b27\b/);
    expect(row).not.toMatch(/\b28\b/);
  });
});
