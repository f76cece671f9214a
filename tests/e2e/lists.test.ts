// On a phone, a coordinator finds last year's visit in the events list by a word of its title and its time,
// shares the address the list now has, pages through nothing lost, and downloads what the list shows.
import { readFileSync } from 'node:fs';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, expectFits, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('lists that find things', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true } });

  it('finds a past event by a word and its time, keeps the query in the address, and downloads it', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await followMenuLink(page, '活动');
    await page.getByRole('heading', { name: '活动', level: 1 }).waitFor();
    // Coming events first: last year's visit is not among them.
    expect(await page.getByRole('link', { name: '刘家屯村入户走访慰问' }).count()).toBe(0);

    await page.getByRole('searchbox', { name: '查找活动（标题或举办单位）' }).fill('刘家屯');
    await page.locator('summary', { hasText: '更多筛选条件' }).tap();
    await page.getByLabel('时间').selectOption('past');
    await page.getByRole('button', { name: '筛选' }).tap();
    await page.getByRole('link', { name: '刘家屯村入户走访慰问' }).waitFor();
    const asked = new URL(page.url()).searchParams;
    expect([asked.get('q'), asked.get('when')]).toEqual(['刘家屯', 'past']);
    expect(await page.getByText('共 1 条').count()).toBe(1);
    await expectAccessible(page);

    // The address opens the same list for whoever it is shared with; the filters stay as chosen.
    await page.goto(page.url());
    expect(await page.getByRole('searchbox', { name: '查找活动（标题或举办单位）' }).inputValue()).toBe('刘家屯');
    expect(await page.getByLabel('时间').inputValue()).toBe('past');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel（XLSX）' }).tap()]);
    expect(download.suggestedFilename()).toMatch(/^活动_截至\d{4}-\d\d-\d\d\.xlsx$/);
    const [sheet] = await readExcelFile(readFileSync((await download.path())!));
    expect(sheet.data.map((row) => row[0])).toEqual(['标题', '刘家屯村入户走访慰问']);
    await expectFits(page, 360);
  });
});
