// A coordinator imports households from a GBK file, reads a household's file, reveals an ID number, and
// adds a household by hand; then checks the pairing list for what is due a visit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

const FIXTURE = new URL('../fixtures/households-gbk.csv', import.meta.url).pathname;

describe('household register journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 }, acceptDownloads: true } });

  it('imports a GBK file, keeping only the valid rows, with a report of the others', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '导入' }).click();
    await page.getByLabel('导入内容').selectOption('households');
    await page.getByLabel('CSV 文件').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByRole('heading', { name: '预览与导入' }).waitFor();
    expect(await page.textContent('main')).toContain('编码 GB18030，共 6 行数据');
    // The file is checked at once, beside everyone else's work; the page reloads itself until it is done.
    await page.getByText('3 行可以导入（其中 0 行已存在，将保持不变），3 行有问题', { exact: false }).waitFor();
    expect(await page.textContent('main')).toContain('身份证号无效');
    expect(await page.inputValue('#col-idNumber')).toBe('5');
    await expectAccessible(page);

    await page.getByLabel('只导入正确的行', { exact: false }).check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('导入完成：新增 3 条，0 条已存在保持不变，3 行未导入。').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载未导入的行（CSV）' }).click()]);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report.charCodeAt(0)).toBe(0xfeff);
    expect(report).toContain('行号,原因,县');
    expect(report).toMatch(/\n5,户主身份证号：身份证号无效/);
    expect(report).toContain("户主：请填写此项。联系电话：");
    await page.screenshot({ path: 'test-results/import-applied.png', fullPage: true });

    // The two imported households with coordinates are on the map, due a visit like their village.
    await page.getByRole('navigation').getByRole('link', { name: '地图' }).click();
    await page.locator('yizhen-map[data-ready="true"]').waitFor();
    await page.getByLabel('类型').selectOption('household');
    await page.waitForFunction(() => document.querySelector('yizhen-map')?.getAttribute('data-shown') === '2');
    await page.getByLabel('状态').selectOption('overdue');
    await page.waitForFunction(() => document.querySelector('yizhen-map')?.getAttribute('data-shown') === '2');
  });

  it('opens an imported household, reveals the ID number on request, and adds a member', async () => {
    const { page } = journey;
    await page.getByRole('navigation').getByRole('link', { name: '贫困户' }).click();
    await page.getByRole('link', { name: '赵德福' }).click();
    await page.getByRole('heading', { name: '赵德福' }).waitFor();
    expect(await page.textContent('main')).toContain('2201**********003X');
    expect(await page.textContent('main')).not.toContain('22012219700101003X');
    await page.getByRole('button', { name: '显示完整身份证号' }).click();
    await page.getByText('完整身份证号（本次查看已记录）：22012219700101003X').waitFor();

    await page.getByLabel(/^姓名/).fill('赵小军');
    await page.getByLabel(/^与户主关系/).fill('子');
    await page.getByLabel(/^出生年份/).fill('3000');
    await page.getByRole('button', { name: '添加家庭成员' }).click();
    expect(await page.locator('#field-birthYear-error').textContent()).toBe('请输入 1900 到 2030 之间的数。');
    expect(await page.inputValue('#field-name')).toBe('赵小军');
    await page.getByLabel(/^出生年份/).fill('2005');
    await page.getByRole('button', { name: '添加家庭成员' }).click();
    await page.locator('ul.members li', { hasText: '赵小军' }).waitFor();
    await expectAccessible(page);
  });

  it('adds a household by hand, refusing a wrong ID number beside its field', async () => {
    const { site, page } = journey;
    await page.goto(`${site.url}/households/new`);
    await page.getByLabel(/^户主\*?$/).fill('周艳');
    await page.getByLabel(/^户主身份证号/).fill('220122198001011247');
    await page.getByLabel(/^致贫原因/).selectOption('illness');
    await page.getByRole('button', { name: '新增贫困户' }).click();
    expect(await page.locator('#field-idNumber-error').textContent()).toBe('身份证号无效：请检查位数、出生日期和最后一位校验码。');
    expect(await page.inputValue('#field-headName')).toBe('周艳');
    await page.getByLabel(/^户主身份证号/).fill('220122198001011248');
    await page.getByRole('button', { name: '新增贫困户' }).click();
    await page.getByRole('heading', { name: '周艳' }).waitFor();
    expect(await page.textContent('main')).toContain('2201**********1248');
  });

  it('shows the institution what is due a visit and takes one off the list', async () => {
    const { page } = journey;
    await page.getByRole('navigation').getByRole('link', { name: '包保' }).click();
    await page.getByRole('heading', { name: '包保关系', level: 1 }).waitFor();
    const overdue = page.locator('ul.overdue li');
    const before = await overdue.count();
    expect(before).toBeGreaterThan(0);
    expect(await overdue.first().textContent()).toContain('刘家屯村');
    await overdue.first().getByRole('button', { name: /记为今天已走访/ }).click();
    await page.getByText('已保存。').waitFor();
    expect(await page.locator('ul.overdue li').count()).toBe(before - 1);
    await expectAccessible(page);
  });
});
