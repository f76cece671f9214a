// A coordinator imports households from a GBK file (and is refused a file entering three people twice), reads a
// household's file, reveals an ID number, and adds a household by hand; then checks the pairing list for what is
// due a visit.
import { readFileSync } from 'node:fs';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { households } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { idNumberCheckCharacter } from '../../src/lib/households/id-number.ts';
import { expectAccessible, followMenuLink, login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

const FIXTURE = new URL('../fixtures/households-gbk.csv', import.meta.url).pathname;

describe('household register journey', () => {
  const journey = useJourney({ page: { viewport: { width: 1024, height: 900 }, acceptDownloads: true } });

  it('imports a GBK file, keeping only the valid rows, with a report of the others', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await followMenuLink(page, '导入');
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
    await followMenuLink(page, '地图');
    await page.locator('yizhen-map[data-ready="true"]').waitFor();
    await page.getByLabel('类型').selectOption('household');
    await page.waitForFunction(() => document.querySelector('yizhen-map')?.getAttribute('data-shown') === '2');
    await page.getByLabel('状态').selectOption('overdue');
    await page.waitForFunction(() => document.querySelector('yizhen-map')?.getAttribute('data-shown') === '2');
  });

  it('refuses a file in which three people are each entered twice, on exactly those lines, all or nothing and row by row', async () => {
    const { site, page } = journey;
    // Seven heads of household; the fifth, sixth and seventh rows reuse the ID numbers of the first three.
    const id = (serial: string) => `220122${serial}` + idNumberCheckCharacter(`220122${serial}`);
    const [a, b, c, d] = ['19600101002', '19610202003', '19620303004', '19630404005'].map(id);
    const rows = [['李长山', a], ['李秀英', b], ['王福', c], ['李长海', a], ['周桂芝', b], ['王禄', c], ['吴有田', d]];
    const csv = ['县,乡镇,村,户主姓名,身份证号,致贫原因', ...rows.map(([name, number]) => `农安县,高家店镇,刘家屯村,${name},${number},因病致贫`)].join('\n');
    await page.goto(`${site.url}/imports/new`);
    await page.getByLabel('导入内容').selectOption('households');
    await page.getByLabel('CSV 文件').setInputFiles({ name: '重复身份证.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('1 行可以导入（其中 0 行已存在，将保持不变），6 行有问题', { exact: false }).waitFor();
    const refused = await page.locator('section', { hasText: '有问题的行' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(refused.map(([line]) => line)).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(refused.map(([, reason]) => /与本文件第 (\d) 行重复/.exec(reason!)?.[1])).toEqual(['5', '6', '7', '2', '3', '4']);

    // All or nothing: nothing. Row by row: only 吴有田.
    await page.getByLabel('全部正确才导入', { exact: false }).check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('有 6 行有问题，按“全部正确才导入”的要求，本次没有导入任何数据。').waitFor();
    const imported = () => site.db.select({ name: households.headName }).from(households).where(inArray(households.headName, rows.map(([name]) => name))).all().map((h) => h.name);
    expect(imported()).toEqual([]);
    await page.getByLabel('只导入正确的行', { exact: false }).check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('导入完成：新增 1 条，0 条已存在保持不变，6 行未导入。').waitFor();
    expect(imported()).toEqual(['吴有田']);
  });

  it('opens an imported household, reveals the ID number on request, and adds a member', async () => {
    const { page } = journey;
    await followMenuLink(page, '贫困户');
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
    await followMenuLink(page, '包保');
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
