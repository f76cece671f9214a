// Seed 004: the hospital's union buys 马铃薯 from 红沙崖村 while its canteen buys 土豆 — one product. The coordinator
// records the purchase on a phone, merges 马铃薯 into 土豆, and the tallies show 土豆 with weighed and ordered apart.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION } from '../setup/demo.ts';

describe('products journey', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } });

  it('a purchase of 马铃薯 is merged into 土豆, and the tally counts them as one product', async () => {
    const { site, page } = journey;
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
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 22,980 斤 of the demo's potatoes weighed; the union's 800 斤 not yet, counted as ordered.
    await page.goto(`${site.url}/tallies?institution=${hospital}&from=2019-10-01&to=2019-10-31`);
    const row = (await page.locator('tr', { hasText: '土豆' }).first().textContent())!;
    expect(row).toContain('22980 斤');
    expect(row).toContain('800 斤');
    expect(row).toContain('23780 斤');
    expect(await page.locator('tr', { hasText: '马铃薯' }).count()).toBe(0);
  });
});
