// The kinds of work, the money and the work done together or again, as their users meet them on a phone (each
// journey logs in afresh): Jianxi's training and county projects (seed 003), Qinyuan's potatoes and monthly
// township rounds (seed 004), 宽城区's four-body clinic and 绿园区's ceremony-then-clinic programme (seed 002).
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
import { expectFits, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION } from '../setup/demo.ts';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const PARTNERS = ['宽城区文化旅游局', '兰家镇人民政府', '宽城区扶贫办'];

describe('kinds of work, money and work together journeys', () => {
  const journey = useJourney({ page: PHONE });
  const fitsPhone = () => expectFits(journey.page, 360);

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
    await page.getByRole('link', { name: '2026年12月1日 专家下乡巡回医疗（法中乡）' }).click();
    await page.getByRole('link', { name: '修改活动' }).click();
    await page.getByLabel(/^村/).selectOption({ label: '沁源县 法中乡 麻坪村' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByLabel('义诊人数').fill('46');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.getByText('活动已结束。').waitFor();

    await page.goto(`${site.url}/pairings/${pairing}/edit`);
    expect(await page.locator('#work').textContent()).toContain('2026年12月1日 · 专家下乡巡回医疗（法中乡）');
    expect(db.select().from(pairings).where(eq(pairings.id, pairing)).get()!.lastVisitedAt).not.toBeNull();
    await fitsPhone();
  });

  // Jianxi (seed 003) trained 400 staff on 2–3 August: entered as a training, marked done with its trainees and
  // hours, it is counted as training in the dashboard and the press line, and never as people seen at a clinic.
  it('a training is marked done with its trainees and hours, and the tallies count it as training', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/new`);
    await page.locator('#field-kind').selectOption('training');
    await page.getByLabel(/^标题/).fill('基层医务人员培训');
    await page.getByLabel(/^日期/).fill('2019-08-02');
    await page.getByLabel(/^开始时间/).fill('08:30');
    await page.getByLabel(/^结束时间/).fill('17:30');
    await page.getByLabel(/^地址/).fill('区卫健委会议室');
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '基层医务人员培训' }).waitFor();
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByText('活动已发布，志愿者现在可以报名。').waitFor();

    // The training asks for its trainees and hours, not a head count; a bad number is refused beside its field.
    expect(await page.getByLabel('义诊人数').count()).toBe(0);
    await page.getByLabel('培训人数（人次）').fill('四百');
    await page.getByLabel('培训学时（小时）').fill('16');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.locator('#field-trainees-error').waitFor();
    expect(await page.inputValue('#field-trainingHours')).toBe('16');
    await page.getByLabel('培训人数（人次）').fill('400');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.getByText('活动已结束。').waitFor();
    const details = (await page.locator('dl').first().textContent())!;
    expect(details).toContain('培训人数（人次）400');
    expect(details).toContain('培训学时（小时）16');

    await page.goto(`${site.url}/tallies?from=2019-08-01&to=2019-08-31`);
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('开展培训1场，培训400人次');
    expect(main).not.toContain('义诊人数400');
    await expectFits(page, 360);
  });

  // Jianxi (seed 003): a county pairing carries projects — 2,100万元 committed, a first 540万元 paid. On a phone the
  // coordinator adds the project on the pairing's page, is refused a payment of nothing beside the field, records the
  // first instalment, and the tallies count both.
  it('a project committed and a first instalment paid on a county pairing, counted in the tallies', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    const hospital = institutionId(site.db, OTHER_INSTITUTION);
    const county = site.db.select().from(areas).where(eq(areas.name, '沁源县')).get()!.id;
    const pairing = site.db.insert(pairings).values({ institutionId: hospital, target: 'county', areaId: county, startDate: '2019-01-01', obligation: 'quarterly', createdAt: Date.now() }).returning().get().id;
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/pairings/${pairing}/edit`);
    await page.locator('#project-name').fill('重度失能托养中心');
    await page.locator('#project-committed').fill('21000000');
    await page.locator('#project-committedOn').fill('2019-03-01');
    await page.getByRole('button', { name: '添加项目' }).click();
    await page.locator('#projects li', { hasText: '重度失能托养中心' }).waitFor();

    await page.locator('#payment-paidOn').fill('2019-06-01');
    await page.locator('#payment-amount').fill('0');
    await page.getByRole('button', { name: '登记到位资金' }).click();
    expect(await page.locator('#payment-amount-error').textContent()).toBe('金额必须大于 0。');
    expect(await page.inputValue('#payment-paidOn')).toBe('2019-06-01');
    await page.locator('#payment-amount').fill('5400000');
    await page.getByRole('button', { name: '登记到位资金' }).click();
    await page.locator('#projects', { hasText: '已到位 ¥5400000.00' }).waitFor();
    await expectFits(page, 360);

    await page.goto(`${site.url}/tallies?institution=${hospital}&from=2019-01-01&to=2019-12-31`);
    expect(await page.locator('main').textContent()).toContain('承诺帮扶项目资金2100万元，到位540万元');
  });

  // Seed 004: the hospital's union buys 马铃薯 from 红沙崖村 while its canteen buys 土豆 — one product. The coordinator
  // records the purchase on a phone, merges 马铃薯 into 土豆, and the tallies show 土豆 with weighed and ordered apart.
  it('a purchase of 马铃薯 is merged into 土豆, and the tally counts them as one product', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    const hospital = institutionId(site.db, OTHER_INSTITUTION);
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${hospital}/purchases`);
    await page.locator('#field-buyerUnit').fill('工会');
    await page.locator('#field-villageId').selectOption({ label: '沁源县 赤石桥乡 红沙崖村' });
    await page.locator('#field-sellerName').fill('红沙崖村集体');
    await page.locator('#field-product').fill('马铃薯');
    await page.locator('#field-quantityOrdered').fill('800');
    await page.locator('#field-unitPrice').fill('0.9');
    await page.locator('#field-deliveryDate').fill('2019-10-14');
    await page.getByRole('button', { name: '登记采购' }).click();
    await page.locator('#products li', { hasText: '马铃薯' }).waitFor();

    await page.locator('#products').getByLabel('把这个产品').selectOption({ label: '马铃薯' });
    await page.locator('#products').getByLabel('并入').selectOption({ label: '土豆' });
    await page.getByRole('button', { name: '合并' }).click();
    await page.locator('#products').getByText('也叫 马铃薯').waitFor();
    await expectFits(page, 360);

    // 22,980 斤 of the demo's potatoes weighed; the union's 800 斤 not yet, counted as ordered.
    await page.goto(`${site.url}/tallies?institution=${hospital}&from=2019-10-01&to=2019-10-31`);
    const row = (await page.locator('tr', { hasText: '土豆' }).first().textContent())!;
    expect(row).toContain('22980 斤');
    expect(row).toContain('800 斤');
    expect(row).toContain('23780 斤');
    expect(await page.locator('tr', { hasText: '马铃薯' }).count()).toBe(0);
  });

  it('绿园区 launch ceremony then clinic: the programme laid out on a phone, a role added for the clinic, shown to villagers', async () => {
    const { site, page } = journey;
    const hospital = institutionId(site.db, OWN_INSTITUTION);
    const eventId = createEvent(site.db, {
      actor: actorWithRole(site.db, 'coordinator', OWN_INSTITUTION),
      input: eventSchema.parse({ organiserId: String(hospital), campaignId: '', kind: 'free_clinic', title: '扶贫日大型义诊巡回医疗', date: '2030-10-17', startTime: '08:30', endTime: '12:00', villageId: '', address: '合心镇卫生院', services: ['blood_pressure', 'blood_sugar'] }),
    }).id;
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/${eventId}`);

    // The ceremony typed to start before the event: refused beside its time, the place kept; corrected.
    await page.locator('#programme summary', { hasText: '添加环节' }).click();
    await page.locator('#part-kind').selectOption({ label: '启动仪式' });
    await page.locator('#part-startTime').fill('08:00');
    await page.locator('#part-endTime').fill('09:00');
    await page.locator('#part-place').fill('合心镇卫生院门前');
    await page.locator('#programme').getByRole('button', { name: '添加环节' }).click();
    expect(await page.locator('#part-startTime-error').textContent()).toBe('环节须在活动时间 08:30–12:00 之内');
    expect(await page.locator('#part-place').inputValue()).toBe('合心镇卫生院门前');
    await page.locator('#part-startTime').fill('09:00');
    await page.locator('#part-endTime').fill('09:30');
    await page.locator('#programme').getByRole('button', { name: '添加环节' }).click();
    await page.getByText('已保存。').waitFor();
    // The clinic follows it: the form offers the time after the last part, to the event's end.
    await page.locator('#programme summary', { hasText: '添加环节' }).click();
    expect([await page.locator('#part-startTime').inputValue(), await page.locator('#part-endTime').inputValue()]).toEqual(['09:30', '12:00']);
    await page.locator('#part-kind').selectOption({ label: '集中义诊' });
    await page.locator('#programme').getByRole('button', { name: '添加环节' }).click();
    await page.getByText('已保存。').waitFor();
    await fitsPhone();

    // A cardiologist's role for the clinic, from the clinic's line: the part chosen, its times offered.
    await page.getByRole('link', { name: '为此环节添加岗位: 09:30 集中义诊' }).click();
    expect(await page.locator('#field-partId option:checked').textContent()).toBe('09:30–12:00 集中义诊');
    expect(await page.locator('#field-startTime').inputValue()).toBe('09:30');
    await page.locator('#field-kind').selectOption({ label: '医生' });
    await page.locator('#field-specialty').fill('心内科');
    await page.locator('#add-role').getByRole('button', { name: '添加岗位' }).click();
    await page.getByText('已保存。').waitFor();
    expect(await page.locator('#programme li', { hasText: '09:30–12:00' }).textContent()).toContain('医生（心内科）');
    await page.getByRole('button', { name: '发布' }).click();
    await page.getByText('活动已发布').waitFor();
    await fitsPhone();

    // Villagers see when and where each part is, without an account.
    await page.context().clearCookies();
    await page.goto(`${site.url}/clinics`);
    const card = page.locator('li.card', { hasText: '扶贫日大型义诊巡回医疗' });
    expect(await card.locator('ol.programme li').allTextContents()).toEqual(['09:00–09:30 启动仪式 · 合心镇卫生院门前', '09:30–12:00 集中义诊']);
    await fitsPhone();
  });
});
