// A bureau runs a campaign: it invites a hospital, the hospital accepts and plans a free clinic in it, and
// the campaign page shows the clinic on its schedule and its map. The hospital's coordinator then assigns a
// member and writes to everyone on the clinic.
import { describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';
import { eq } from 'drizzle-orm';

describe('campaign journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 } } });
  let campaignPath = '';

  it('the bureau creates a campaign and invites a hospital', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('bureau'), DEMO_PASSWORD);
    await followMenuLink(page, '专项活动');
    await page.getByRole('link', { name: '新建专项活动' }).click();
    await page.getByLabel(/^名称/).fill('2030年全国扶贫日');
    await page.getByLabel(/^开始日期/).fill('2030-10-20');
    await page.getByLabel(/^结束日期/).fill('2030-10-10');
    await page.getByRole('button', { name: '新建专项活动' }).click();
    expect(await page.locator('#field-endDate-error').textContent()).toBe('结束日期不能早于开始日期。');
    await page.getByLabel(/^开始日期/).fill('2030-10-10');
    await page.getByLabel(/^结束日期/).fill('2030-10-20');
    await page.getByLabel(/^说明/).fill('各医院到包保村开展义诊和走访慰问。');
    await page.getByRole('button', { name: '新建专项活动' }).click();
    await page.getByRole('heading', { name: '2030年全国扶贫日' }).waitFor();
    campaignPath = new URL(page.url()).pathname;

    await page.getByRole('button', { name: '邀请机构参加' }).click();
    expect(await page.locator('fieldset .error').textContent()).toBe('请至少选择一家机构。');
    await page.getByLabel('长春市中心医院').check();
    await page.getByRole('button', { name: '邀请机构参加' }).click();
    await page.getByText('邀请已发出。').waitFor();
    expect(await page.locator('table').textContent()).toContain('已邀请');
    expect(site.db.select().from(outbox).where(eq(outbox.kind, 'campaign_invitation')).all().map((m) => m.recipient)).toContain('coordinator@yizhen.demo');
    await expectAccessible(page);
  });

  it('the hospital accepts, plans a clinic in the campaign, and sees it on the schedule and the map', async () => {
    const { site, browser } = journey;
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    try {
      const page = await context.newPage();
      await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
      await page.goto(`${site.url}/campaigns`);
      await page.getByRole('button', { name: '接受邀请: 2030年全国扶贫日 · 长春市中心医院' }).click();
      await page.getByText('已答复邀请。').waitFor();
      await page.getByRole('link', { name: '2030年全国扶贫日' }).click();
      await page.getByRole('link', { name: '在此专项活动中新建活动' }).click();
      expect(await page.locator('#field-campaignId option:checked').textContent()).toContain('2030年全国扶贫日');
      expect(await page.inputValue('#field-date')).toBe('2030-10-10');
      await page.getByLabel(/^标题/).fill('刘家屯村义诊');
      await page.getByLabel(/^日期/).fill('2030-11-17');
      await page.locator('#field-villageId').selectOption({ label: '农安县 高家店镇 刘家屯村' });
      await page.getByRole('button', { name: '新建活动' }).click();
      expect(await page.locator('#field-date-error').textContent()).toBe('日期须在专项活动期间（2030年10月10日 至 2030年10月20日）。');
      await page.getByLabel(/^日期/).fill('2030-10-17');
      await page.getByRole('button', { name: '新建活动' }).click();
      await page.getByRole('heading', { name: '刘家屯村义诊' }).waitFor();
      expect(await page.textContent('main')).toContain('2030年全国扶贫日');
      await page.locator('#field-capacity').fill('2');
      await page.getByRole('button', { name: '添加岗位' }).click();
      await page.getByText('已保存。').waitFor();
      await page.getByRole('button', { name: '发布活动' }).click();
      await page.getByText('活动已发布，志愿者现在可以报名。').waitFor();
      const eventPath = new URL(page.url()).pathname;

      await page.goto(site.url + campaignPath);
      expect(await page.locator('ol.timeline').textContent()).toContain('2030年10月17日');
      expect(await page.locator('ol.timeline').textContent()).toContain('刘家屯村义诊');
      const map = page.locator('yizhen-map[data-ready="true"]');
      await map.waitFor();
      expect(await map.getAttribute('data-shown')).toBe('1');
      await expectAccessible(page);

      // On the roster: assign a member by email, then write to everyone with a place.
      await page.goto(`${site.url}${eventPath}/roster`);
      await page.getByLabel(/^人员邮箱/).fill('member@yizhen.demo');
      await page.getByRole('button', { name: '安排', exact: true }).click();
      await page.getByText('已安排，并已邮件通知本人。').waitFor();
      expect(await page.locator('table').textContent()).toContain('胡少红');
      await page.getByLabel(/^标题/).fill('集合时间');
      await page.getByLabel(/^内容/).fill('10月17日早上7点半在医院门口集合，统一乘车。');
      await page.getByRole('button', { name: '发送' }).click();
      await page.getByText('通知已发出（1 人）。').waitFor();
      const sent = site.db.select().from(outbox).where(eq(outbox.kind, 'event_message')).all();
      expect(sent.map((m) => [m.recipient, m.subject])).toEqual([['member@yizhen.demo', '刘家屯村义诊：集合时间']]);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});
