// A coordinator keeps the hospital's stock and records what went out at a visit (seed 002: coats and
// medicines to the poor households of 刘家屯村), then corrects a line by reversing it; Qinyuan's hospital
// records its potato purchase from 红沙崖村 (seed 004). Both show on the village pages.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users, villages } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OWN_INSTITUTION } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';

describe('stock and handouts journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });

  it('receives coats and medicines, hands them out at a visit, and reverses a mistaken line', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${own}`);
    await page.getByRole('link', { name: '物资库存' }).click();
    await page.getByRole('heading', { name: '物资库存', level: 1 }).waitFor();

    // A drug without its generic name is refused beside the field.
    await page.getByLabel(/^名称/).fill('感冒灵颗粒');
    await page.locator('#field-unitPrice').fill('12.5');
    await page.getByRole('button', { name: '添加物品' }).click();
    expect(await page.locator('#field-genericName-error').textContent()).toBe('药品请填写通用名。');
    await page.getByLabel(/^通用名/).fill('感冒灵颗粒');
    await page.getByLabel(/^规格/).fill('10g×9袋');
    await page.getByRole('button', { name: '添加物品' }).click();
    await page.getByText('已保存。').waitFor();
    await page.getByLabel(/^名称/).fill('棉衣');
    await page.locator('#field-kind').selectOption('cotton_coat');
    await page.locator('form:has(#field-name) #field-unit').selectOption('piece');
    await page.locator('form:has(#field-name) #field-unitPrice').fill('150');
    await page.getByRole('button', { name: '添加物品' }).click();
    await page.getByText('已保存。').waitFor();

    // The coats were donated by staff; the medicine was bought, with a batch and an expiry date.
    const receive = page.locator('form', { has: page.getByRole('button', { name: '入库' }) });
    await receive.locator('#field-receive-itemId').selectOption({ label: '棉衣 · 件' });
    await receive.locator('#field-receive-amount').fill('7');
    await receive.locator('#field-receive-source').selectOption('donated_staff');
    await receive.locator('#field-receive-donor').fill('市中心医院职工');
    await receive.getByRole('button', { name: '入库' }).click();
    await page.getByText('已入库。').waitFor();
    await receive.locator('#field-receive-itemId').selectOption({ label: '感冒灵颗粒（10g×9袋） · 盒' });
    await receive.locator('#field-receive-amount').fill('20');
    await receive.locator('#field-receive-batchNo').fill('20190801');
    await receive.locator('#field-receive-expiryDate').fill('2019-01-01');
    await receive.getByRole('button', { name: '入库' }).click();
    expect(await page.locator('#field-receive-expiryDate-error').textContent()).toBe('有效期已过，不能入库。');
    await receive.locator('#field-receive-expiryDate').fill('2100-08-01');
    await receive.getByRole('button', { name: '入库' }).click();
    await page.getByText('已入库。').waitFor();
    expect(await page.locator('table').textContent()).toContain('7 件');
    await expectAccessible(page);

    // The visit to 刘家屯村, and what went out there.
    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const village = site.db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!;
    const { eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator: actor, date: '2099-10-17', villageId: village.id });
    await page.goto(`${site.url}/events/${eventId}`);
    await page.getByRole('link', { name: '发放物资' }).click();
    await page.getByLabel('棉衣').fill('8');
    await page.getByLabel('感冒灵颗粒（10g×9袋）').fill('14');
    await page.getByRole('button', { name: '登记发放' }).click();
    expect(await page.locator('.error', { hasText: '库存不足' }).textContent()).toBe('库存不足：可用 7（另有已过期 0，不能发放）。');
    expect(await page.getByLabel('感冒灵颗粒（10g×9袋）').inputValue()).toBe('14');
    await page.getByLabel('棉衣').fill('7');
    await page.getByLabel(/^发给（个人或集体/).fill('刘家屯村7户贫困户');
    await page.getByRole('button', { name: '登记发放' }).click();
    await page.getByText('已登记发放。').waitFor();
    expect(await page.textContent('main')).toContain('发放金额合计: ¥1225.00');

    await page.getByLabel('冲销原因: 感冒灵颗粒').fill('多登记了');
    // A reversal asks first: the second tap writes it.
    const reversal = page.locator('form', { has: page.getByLabel('冲销原因: 感冒灵颗粒') });
    await reversal.locator('summary', { hasText: '冲销' }).click();
    await reversal.getByRole('button', { name: '确认冲销' }).click();
    await page.getByText('已冲销。').waitFor();
    expect(await page.textContent('main')).toContain('发放金额合计: ¥1050.00');
    await expectAccessible(page);

    // The village page shows what reached 刘家屯村, without names.
    await page.goto(`${site.url}/villages/${village.id}`);
    const reached = page.locator('section', { has: page.getByRole('heading', { name: '发放物资' }) });
    expect(await reached.textContent()).toContain('棉衣: 7 件 · ¥1050.00');
    expect(await reached.textContent()).not.toContain('感冒灵');
  });

  it('records the Qinyuan potato purchase of seed 004 and sees it on the village page', async () => {
    const { site, browser } = journey;
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    try {
      const page = await context.newPage();
      await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
      await page.goto(`${site.url}/institutions/${institutionId(site.db, '沁源县人民医院')}`);
      await page.getByRole('link', { name: '消费扶贫' }).click();
      await page.locator('#field-villageId').selectOption({ label: '沁源县 赤石桥乡 红沙崖村' });
      await page.getByLabel(/^产品/).fill('土豆');
      await page.getByLabel(/^订购数量/).fill('23,000');
      await page.getByLabel(/^单价/).fill('0.855');
      await page.getByLabel(/^交货日期/).fill('2019-10-12');
      await page.getByRole('button', { name: '登记采购' }).click();
      expect(await page.locator('#field-unitPrice-error').textContent()).toBe('请输入金额（元），最多 2 位小数，例如 12.50。');
      expect(await page.locator('#field-sellerName-error').textContent()).toBe('请填写卖方（村集体或合作社名称）。');
      await page.getByLabel(/^单价/).fill('0.85');
      await page.getByLabel(/^卖方名称/).fill('红沙崖村集体');
      await page.getByRole('button', { name: '登记采购' }).click();
      await page.getByText('已登记采购。').waitFor();
      await page.getByLabel('实收数量: 土豆 2019-10-12').fill('22980');
      await page.locator('form', { has: page.getByLabel('实收数量: 土豆 2019-10-12') }).getByRole('button', { name: '登记实收' }).click();
      await page.getByText('已登记实收数量。').waitFor();
      expect(await page.locator('table').last().textContent()).toContain('19533.00');
      await expectAccessible(page);

      await page.getByRole('link', { name: '红沙崖村' }).click();
      const bought = page.locator('section', { has: page.getByRole('heading', { name: '消费扶贫（各单位采购）' }) });
      // Weighed, nothing left as ordered only, the sum, the value.
      expect(await bought.locator('tbody').textContent()).toBe('2019土豆22980 斤0 斤22980 斤19533.00');
      expect(await bought.textContent()).toContain('沁源县人民医院 · ¥19533.00');
    } finally {
      await context.close();
    }
  });
});
