// On a phone: a coordinator opens a household that is overdue for its visit, writes the visit up (the form
// survives a reload and a dropped connection as a draft), records a blood pressure, a concern, a follow-up
// and an iPhone photo, marks the follow-up done later, and prints the household's handbook page to PDF.
import { mkdirSync, writeFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { households, pairings, staff, users } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { pairingSchema } from '../../src/lib/pairings/pairings.ts';
import { createPairing } from '../../src/lib/pairings/pairings.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { expectAccessible, login, useJourney } from '../setup/browser.ts';
import { demoEmail, institutionId, OWN_INSTITUTION } from '../setup/demo.ts';

const HEIC = new URL('../fixtures/visit-photo.heic', import.meta.url).pathname;

/** The text Chromium's PDF carries, page by page, as a reader's copy-and-paste would get it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text;
}

describe('household visit journey', () => {
  const journey = useJourney({ page: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });

  it('records a visit from the overdue list, with a reading, a concern, a follow-up and a photo, keeping a draft on the way', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    // 林江 becomes a household the hospital is responsible for itself (包保户), due a visit every month: assigned
    // by the administrator.
    const admin = loadActor(site.db, site.db.select().from(users).where(eq(users.email, demoEmail('admin'))).get()!.id);
    const household = site.db.select().from(households).where(eq(households.headName, '林江')).get()!;
    createPairing(site.db, { actor: admin, input: pairingSchema.parse({ institutionId: String(own), targetRef: `household:${household.id}`, startDate: '2019-01-01', responsibleName: '周丽华', obligation: 'monthly' }) });

    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/institutions/${own}/pairings`);
    const overdue = page.locator('ul.overdue li', { hasText: '林江' });
    await overdue.getByRole('link', { name: '刘家屯村 林江', exact: true }).click();
    await page.getByRole('heading', { name: '林江', level: 1 }).waitFor();
    expect(await page.textContent('main')).toContain('还没有走访记录。');
    await page.getByRole('link', { name: '记录走访' }).click();
    await page.getByRole('heading', { name: '记录走访' }).waitFor();
    await expectAccessible(page);

    // Typed, saved as a draft, and still there after a reload.
    await page.getByLabel('周丽华').check();
    await page.getByLabel('陈静').check();
    await page.locator('[id="field-readings.head.systolic"]').fill('152');
    await page.locator('[id="field-readings.head.diastolic"]').fill('96');
    await page.getByText(/^草稿已保存/).waitFor();
    await page.reload();
    await page.getByText(/^已恢复 .* 保存的草稿。$/).waitFor();
    expect(await page.locator('[id="field-readings.head.systolic"]').inputValue()).toBe('152');
    expect(await page.getByLabel('陈静').isChecked()).toBe(true);

    // The connection drops in the village: the draft is kept on the phone and put back when the page opens again.
    await page.context().setOffline(true);
    await page.getByLabel('反映的困难和诉求').fill('冬季取暖用煤不足');
    await page.getByText(/^暂时无法连接服务器，草稿已保存在本机/).waitFor();
    await page.context().setOffline(false);
    await page.reload();
    expect(await page.getByLabel('反映的困难和诉求').inputValue()).toBe('冬季取暖用煤不足');

    // A blood sugar read off a meter set to mg/dL is explained beside its box; nothing typed is lost.
    await page.locator('[id="field-readings.head.glucose"]').fill('126');
    // The check's findings are buttons to tap; the note asked for appears with 有隐患.
    const housing = page.getByRole('group', { name: '住房安全有保障' });
    expect(await housing.getByLabel('说明').isVisible()).toBe(false);
    await housing.getByRole('radio', { name: '有隐患' }).tap();
    expect(await housing.getByLabel('说明').isVisible()).toBe(true);
    await housing.getByLabel('说明').fill('西屋墙体开裂');
    await page.getByRole('group', { name: '不愁吃' }).getByRole('radio', { name: '是' }).tap();
    expect(await page.locator('[data-visit-progress]').textContent()).toBe('已核查 2/8 项 · 健康读数 1 人');
    await page.locator('[id="field-followUps.1.action"]').fill('联系住建部门鉴定危房');
    await page.locator('[id="field-followUps.1.owner"]').fill('陈静');
    await page.locator('[id="field-followUps.1.dueDate"]').fill('2019-11-15');
    await page.getByLabel('对帮扶工作的满意度').selectOption('satisfied');
    await page.getByRole('button', { name: '提交走访记录' }).click();
    expect(await page.locator('[id="field-readings.head.glucose-error"]').textContent()).toBe('这像是 mg/dL 的读数。请换算为 mmol/L（约 7.0）。');
    expect(await page.getByLabel('反映的困难和诉求').inputValue()).toBe('冬季取暖用煤不足');
    expect(await page.locator('[id="field-checks.housing.note"]').inputValue()).toBe('西屋墙体开裂');

    await page.locator('[id="field-readings.head.glucose"]').fill('7.0');
    await page.getByLabel('走访照片', { exact: true }).setInputFiles(HEIC);
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.getByText('走访记录已保存。').waitFor();
    const main = await page.textContent('main');
    for (const text of ['152/96', '偏高', '西屋墙体开裂', '联系住建部门鉴定危房', '周丽华、陈静', '满意']) expect(main).toContain(text);
    const photo = page.getByRole('img', { name: '走访照片 1' });
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    // The saved visit clears the draft on the phone.
    expect(await page.evaluate((id) => localStorage.getItem(`yizhen:visit-draft:${id}`), household.id)).toBeNull();
    await expectAccessible(page);

    // The household's file shows the visit, the reading on its chart, and the open follow-up. Nothing is overdue
    // any more: the visit counts for the household's pairing and for its village's.
    await page.getByRole('link', { name: /林江/ }).first().click();
    await page.getByRole('heading', { name: '林江', level: 1 }).waitFor();
    expect(await page.locator('ol.timeline').textContent()).toContain('血压 152/96');
    expect(await page.locator('figure.chart svg path').count()).toBeGreaterThan(0);
    expect(await page.locator('section', { hasText: '未完成的后续措施' }).textContent()).toContain('联系住建部门鉴定危房');
    await page.goto(`${site.url}/institutions/${own}/pairings`);
    await page.getByText('本期应走访的对象都已走访。').waitFor();
  });

  it('folds the check once every item is answered, its heading saying so, and opens it again on a tap', async () => {
    const { site, page } = journey;
    const household = site.db.select().from(households).where(eq(households.headName, '林江')).get()!;
    await page.goto(`${site.url}/households/${household.id}/visits/new`);
    const check = page.locator('details[data-fold="checks"]');
    const items = check.locator('fieldset.check');
    for (let i = 0; i < 7; i++) await items.nth(i).getByRole('radio', { name: '是' }).tap();
    expect(await check.evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);
    expect(await check.locator('[data-fold-status]').textContent()).toBe('已答 7/8 项');
    // 否 asks for its note first; the check is answered, and folds, once the note is written.
    await items.nth(7).getByRole('radio', { name: '否' }).tap();
    expect(await items.nth(7).getByLabel('说明').evaluate((input: HTMLInputElement) => input.required)).toBe(true);
    expect(await check.evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);
    await items.nth(7).getByLabel('说明').fill('井水浑浊');
    await items.nth(7).getByLabel('说明').blur();
    await page.waitForFunction(() => !document.querySelector<HTMLDetailsElement>('details[data-fold="checks"]')!.open);
    expect(await check.locator('[data-fold-status]').textContent()).toBe('已答 8/8 项 ✓');
    expect(await page.locator('[data-visit-progress]').textContent()).toMatch(/^已核查 8\/8 项/);
    await check.locator('summary').tap();
    expect(await items.nth(7).getByLabel('说明').inputValue()).toBe('井水浑浊');
    await expectAccessible(page);
  });

  it('marks the follow-up done from the institution\'s list, overdue first', async () => {
    const { site, page } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    await page.goto(`${site.url}/institutions/${own}`);
    await page.getByRole('link', { name: '后续帮扶措施' }).click();
    await page.getByRole('heading', { name: '后续帮扶措施', level: 1 }).waitFor();
    // The demo's overdue follow-up for 孙广森 (due 2019-10-10) comes before 林江's.
    const rows = page.locator('tbody tr');
    expect(await rows.first().textContent()).toContain('孙广森');
    const row = page.locator('tbody tr', { hasText: '联系住建部门鉴定危房' });
    expect(await row.textContent()).toContain('逾期');
    await row.getByRole('textbox').fill('已鉴定为C级危房，列入改造');
    await row.getByRole('button', { name: '标记完成' }).click();
    await page.getByText('已标记完成。').waitFor();
    expect(await page.locator('tbody').textContent()).not.toContain('联系住建部门鉴定危房');
    await page.getByRole('link', { name: '已完成' }).click();
    expect(await page.locator('tbody').textContent()).toContain('已鉴定为C级危房，列入改造');
    await expectAccessible(page);
  });

  it('prints the household\'s handbook page on A4, with its name and latest photo', async () => {
    const { site, page } = journey;
    const household = site.db.select().from(households).where(eq(households.headName, '林江')).get()!;
    // Her coordinator named 周丽华 from the staff list as the pairing's responsible person (the pairing's edit page).
    const zhou = site.db.select().from(staff).where(eq(staff.name, '周丽华')).get()!;
    site.db.update(pairings).set({ responsibleStaffId: zhou.id }).where(and(eq(pairings.householdId, household.id), eq(pairings.institutionId, zhou.institutionId))).run();
    await page.goto(`${site.url}/households/${household.id}/handbook`);
    await page.getByRole('heading', { name: '扶贫手册 · 林江' }).waitFor();
    await page.getByRole('img', { name: '最近一次走访照片' }).evaluate((img: HTMLImageElement) => img.decode());
    await page.emulateMedia({ media: 'print' });
    // The print stylesheet leaves the site's frame and the print button out.
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/handbook-print-preview.png', fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync('test-results/handbook-林江.pdf', pdf);
    const text = await pdfText(new Uint8Array(pdf));
    for (const words of ['扶贫手册', '林江', '刘家屯村', '联系住建部门鉴定危房', '152/96']) expect(text).toContain(words);
    // The hospital paired with the household itself, named with its responsible person and her phone.
    const helper = page.locator('tr', { hasText: '长春市中心医院' }).filter({ hasText: '本户' });
    expect(await helper.locator('td').allTextContents()).toEqual(['长春市中心医院', '本户', '周丽华', '13904311001']);
    await page.emulateMedia({ media: 'screen' });
  });
});
