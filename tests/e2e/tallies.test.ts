// The publicity office's journey: it logs in, opens the tallies, narrows them to one county, reads the press
// summary, downloads the Excel file and publishes the tally; a screenshot of the dashboard is kept as a test
// artifact.
import { mkdirSync, readFileSync } from 'node:fs';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('publicity tallies journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1280, height: 900 }, acceptDownloads: true } });

  it('filters to one county, reads the press summary and downloads the workbook', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('publicity'), DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '统计' }).click();
    await page.getByRole('heading', { name: '统计', level: 1 }).waitFor();

    // A malformed range is refused beside its field.
    await page.getByLabel('开始日期').fill('2019-10-20');
    await page.getByLabel('结束日期').fill('2019-10-01');
    await page.getByRole('button', { name: '统计', exact: true }).click();
    expect(await page.locator('#field-to-error').textContent()).toBe('结束日期不能早于开始日期。');

    await page.getByLabel('开始日期').fill('');
    await page.getByLabel('结束日期').fill('');
    await page.getByLabel('地区').selectOption({ label: '农安县（长春市）' });
    await page.getByRole('button', { name: '统计', exact: true }).click();
    await page.waitForURL(/area=\d+/);
    const summary = page.locator('blockquote.press[lang="zh-CN"]');
    expect(await summary.textContent()).toBe('全县（区）共出动救护车1辆，1家医疗机构，走访贫困户1户，发放药品750元，赠送棉衣棉被7件。');
    expect(await page.locator('blockquote.press[lang="en"]').textContent()).toContain('Across 农安县: 1 ambulance trip');
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
    expect(download.suggestedFilename()).toBe('yizhen-tallies.xlsx');
    const sheets = await readExcelFile(readFileSync((await download.path())!));
    expect(sheets[0].sheet).toBe('各项数字');
    expect(sheets[0].data).toContainEqual(['出动救护车（辆次）', 1, '1', null]);
    expect(sheets.find((sheet) => sheet.sheet === '已统计的活动')!.data[1]).toEqual(['2019-10-15', '刘家屯村入户走访慰问', '长春市中心医院', '刘家屯村', null, 1, 750]);

    // Published with the press release: frozen, with nothing changed since.
    await page.getByLabel(/^标题/).fill('农安县扶贫日新闻通稿');
    await page.locator('summary', { hasText: '发布并冻结本次统计' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByRole('heading', { name: '农安县扶贫日新闻通稿', level: 1 }).waitFor();
    expect(await page.textContent('main')).toContain('发布后没有新的记录，数字没有变化。');
    expect(await page.locator('blockquote.press[lang="zh-CN"]').textContent()).toContain('共出动救护车1辆');
    await expectAccessible(page);
  });
});
