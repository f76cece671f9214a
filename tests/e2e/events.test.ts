// A coordinator creates a free clinic with two roles and publishes it; a volunteer signs up on a phone.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('free clinic journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });
  let eventPath = '';

  it('a coordinator creates a free clinic with two roles and publishes it', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '活动' }).click();
    await page.getByRole('link', { name: '新建活动' }).click();
    await page.getByLabel(/^标题/).fill('全国扶贫日大型义诊');
    await page.getByLabel(/^日期/).fill('2030-10-17');
    await page.getByLabel(/^开始时间/).fill('09:00');
    await page.getByLabel(/^结束时间/).fill('08:00');
    await page.getByRole('button', { name: '新建活动' }).click();
    expect(await page.locator('#field-endTime-error').textContent()).toBe('结束时间必须晚于开始时间。');
    expect(await page.locator('#field-address-error').textContent()).toBe('请选择村或填写地址。');
    expect(await page.inputValue('#field-title')).toBe('全国扶贫日大型义诊');
    await page.getByLabel(/^结束时间/).fill('12:00');
    await page.getByLabel(/^地址/).fill('合心镇卫生院门前');
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '全国扶贫日大型义诊' }).waitFor();
    eventPath = new URL(page.url()).pathname;

    for (const [kind, specialty, capacity] of [['doctor', '心内科', '2'], ['volunteer', '', '1']]) {
      await page.locator('#field-kind').selectOption(kind);
      await page.locator('#field-specialty').fill(specialty);
      await page.locator('#field-capacity').fill(capacity);
      await page.getByRole('button', { name: '添加岗位' }).click();
      await page.getByText('已保存。').waitFor();
    }
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByText('活动已发布，志愿者现在可以报名。').waitFor();
    expect(await page.locator('ul.shifts li').count()).toBe(2);
    await expectAccessible(page);
  });

  it('a volunteer signs up on a phone, and the next one joins the waiting list', async () => {
    const { site, browser } = journey;
    for (const [email, expected] of [['member@yizhen.demo', '报名成功'], ['qinyuan@yizhen.demo', '名额已满，您已进入候补名单']]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        await login(page, site.url, email, DEMO_PASSWORD);
        await page.goto(site.url + eventPath);
        const volunteerShift = page.locator('.role', { hasText: '志愿者' }).locator('ul.shifts li');
        await volunteerShift.getByRole('button').click();
        await page.getByText(expected).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await page.goto(`${site.url}/signups`);
        expect(await page.textContent('table')).toContain('全国扶贫日大型义诊');
        await expectAccessible(page);
      } finally {
        await context.close();
      }
    }
  });
});
