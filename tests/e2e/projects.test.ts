// Jianxi (seed 003): a county pairing carries projects — 2,100万元 committed, a first 540万元 paid. On a phone the
// coordinator adds the project on the pairing's page, is refused a payment of nothing beside the field, records the
// first instalment, and the tallies count both.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { areas, pairings } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION } from '../setup/demo.ts';

describe('support projects journey', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } });

  it('a project committed and a first instalment paid on a county pairing, counted in the tallies', async () => {
    const { site, page } = journey;
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
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.goto(`${site.url}/tallies?institution=${hospital}&from=2019-01-01&to=2019-12-31`);
    expect(await page.locator('main').textContent()).toContain('承诺帮扶项目资金2100万元，到位540万元');
  });
});
