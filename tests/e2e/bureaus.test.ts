// A county bureau runs its own county on a phone: it adds a hospital there, makes its coordinator, and reads
// its county's households but not another city's; a coordinator then plans a clinic at an address, placed in
// one of the county's townships (which the county's tallies then count: tallies.server.test.ts).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, households, institutions, memberships } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('a county bureau', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 780 } } });

  it('adds a hospital in its county, makes its coordinator, and sees only its county’s households', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('otherAdmin'), DEMO_PASSWORD);
    await followMenuLink(page, '机构管理');
    // Only its own county is offered as a place.
    const places = await page.getByLabel(/^所在地区/).locator('option').allTextContents();
    expect(places.filter((label) => label.trim() !== '')).toEqual(['山西省 长治市 沁源县']);
    await page.getByLabel(/^机构名称/).fill('沁源县中医院');
    await page.getByLabel(/^类别/).selectOption('hospital');
    await page.getByLabel(/^所在地区/).selectOption({ label: '山西省 长治市 沁源县' });
    await page.getByRole('button', { name: '新增机构' }).click();
    await page.getByText('已保存。').waitFor();
    const hospital = site.db.select().from(institutions).where(eq(institutions.name, '沁源县中医院')).get()!;

    await followMenuLink(page, '用户管理');
    expect(await page.locator('table').textContent()).not.toContain('周毅刚');
    await page.getByLabel(/^邮箱/).fill(demoEmail('member'));
    await page.getByLabel(/^机构/).selectOption({ label: '沁源县中医院' });
    await page.getByLabel(/^角色/).selectOption({ label: '协调员（党办）' });
    await page.getByRole('button', { name: '授予角色' }).click();
    await page.getByText('已添加成员并发送通知邮件。').waitFor();
    expect(site.db.select().from(memberships).where(eq(memberships.institutionId, hospital.id)).all().map((m) => m.role)).toEqual(['coordinator']);
    await expectAccessible(page);

    await followMenuLink(page, '贫困户');
    const register = await page.locator('main').textContent();
    expect(register).toContain('阴永龙');
    expect(register).not.toContain('孙广森');
    const sun = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
    expect((await page.goto(`${site.url}/households/${sun}`))!.status()).toBe(403);
  });

  it('has a clinic held at an address placed in the township chosen for it', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/new`);
    await page.getByLabel(/^标题/).fill('赤石桥乡卫生院门前义诊');
    await page.getByLabel(/^日期/).fill('2099-10-17');
    await page.getByLabel(/^地址/).fill('赤石桥乡卫生院门前');
    await page.getByLabel(/^所在乡镇/).selectOption({ label: '沁源县 赤石桥乡' });
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '赤石桥乡卫生院门前义诊' }).waitFor();
    expect(await page.locator('dl').first().textContent()).toContain('赤石桥乡卫生院门前（赤石桥乡）');
    const event = site.db.select().from(events).where(eq(events.title, '赤石桥乡卫生院门前义诊')).get()!;
    expect(event.townshipId).not.toBeNull();
    expect(event.villageId).toBeNull();
  });
});
