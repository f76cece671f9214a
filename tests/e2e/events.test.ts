// A coordinator creates a free clinic with two roles and publishes it; a volunteer signs up on a phone.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('free clinic journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });
  let eventPath = '';

  it('a coordinator creates a free clinic with two roles and publishes it', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await followMenuLink(page, '活动');
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

    // Next year's clinic starts from this one.
    await page.locator('form', { has: page.getByRole('button', { name: '复制为新活动' }) }).locator('#field-date').fill('2031-10-17');
    await page.locator('#copy-title').fill('2031年全国扶贫日大型义诊');
    await page.getByRole('button', { name: '复制为新活动' }).click();
    await page.getByRole('heading', { name: '2031年全国扶贫日大型义诊' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(eventPath);
    expect(await page.textContent('main')).toContain('2031-10-17');
    expect(await page.textContent('main')).toContain('草稿');
    expect(await page.locator('ul.shifts li').count()).toBe(2);
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

describe('check-in journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 }, acceptDownloads: true } });

  it('a volunteer checks in by the QR link, and the coordinator sees it on the roster and exports it', async () => {
    const { site, page, browser } = journey;
    // A clinic running all day today, so that check-in is open whenever the test runs.
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/new`);
    await page.getByLabel(/^标题/).fill('今日义诊');
    await page.getByLabel(/^日期/).fill(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await page.getByLabel(/^开始时间/).fill('00:00');
    await page.getByLabel(/^结束时间/).fill('23:59');
    await page.getByLabel(/^地址/).fill('东道村小广场');
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '今日义诊' }).waitFor();
    const eventUrl = page.url();
    await page.locator('#field-capacity').fill('3');
    await page.getByRole('button', { name: '添加岗位' }).click();
    await page.getByText('已保存。').waitFor();
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByText('活动已发布').waitFor();

    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    try {
      const volunteer = await phone.newPage();
      await login(volunteer, site.url, demoEmail('member'), DEMO_PASSWORD);
      await volunteer.goto(eventUrl);
      await volunteer.locator('ul.shifts li').getByRole('button', { name: '报名' }).click();
      await volunteer.getByText('报名成功').waitFor();

      await page.getByRole('link', { name: '签到表' }).click();
      await page.getByRole('heading', { name: '签到表' }).waitFor();
      expect(await page.locator('.qr svg').count()).toBe(1);
      const link = await page.locator('[data-checkin-link]').getAttribute('href');
      await expectAccessible(page);

      await volunteer.goto(link!);
      await volunteer.getByRole('button', { name: '签到' }).click();
      await volunteer.getByText(/签到成功：今日义诊/).waitFor();
      await expectAccessible(volunteer);
    } finally {
      await phone.close();
    }

    await page.reload();
    const row = page.locator('tbody tr', { hasText: '胡少红' });
    expect(await row.locator('td').nth(4).textContent()).toMatch(/^\d\d:\d\d$/);
    await row.getByRole('button', { name: /签退/ }).click();
    await page.getByText('已保存。').waitFor();
    expect(await page.locator('tbody tr', { hasText: '胡少红' }).locator('td').nth(5).textContent()).toMatch(/^\d\d:\d\d$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载签到表（CSV）' }).click()]);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('姓名,邮箱,岗位');
    expect(csv).toContain('胡少红,member@yizhen.demo,志愿者');
  });
});
