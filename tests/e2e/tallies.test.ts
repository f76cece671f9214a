// The publicity office's journey: it logs in, opens the tallies, narrows them to one county, reads the press
// summary, downloads the Excel file and publishes the tally; a screenshot of the dashboard is kept as a test
// artifact. And Qinyuan's money of 2020 (seed 004), entered on the form, read on the dashboard and through the API.
import { mkdirSync, readFileSync } from 'node:fs';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { areas, donations } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { villageChoices } from '../../src/lib/places/places.server.ts';
import { beijingDate } from '../../src/lib/time/beijing.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OTHER_INSTITUTION } from '../setup/demo.ts';

describe('publicity tallies journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1280, height: 900 }, acceptDownloads: true } });

  it('filters to one county, reads the press summary and downloads the workbook', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('publicity'), DEMO_PASSWORD);
    await followMenuLink(page, '统计');
    await page.getByRole('heading', { name: '统计', level: 1 }).waitFor();

    // A malformed range is refused beside its field.
    await page.getByLabel('开始日期').fill('2019-10-20');
    await page.getByLabel('结束日期').fill('2019-10-01');
    await page.getByRole('button', { name: '统计', exact: true }).click();
    expect(await page.locator('#field-to-error').textContent()).toBe('结束日期不能早于开始日期。');

    await page.getByLabel('开始日期').fill('');
    await page.getByLabel('结束日期').fill('');
    // The county is offered as its name is typed, and its id is what the form sends.
    await page.getByLabel('地区').fill('农安');
    await page.locator('#field-area-choices option[value="农安县（长春市）"]').waitFor({ state: 'attached' });
    await page.getByLabel('地区').fill('农安县（长春市）');
    await page.getByRole('button', { name: '统计', exact: true }).click();
    await page.waitForURL(/area=\d+/);
    expect(await page.getByLabel('地区').inputValue()).toBe('农安县（长春市）');
    const summary = page.locator('blockquote.press[lang="zh-CN"]');
    expect(await summary.textContent()).toBe('全县共出动救护车1辆，1家医疗机构参与，走访贫困户1户，发放药品750元，赠送棉衣棉被7件。');
    expect(await page.locator('blockquote.press[lang="en"]').textContent()).toContain("Across Nong'an County (农安县): 1 ambulance trip");
    // Headline tiles first; the figures' table leaves the press column empty where the press writes the number
    // itself, and holds no row about the records rather than the work.
    expect(await page.locator('ul.tiles .tile-label').first().textContent()).toBe('已完成活动');
    const figuresTable = page.locator('section', { has: page.getByRole('heading', { name: '各项数字' }) }).locator('table');
    expect(await figuresTable.locator('tr', { hasText: '出动救护车（辆次）' }).locator('td').allTextContents()).toEqual(['出动救护车（辆次）', '1', '']);
    expect(await figuresTable.locator('tr', { hasText: '未登记人数的活动' }).count()).toBe(0);
    // The map shows the county's one event.
    await page.locator('yizhen-map[data-ready="true"]').waitFor();
    expect(await page.locator('yizhen-map').getAttribute('data-shown')).toBe('1');
    // The breakdown by institution drills down to the hospital's own figures.
    await page.locator('table', { hasText: '已完成活动' }).getByRole('link', { name: '长春市中心医院' }).click();
    await page.waitForURL(/institution=\d+/);
    expect(await page.textContent('main')).toContain('刘家屯村入户走访慰问');
    // Nothing names a household or a person to the publicity office.
    expect(await page.textContent('main')).not.toContain('孙广森');
    await expectAccessible(page);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/tallies-dashboard.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel（XLSX）' }).click()]);
    // Named by what it holds: the county and the hospital drilled down to, everything until today.
    expect(download.suggestedFilename()).toBe(`义诊统计_农安县_长春市中心医院_截至${beijingDate(Date.now())}.xlsx`);
    const sheets = await readExcelFile(readFileSync((await download.path())!));
    expect(sheets[0].sheet).toBe('各项数字');
    expect(sheets[0].data).toContainEqual(['出动救护车（辆次）', 1, '1', null]);
    expect(sheets.find((sheet) => sheet.sheet === '已统计的活动')!.data[1]).toEqual([new Date(Date.UTC(2019, 9, 15)), '刘家屯村入户走访慰问', '长春市中心医院', '刘家屯村', null, 1, 750]);

    // Published with the press release: frozen, with nothing changed since.
    await page.getByLabel(/^标题/).fill('农安县扶贫日新闻通稿');
    await page.locator('summary', { hasText: '发布并冻结本次统计' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByRole('heading', { name: '农安县扶贫日新闻通稿', level: 1 }).waitFor();
    expect(await page.textContent('main')).toContain('发布后没有新的记录，数字没有变化。');
    expect(await page.locator('blockquote.press[lang="zh-CN"]').textContent()).toContain('共出动救护车1辆');
    await expectAccessible(page);
  });

  it("沁源县人民医院's 2020 money, entered on its form, reads ¥6,200 慰问金, ¥20,000 帮扶资金 and ¥10,150 of goods on the dashboard, in the API and the press line", async () => {
    const { site, page } = journey;
    const db = site.db;
    const hospital = institutionId(db, OTHER_INSTITUTION);
    // A site without the demo's record of it: the coordinator enters the report's sums (seed 004) through the form.
    db.delete(donations).where(eq(donations.institutionId, hospital)).run();
    const village = (name: string) => villageChoices(db).find((v) => v.label.endsWith(` ${name}`))!.label;
    const gifts = [
      { kind: 'cash', date: '2020-07-01', amount: '600', recipientKind: 'group', recipientName: '贫困老党员', groupSize: '3', village: village('红沙崖村'), purpose: '七一慰问', approvedBy: '院党委' },
      { kind: 'cash', date: '2020-07-01', amount: '600', recipientKind: 'group', recipientName: '贫困老党员', groupSize: '3', village: village('刘家沟村'), purpose: '七一慰问', approvedBy: '院党委' },
      { kind: 'cash', date: '2020-08-12', amount: '5000', recipientKind: 'household', household: '刘家沟村 阴永龙', purpose: '解决看病生活问题', approvedBy: '院党委' },
      { kind: 'cash', date: '2020-09-20', amount: '20000', recipientKind: 'village', village: village('红沙崖村'), purpose: '村级组织活动场所工程结算缺口资金', approvedBy: '院党委' },
      { kind: 'in_kind', date: '2020-03-15', amount: '1500', description: '护林防火用品', recipientKind: 'village', village: village('红沙崖村') },
      { kind: 'in_kind', date: '2020-03-15', amount: '1500', description: '护林防火用品', recipientKind: 'village', village: village('刘家沟村') },
      { kind: 'in_kind', date: '2020-05-08', amount: '3000', description: '垃圾桶', recipientKind: 'village', village: village('刘家沟村'), purpose: '配合牡丹节' },
      { kind: 'in_kind', date: '2020-06-18', amount: '4150', description: '会议桌椅', recipientKind: 'village', village: village('红沙崖村') },
    ];
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('otherCoordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${hospital}/donations`);
    for (const gift of gifts) {
      await page.locator('#field-kind').selectOption(gift.kind);
      await page.locator('#field-date').fill(gift.date);
      await page.locator('#field-amount').fill(gift.amount);
      await page.locator('#field-recipientKind').selectOption(gift.recipientKind);
      if (gift.household) await page.locator('#field-householdId').selectOption({ label: gift.household });
      if (gift.village) await page.locator('#field-villageId').selectOption({ label: gift.village });
      for (const field of ['description', 'recipientName', 'groupSize', 'purpose', 'approvedBy'] as const) if (gift[field]) await page.locator(`#field-${field}`).fill(gift[field]);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByText('已登记。').waitFor();
    }

    // The dashboard, for the hospital and for its county (the cash to persons is placed in their villages).
    const county = db.select({ id: areas.id }).from(areas).where(eq(areas.name, '沁源县')).get()!.id;
    const PRESS = '发放慰问金6200元，支持村集体帮扶资金2万元，捐赠物资价值1万余元';
    for (const filter of [`institution=${hospital}`, `area=${county}`]) {
      await page.goto(`${site.url}/tallies?${filter}&from=2020-01-01&to=2020-12-31`);
      const exact = async (words: string) => (await page.locator('tr', { has: page.getByRole('cell', { name: words, exact: true }) }).locator('td').nth(1).textContent())!.trim();
      expect([await exact('慰问金（元）'), await exact('帮扶资金（元）'), await exact('捐赠物资（元）')], filter).toEqual(['6,200', '20,000', '10,150']);
      expect(await page.locator('blockquote.press[lang="zh-CN"]').textContent(), filter).toContain(PRESS);
    }

    // The same through the data interface, with a token the site's operator issues for the county's bureau.
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('operator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/admin/api-tokens`);
    await page.locator('#field-institutionId').selectOption({ label: '沁源县卫生健康局' });
    await page.locator('#field-name').fill('县融媒体中心大屏');
    await page.getByRole('button', { name: '签发令牌' }).click();
    const token = (await page.locator('code.token').textContent())!.trim();
    const answer = await fetch(`${site.url}/api/v1/tallies?institution=${hospital}&from=2020-01-01&to=2020-12-31`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { figures: Record<string, number>; summary: { zh: string } };
    expect([body.figures.cashYuan, body.figures.supportFundsYuan, body.figures.inKindYuan]).toEqual([6200, 20000, 10150]);
    expect(body.summary.zh).toContain(PRESS);
  });
});
