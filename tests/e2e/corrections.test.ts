// On a phone, a coordinator puts records right days later: a visit record amended with its reason (the earlier
// version still readable), a household's status corrected, an event's title corrected, a purchase corrected
// until it is paid — each with its history.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, households, visits } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, expectFits, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OWN_INSTITUTION } from '../setup/demo.ts';

describe('correcting records', () => {
  const journey = useJourney({ page: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });

  it('amends a visit record, keeping the earlier version with who, when and why', async () => {
    const { site, page } = journey;
    const visit = site.db.select().from(visits).orderBy(visits.id).get()!;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/visits/${visit.id}`);
    await page.getByRole('link', { name: '修改走访记录' }).click();
    await page.getByRole('heading', { name: '修改走访记录' }).waitFor();
    const systolic = page.locator('[id="field-readings.head.systolic"]');
    const before = await systolic.inputValue();
    await systolic.fill('139');
    await page.getByRole('button', { name: '保存修改' }).click();
    // Refused without a reason: the summary names the field, and what was typed is kept.
    await page.locator('.error-summary a', { hasText: '修改原因' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-reason');
    expect(await systolic.inputValue()).toBe('139');
    await page.getByLabel(/^修改原因/).fill('收缩压录错了');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('走访记录已修改，原来的版本已保留。').waitFor();
    expect(await page.textContent('main')).toContain('139/');
    await page.getByText('修改前的记录').click();
    expect(await page.locator('.card', { hasText: '修改记录' }).textContent()).toContain(`${before}/`);
    expect(await page.locator('.card', { hasText: '修改记录' }).textContent()).toContain('收缩压录错了');
    await expectAccessible(page);
  });

  it('corrects a household’s status, and its file shows the change', async () => {
    const { site, page } = journey;
    const household = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    await page.goto(`${site.url}/households/${household.id}`);
    await page.getByRole('link', { name: '修改档案' }).click();
    await page.getByLabel(/^状态/).selectOption('lifted');
    await page.getByLabel(/^脱贫年份/).fill('2020');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('档案已修改。').waitFor();
    const history = await page.locator('section.history').textContent();
    expect(history).toContain('状态：建档立卡 → 已脱贫');
    expect(history).toContain('脱贫年份：— → 2020');
    expect(await page.textContent('main')).toContain('已修改 1 次：收缩压录错了');
  });

  it('corrects an event’s title, and its page shows who changed it', async () => {
    const { site, page } = journey;
    const event = site.db.select().from(events).where(eq(events.title, '刘家屯村入户走访慰问')).get()!;
    await page.goto(`${site.url}/events/${event.id}`);
    await page.getByRole('link', { name: '修改活动' }).click();
    await page.getByLabel(/^标题/).fill('刘家屯村入户走访慰问（扶贫日）');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('活动已修改。').waitFor();
    await page.getByRole('heading', { name: '刘家屯村入户走访慰问（扶贫日）', level: 1 }).waitFor();
    expect(await page.locator('section.history').textContent()).toContain('标题：刘家屯村入户走访慰问 → 刘家屯村入户走访慰问（扶贫日）');
    // The visit round is done: its head count is corrected with a reason, kept in the history.
    await page.locator('#headcount-peopleSeen').fill('31');
    await page.locator('#headcount-reason').fill('补登入户人数');
    await page.getByRole('button', { name: '更正登记的结果' }).click();
    await page.getByText('已保存。').waitFor();
    const history = await page.locator('section.history').textContent();
    expect(history).toContain('义诊人数：— → 31');
    expect(history).toContain('补登入户人数');
    await expectFits(page, 390);
  });

  it('corrects a purchase until it is paid, the total following, its history in 斤 and yuan', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    await page.goto(`${site.url}/institutions/${own}/purchases`);
    const form = page.locator('form', { has: page.getByRole('button', { name: '登记采购' }) });
    await form.getByLabel(/^村/).selectOption({ label: '农安县 高家店镇 刘家屯村' });
    await form.getByLabel(/^卖方名称/).fill('刘家屯村集体');
    await form.getByLabel(/^产品/).fill('马铃薯');
    await form.getByLabel(/^订购数量/).fill('1000');
    await form.getByLabel(/^单价/).fill('0.8');
    await form.getByLabel(/^交货日期/).fill('2026-10-12');
    await form.getByRole('button', { name: '登记采购' }).click();
    await page.getByText('已登记采购。').waitFor();
    await page.getByRole('link', { name: '修改采购记录: 马铃薯 2026-10-12' }).click();
    await page.getByLabel(/^产品/).fill('土豆');
    await page.getByLabel(/^订购数量/).fill('1200');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    expect(await page.locator('table').last().locator('tr', { hasText: '土豆' }).textContent()).toContain('960.00');
    await page.getByRole('link', { name: '修改采购记录: 土豆 2026-10-12' }).click();
    const history = await page.locator('section.history').textContent();
    expect(history).toContain('产品：马铃薯 → 土豆');
    expect(history).toContain('订购数量：1000 → 1200');
    expect(history).toContain('金额（元）：¥800.00 → ¥960.00');
    await expectFits(page, 390);
    // Paid, it is settled: no longer offered for correction.
    await page.goto(`${site.url}/institutions/${own}/purchases`);
    await page.getByRole('button', { name: '标记已付款: 土豆 2026-10-12' }).click();
    await page.getByText('已标记付款。').waitFor();
    expect(await page.getByRole('link', { name: '修改采购记录: 土豆 2026-10-12' }).count()).toBe(0);
  });
});
