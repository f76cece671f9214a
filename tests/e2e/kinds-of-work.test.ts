// Jianxi (seed 003) trained 400 staff on 2–3 August: entered as a training, marked done with its trainees and
// hours, it is counted as training in the dashboard and the press line, and never as people seen at a clinic.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

describe('kinds of work journey', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } });

  it('a training is marked done with its trainees and hours, and the tallies count it as training', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/new`);
    await page.locator('#field-kind').selectOption('training');
    await page.getByLabel(/^标题/).fill('基层医务人员培训');
    await page.getByLabel(/^日期/).fill('2019-08-02');
    await page.getByLabel(/^开始时间/).fill('08:30');
    await page.getByLabel(/^结束时间/).fill('17:30');
    await page.getByLabel(/^地址/).fill('区卫健委会议室');
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '基层医务人员培训' }).waitFor();
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.getByText('活动已发布，志愿者现在可以报名。').waitFor();

    // The training asks for its trainees and hours, not a head count; a bad number is refused beside its field.
    expect(await page.getByLabel('义诊人数').count()).toBe(0);
    await page.getByLabel('培训人数（人次）').fill('四百');
    await page.getByLabel('培训学时（小时）').fill('16');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.locator('#field-trainees-error').waitFor();
    expect(await page.inputValue('#field-trainingHours')).toBe('16');
    await page.getByLabel('培训人数（人次）').fill('400');
    await page.getByRole('button', { name: '标记为已结束' }).click();
    await page.getByText('活动已结束。').waitFor();
    const details = (await page.locator('dl').first().textContent())!;
    expect(details).toContain('培训人数（人次）400');
    expect(details).toContain('培训学时（小时）16');

    await page.goto(`${site.url}/tallies?from=2019-08-01&to=2019-08-31`);
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('开展培训1场，培训400人次');
    expect(main).not.toContain('义诊人数400');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
