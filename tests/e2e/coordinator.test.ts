// A coordinator works with their own institution on a phone, and is refused another institution's pages.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, expectFits, followMenuLink, login, openMenuFor, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION } from '../setup/demo.ts';

describe('coordinator journey', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true } });

  it('logs in and manages the own institution’s members', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.getByRole('heading', { name: '欢迎，周毅刚' }).waitFor();
    await page.getByRole('link', { name: OWN_INSTITUTION }).first().click();
    await page.getByRole('heading', { name: OWN_INSTITUTION }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: '成员' }).click();
    await page.getByRole('heading', { name: '成员', exact: true, level: 1 }).waitFor();
    expect(await page.textContent('table')).toContain('member@yizhen.demo');
    await page.getByLabel('邮箱').fill('qinyuan@yizhen.demo');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('已添加成员并发送通知邮件。').waitFor();
    expect(await page.textContent('table')).toContain('qinyuan@yizhen.demo');
    await expectAccessible(page);
    // The page fits a 360-px phone: nothing forces the page itself to scroll sideways.
    await expectFits(page, 360);
    await page.screenshot({ path: 'test-results/coordinator-members-phone.png', fullPage: true });
  });

  it('lets a person in two institutions switch between them from the header', async () => {
    const { site, browser } = journey;
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    try {
      const other = await context.newPage();
      await login(other, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
      // On a phone the switcher is in the menu, with the other links.
      await other.getByText('菜单', { exact: true }).click();
      await other.getByLabel('当前机构').selectOption({ label: OWN_INSTITUTION });
      await other.getByRole('button', { name: '切换' }).click();
      await other.getByRole('heading', { name: OWN_INSTITUTION }).waitFor();
      await followMenuLink(other, '本机构');
      await other.getByRole('heading', { name: OWN_INSTITUTION }).waitFor();
      // As a plain member there, the members list stays closed.
      expect(await other.getByRole('link', { name: '成员', exact: true }).count()).toBe(0);
      await expectAccessible(other);
    } finally {
      await context.close();
    }
  });

  it('cannot open another institution’s pages', async () => {
    const { site, page } = journey;
    const other = institutionId(site.db, OTHER_INSTITUTION);
    for (const path of [`/institutions/${other}`, `/institutions/${other}/members`, '/admin/users']) {
      const response = await page.goto(site.url + path);
      expect(response?.status(), path).toBe(403);
      await page.getByRole('heading', { name: '无权访问' }).waitFor();
      expect(await page.textContent('main')).not.toContain(OTHER_INSTITUTION);
    }
    await expectAccessible(page);
  });
});

describe('administrator pages', () => {
  const journey = useJourney();

  it('are reachable from the navigation and accessible, in both languages', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('admin'), DEMO_PASSWORD);
    // The mail log is the system operator's, not a bureau's.
    await openMenuFor(page, '包保申请');
    expect(await page.getByRole('navigation').getByRole('link', { name: '邮件记录' }).count()).toBe(0);
    expect(await page.getByRole('navigation').getByRole('link', { name: '包保申请' }).count()).toBe(1);
    for (const name of ['机构管理', '用户管理', '操作日志']) {
      await followMenuLink(page, name);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.textContent('h1')).toBe(name);
      await expectAccessible(page);
    }
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await expectAccessible(page);
  });
});
