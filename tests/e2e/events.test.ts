// A coordinator creates a free clinic with two roles and publishes it; a volunteer signs up on a phone.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, expectFits, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('free clinic journey', () => {
  // The coordinator's event journey on a phone, as the volunteers' below.
  const journey = useJourney({ page: { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true } });
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
    // The page leads the work in its order: roles first, then publishing, then the roster until the day.
    expect(await page.locator('.next-step').textContent()).toBe('下一步：添加岗位和班次');
    expect(await page.getByRole('button', { name: '标记为已结束' }).count()).toBe(0);

    for (const [kind, specialty, capacity] of [['doctor', '心内科', '2'], ['volunteer', '', '1']]) {
      await page.locator('#field-kind').selectOption(kind);
      await page.locator('#field-specialty').fill(specialty);
      await page.locator('#field-capacity').fill(capacity);
      await page.getByRole('button', { name: '添加岗位' }).click();
      await page.getByText('已保存。').waitFor();
    }
    expect(await page.locator('.next-step').textContent()).toBe('下一步：核对后发布活动，志愿者才能报名。');
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByText('活动已发布，志愿者现在可以报名。').waitFor();
    expect(await page.locator('ul.shifts li').count()).toBe(2);
    // Years before the day, the roster is next and marking it done is not offered.
    expect(await page.locator('.next-step').textContent()).toBe('下一步：查看报名名单');
    expect(await page.getByRole('button', { name: '标记为已结束' }).count()).toBe(0);
    await expectAccessible(page);

    // Next year's clinic starts from this one.
    await page.locator('form', { has: page.getByRole('button', { name: '复制为新活动' }) }).locator('#field-date').fill('2031-10-17');
    await page.locator('#copy-title').fill('2031年全国扶贫日大型义诊');
    await page.getByRole('button', { name: '复制为新活动' }).click();
    await page.getByRole('heading', { name: '2031年全国扶贫日大型义诊' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(eventPath);
    expect(await page.textContent('main')).toContain('2031年10月17日 09:00–12:00');
    expect(await page.textContent('main')).toContain('草稿');
    expect(await page.locator('ul.shifts li').count()).toBe(2);
  });

  it('a volunteer finds it among the clinics on a phone and signs up, and the next one joins the waiting list', async () => {
    const { site, browser } = journey;
    for (const [email, expected, shown] of [['member@yizhen.demo', '报名成功', '已报名 ✓'], ['qinyuan@yizhen.demo', '名额已满，您已进入候补名单', '候补第 1 位']]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        await login(page, site.url, email, DEMO_PASSWORD);
        await followMenuLink(page, '近期义诊');
        await page.getByRole('link', { name: '全国扶贫日大型义诊' }).click();
        await page.getByRole('heading', { name: '全国扶贫日大型义诊' }).waitFor();
        const volunteerShift = page.locator('.role', { hasText: '志愿者' }).locator('ul.shifts li');
        await volunteerShift.getByRole('button').click();
        await page.getByText(expected).waitFor();
        // The shift now says so, in place of a button that would only refuse a second sign-up.
        expect(await volunteerShift.locator('.badge').textContent()).toBe(shown);
        expect(await volunteerShift.getByRole('button', { name: /^(报名|加入候补)$/ }).count()).toBe(0);
        await page.reload();
        expect(await volunteerShift.locator('.badge').textContent()).toBe(shown);
        await expectFits(page, 360);
        await page.goto(`${site.url}/signups`);
        expect(await page.textContent('table')).toContain('全国扶贫日大型义诊');
        expect(await page.textContent('table')).toContain('2030年10月17日 09:00–12:00');
        await expectAccessible(page);
      } finally {
        await context.close();
      }
    }
  });

  it('the waiting volunteer cancels from the event, only after confirming, and scanning early says when check-in opens', async () => {
    const { site, browser } = journey;
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await login(page, site.url, 'qinyuan@yizhen.demo', DEMO_PASSWORD);
      await page.goto(site.url + eventPath);
      const volunteerShift = page.locator('.role', { hasText: '志愿者' }).locator('ul.shifts li');
      await volunteerShift.locator('summary', { hasText: '取消报名' }).click();
      await volunteerShift.getByRole('button', { name: /^确认取消报名/ }).click();
      await page.getByText('已取消报名。').waitFor();
      expect(await volunteerShift.getByRole('button', { name: '加入候补' }).count()).toBe(1);

      // The member's place is confirmed; the poster's code, scanned years early, names the event, the shift and when.
      const { events } = await import('../../db/schema.ts');
      const { eq } = await import('drizzle-orm');
      const event = site.db.select().from(events).where(eq(events.title, '全国扶贫日大型义诊')).get()!;
      await page.context().clearCookies();
      await login(page, site.url, 'member@yizhen.demo', DEMO_PASSWORD);
      await page.goto(`${site.url}/events/${event.id}/check-in?code=${event.checkinCode}`);
      expect(await page.textContent('main')).toContain('全国扶贫日大型义诊');
      expect(await page.textContent('main')).toContain('志愿者 · 2030年10月17日 09:00–12:00');
      await page.getByText('10月17日 07:00 起可签到。').waitFor();
      expect(await page.getByRole('button', { name: '签到' }).count()).toBe(0);
      await expectFits(page, 360);
      await expectAccessible(page);
      // A code that is not the event's says so, and offers nothing to tap.
      await page.goto(`${site.url}/events/${event.id}/check-in?code=guessed-code`);
      await page.getByText('签到码无效。请扫描活动现场张贴的二维码。').waitFor();
      expect(await page.getByRole('button', { name: '签到' }).count()).toBe(0);
      expect(await page.textContent('main')).not.toContain('全国扶贫日大型义诊');
    } finally {
      await context.close();
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
      expect(await volunteer.textContent('main')).toContain('今日义诊');
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
