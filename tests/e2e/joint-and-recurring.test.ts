// Work done together and work done again (seed 002, seed 004). 宽城区's Poverty Alleviation Day clinic was run by
// four bodies: on a phone the health bureau invites the other three, the culture bureau accepts, places its own
// guide and hands out its own leaflets, and the bureau's page says who brought what. 沁源县人民医院 makes a year
// of monthly rounds in each township of its county; the December round, moved to 麻坪村 and done, meets its
// monthly 法中乡 pairing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { areas, institutions, pairings, staff, villages } from '../../db/schema.ts';
import { DEMO_PASSWORD, KUANCHENG } from '../../db/seed/demo.ts';
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { addRole, createEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { ensureTownship } from '../../src/lib/places/places.server.ts';
import { addStaff } from '../../src/lib/staff/staff.server.ts';
import { staffSchema } from '../../src/lib/staff/staff.ts';
import { createItem, receiveStock } from '../../src/lib/stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../../src/lib/stock/stock.ts';
import { actorWithRole } from '../setup/actors.ts';
import { login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const PARTNERS = ['宽城区文化旅游局', '兰家镇人民政府', '宽城区扶贫办'];

describe('joint and recurring work journey', () => {
  const journey = useJourney({ page: PHONE });
  const fitsPhone = async () => expect(await journey.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  it('宽城区 four-body clinic: invited, accepted, each body with its own people and stock', async () => {
    const { site, page } = journey;
    const db = site.db;
    const idOf = (name: string) => db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get()!.id;
    // The bureau's clinic in 东道村, published with a volunteer role; the culture bureau's guide and leaflets.
    const lead = actorWithRole(db, 'coordinator', KUANCHENG);
    const village = db.select({ id: villages.id }).from(villages).where(eq(villages.name, '东道村')).get()!.id;
    const eventId = createEvent(db, {
      actor: lead,
      input: eventSchema.parse({ organiserId: String(idOf(KUANCHENG)), campaignId: '', kind: 'free_clinic', title: '携手脱贫攻坚 共筑和谐宽城', date: '2030-10-17', startTime: '08:30', endTime: '11:30', villageId: String(village), address: '', services: ['blood_pressure'] }),
    }).id;
    addRole(db, { actor: lead, input: roleSchema.parse({ eventId, kind: 'volunteer', shifts: [{ startTime: '08:30', endTime: '11:30', capacity: '20' }] }) });
    publishEvent(db, { actor: lead, eventId });
    const culture = actorWithRole(db, 'coordinator', PARTNERS[0]);
    addStaff(db, { actor: culture, input: staffSchema.parse({ institutionId: String(idOf(PARTNERS[0])), name: '张导', profession: 'administrative' }) });
    const item = createItem(db, { actor: culture, input: itemSchema.parse({ institutionId: String(idOf(PARTNERS[0])), name: '健康扶贫宣传册', kind: 'leaflet', unit: 'copy', unitPrice: '0.5' }) });
    receiveStock(db, { actor: culture, input: receiptSchema.parse({ itemId: String(item.id), amount: '500', batchNo: '', expiryDate: '', source: 'bought' }) }, '2030-10-01');

    // The bureau invites: refused with nothing ticked, then the three bodies.
    await login(page, site.url, 'kuancheng@yizhen.demo', DEMO_PASSWORD);
    await page.goto(`${site.url}/events/${eventId}`);
    await page.locator('#joint summary').click();
    await page.getByRole('button', { name: '邀请联合主办单位' }).click();
    await page.locator('#field-institutionIds-error').waitFor();
    for (const name of PARTNERS) await page.getByLabel(name).check();
    await page.getByRole('button', { name: '邀请联合主办单位' }).click();
    await page.getByText('邀请已发出。').waitFor();
    const asked = await page.locator('#joint li').allTextContents();
    expect(asked[0]).toContain(`${KUANCHENG} 主办`);
    expect(asked.slice(1).sort()).toEqual(PARTNERS.map((name) => `${name} 已邀请`).sort());
    await fitsPhone();

    // The culture bureau accepts on the event's page, places its guide and hands out its leaflets.
    await page.context().clearCookies();
    await login(page, site.url, 'kuancheng-culture@yizhen.demo', DEMO_PASSWORD);
    await page.goto(`${site.url}/events`);
    await page.locator('#invitations').getByRole('link', { name: '携手脱贫攻坚 共筑和谐宽城' }).click();
    await page.getByRole('button', { name: `接受邀请: ${PARTNERS[0]}` }).click();
    await page.getByText('已答复邀请。').waitFor();
    await page.getByRole('link', { name: '签到表' }).click();
    await page.getByLabel('职工').selectOption({ label: '张导 ·  行政' });
    await page.getByRole('button', { name: '安排职工' }).click();
    await page.getByText('已安排（此人没有网站账户').waitFor();
    expect(await page.locator('table').textContent()).toContain('张导');
    await fitsPhone();
    await page.goto(`${site.url}/events/${eventId}/handouts`);
    await page.getByLabel('健康扶贫宣传册').fill('200');
    await page.getByRole('button', { name: '登记发放' }).click();
    await page.getByText('已登记发放。').waitFor();
    expect(await page.locator('main').textContent()).toContain('¥100.00');

    // The bureau sees who brought what, and on its roster who sent the guide.
    await page.context().clearCookies();
    await login(page, site.url, 'kuancheng@yizhen.demo', DEMO_PASSWORD);
    await page.goto(`${site.url}/events/${eventId}`);
    expect(await page.locator('#joint li', { hasText: PARTNERS[0] }).textContent()).toContain('派出人员 1 人次 · 车辆 0 台次 · 发放物资 ¥100.00');
    await page.goto(`${site.url}/events/${eventId}/roster`);
    expect(await page.locator('table').textContent()).toContain(`张导 职工 · ${PARTNERS[0]}`);
    await fitsPhone();
    expect(db.select({ n: staff.id }).from(staff).where(eq(staff.name, '张导')).all()).toHaveLength(1);
  });

  it('沁源县 monthly rounds in each township for a year; the one done in 麻坪村 meets the 法中乡 pairing', async () => {
    const { site, page } = journey;
    const db = site.db;
    const fazhong = ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township: '法中乡' });
    db.insert(villages).values({ name: '麻坪村', townshipId: fazhong, createdAt: Date.now() }).run();
    const hospital = db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, '沁源县人民医院')).get()!.id;
    const pairing = db.insert(pairings).values({ institutionId: hospital, target: 'township', areaId: fazhong, startDate: '2026-01-01', obligation: 'monthly', createdAt: Date.now() }).returning().get().id;
    const county = db.select({ id: areas.id }).from(areas).where(eq(areas.name, '沁源县')).get()!.id;

    await page.context().clearCookies();
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events`);
    await page.getByRole('link', { name: '新建定期活动' }).click();
    await page.getByLabel(/^标题/).fill('专家下乡巡回医疗');
    await page.getByLabel(/^从哪天起/).fill('2026-01-01');
    await page.getByLabel(/^到哪天止/).fill('2026-12-31');
    await page.getByLabel(/^在该县（区）的每个乡镇各办一场/).selectOption(String(county));
    // Two places are refused beside the address, with everything kept.
    await page.getByLabel(/^地址/).fill('法中乡卫生院');
    await page.getByRole('button', { name: '新建定期活动' }).click();
    await page.locator('#field-address-error').waitFor();
    expect(await page.inputValue('#field-endDate')).toBe('2026-12-31');
    await page.getByLabel(/^地址/).fill('');
    await page.getByRole('button', { name: '新建定期活动' }).click();
    await page.getByText('已生成 36 场活动草稿，请核对后发布。').waitFor();
    await fitsPhone();

    // December's 法中乡 round goes to 麻坪村 instead, and is done.
    await page.getByRole('link', { name: '2026-12-01 专家下乡巡回医疗（法中乡）' }).click();
    await page.getByRole('link', { name: '修改活动' }).click();
    await page.getByLabel(/^村/).selectOption({ label: '沁源县 法中乡 麻坪村' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByLabel('义诊人数').fill('46');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.getByText('活动已结束。').waitFor();

    await page.goto(`${site.url}/pairings/${pairing}/edit`);
    expect(await page.locator('#work').textContent()).toContain('2026-12-01 · 专家下乡巡回医疗（法中乡）');
    expect(db.select().from(pairings).where(eq(pairings.id, pairing)).get()!.lastVisitedAt).not.toBeNull();
    await fitsPhone();
  });
});
