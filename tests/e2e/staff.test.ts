// A coordinator lists a doctor who has no account on the site and places him on a clinic's role; the
// roster shows him as staff, and a wrong licence number is refused beside its field.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OWN_INSTITUTION } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';

describe('staff journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });

  it('adds a doctor without an account and places him on a clinic', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${own}`);
    await page.getByRole('link', { name: '职工' }).click();
    await page.getByLabel(/^姓名/).fill('王建国');
    await page.getByLabel(/^科室/).fill('心内科');
    await page.getByLabel(/^职称/).fill('主任医师');
    await page.getByLabel(/^执业证书编号/).fill('12-3');
    await page.getByRole('button', { name: '添加职工' }).click();
    expect(await page.locator('#field-licenceNumber-error').textContent()).toBe('执业证书编号应为 8–30 位字母或数字。');
    await page.getByLabel(/^执业证书编号/).fill('110220100012345');
    await page.getByRole('button', { name: '添加职工' }).click();
    await page.getByText('已添加职工。').waitFor();
    expect(await page.locator('table').textContent()).toContain('主任医师');
    await expectAccessible(page);

    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const { eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '2' }], { coordinator: actor, date: '2099-10-17' });
    await page.goto(`${site.url}/events/${eventId}/roster`);
    await page.locator('#field-staffId').selectOption({ label: '王建国 · 心内科 医生' });
    await page.getByRole('button', { name: '安排职工' }).click();
    await page.getByText('已安排（此人没有网站账户，未发邮件，请另行通知）。').waitFor();
    expect(await page.locator('table').textContent()).toContain('王建国 职工');
    await expectAccessible(page);
  });
});
