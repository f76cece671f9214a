// An administrator adds a village with coordinates copied from Amap; a coordinator pairs the institution
// with a township and sees it due a visit.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('villages and pairings', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });

  it('adds a village, converting GCJ-02 coordinates to WGS-84, after refusing swapped ones', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('admin'), DEMO_PASSWORD);
    await page.goto(`${site.url}/villages`);
    const form = page.locator('form', { has: page.getByRole('button', { name: '新增村' }) });
    for (const [field, value] of [['province', '吉林省'], ['city', '长春市'], ['county', '农安县'], ['township', '合隆镇'], ['name', '陈家店村'], ['lat', '125.0104'], ['lng', '44.5011']]) {
      await form.locator(`#field-${field}`).fill(value);
    }
    await page.getByLabel(/^坐标系/).selectOption('GCJ02');
    await page.getByRole('button', { name: '新增村' }).click();
    expect(await page.locator('#field-lat-error').textContent()).toBe('这个坐标不在中国境内，请检查纬度和经度是否填反。');
    expect(await page.inputValue('#field-name')).toBe('陈家店村');
    await page.getByLabel(/^纬度/).fill('44.5011');
    await page.getByLabel(/^经度/).fill('125.0104');
    await page.getByRole('button', { name: '新增村' }).click();
    await page.getByText('已保存。').waitFor();
    await page.getByRole('link', { name: '陈家店村' }).click();
    await page.getByRole('heading', { name: '陈家店村' }).waitFor();
    const location = await page.locator('dd', { hasText: 'WGS-84' }).textContent();
    const [lat, lng] = location!.replace(' (WGS-84)', '').split(', ').map(Number);
    // Amap's GCJ-02 is offset from WGS-84 by a few hundred metres here; the stored point is moved back.
    expect(Math.abs(lat - 44.5011)).toBeGreaterThan(0.0005);
    expect(Math.abs(lat - 44.5011)).toBeLessThan(0.01);
    expect(Math.abs(lng - 125.0104)).toBeGreaterThan(0.0005);
    await expectAccessible(page);
  });

  it('a coordinator asks for a township, an administrator approves, and it is then due a visit', async () => {
    const { site, browser } = journey;
    const coordinatorContext = await browser.newContext();
    const adminContext = await browser.newContext();
    try {
      const page = await coordinatorContext.newPage();
      await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
      await followMenuLink(page, '包保');
      await page.getByLabel(/^包保对象\*?$/).selectOption({ label: '高家店镇' });
      await page.getByLabel(/^走访要求/).selectOption('monthly');
      await page.getByLabel(/^包保责任人/).fill('胡少红');
      await page.getByLabel(/^申请说明/).fill('县卫健局 2019 年包保安排');
      await page.getByLabel(/^结束日期/).fill('2000-01-01');
      await page.getByRole('button', { name: '申请包保' }).click();
      expect(await page.locator('#field-endDate-error').textContent()).toBe('结束日期不能早于开始日期。');
      await page.getByLabel(/^结束日期/).fill('');
      await page.getByRole('button', { name: '申请包保' }).click();
      await page.getByText('已提交申请，等待批准。').waitFor();
      expect(await page.locator('section', { hasText: '包保申请' }).textContent()).toContain('待批准');
      expect(await page.locator('ul.overdue').textContent()).not.toContain('高家店镇');

      const admin = await adminContext.newPage();
      await login(admin, site.url, demoEmail('admin'), DEMO_PASSWORD);
      await followMenuLink(admin, '包保申请');
      expect(await admin.locator('main').textContent()).toContain('县卫健局 2019 年包保安排');
      await admin.getByRole('button', { name: /^批准: 长春市中心医院 高家店镇/ }).click();
      await admin.getByText('已批准，包保关系已生效。').waitFor();

      await page.reload();
      expect(await page.locator('ul.overdue').textContent()).toContain('高家店镇');
      expect(await page.locator('table').textContent()).toContain('胡少红');
      expect(await page.locator('section', { hasText: '包保申请' }).textContent()).toContain('已批准');
    } finally {
      await coordinatorContext.close();
      await adminContext.close();
    }
  });
});
