// A coordinator registers an ambulance and records its trips to a free clinic; a second trip at the
// same time is refused beside the departure time.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OWN_INSTITUTION } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';

describe('ambulance journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });

  it('registers an ambulance and sends it to a clinic, never twice at once', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${own}/vehicles`);
    await page.getByLabel(/^车牌号/).fill('吉A1234');
    await page.getByRole('button', { name: '登记车辆' }).click();
    expect(await page.locator('#field-plate-error').textContent()).toBe('请输入有效的车牌号，例如 吉A12345 或新能源车牌 吉AD12345。');
    await page.getByLabel(/^车牌号/).fill('吉a·12345');
    await page.getByRole('button', { name: '登记车辆' }).click();
    await page.getByText('已登记车辆。').waitFor();
    expect(await page.locator('table').textContent()).toContain('吉A12345');

    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const { eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator: actor, date: '2099-10-17' });
    await page.goto(`${site.url}/events/${eventId}`);
    await page.getByRole('link', { name: '出车' }).click();
    await page.getByLabel(/^驾驶员/).fill('张师傅');
    await page.getByLabel(/^随车人员/).fill('王医生、李护士');
    await page.getByLabel(/^出车时间/).fill('07:00');
    await page.getByLabel(/^返回时间/).fill('12:00');
    await page.getByLabel(/^里程/).fill('86.5');
    await page.getByRole('button', { name: '登记出车' }).click();
    await page.getByText('已登记出车。').waitFor();
    expect(await page.locator('table').textContent()).toContain('86.5');
    expect(await page.textContent('main')).toContain('出车 1 次，车辆 1 辆。');

    await page.getByLabel(/^驾驶员/).fill('刘师傅');
    await page.getByLabel(/^出车时间/).fill('11:00');
    await page.getByLabel(/^返回时间/).fill('15:00');
    await page.getByRole('button', { name: '登记出车' }).click();
    expect(await page.locator('#field-outTime-error').textContent()).toMatch(/^这辆车在 .* 已派往“扶贫日大型义诊”，时间重叠。$/);
    expect(await page.inputValue('#field-driver')).toBe('刘师傅');
    await expectAccessible(page);
  });
});
