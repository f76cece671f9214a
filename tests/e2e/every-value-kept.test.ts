// Every form field that carries several values, filled the hard way: every option ticked, sent without
// JavaScript, and every value read back from the page the post leads to.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaigns, events, households, users, villages } from '../../db/schema.ts';
import { pairingSchema } from '../../src/lib/pairings/pairings.ts';
import { createPairing } from '../../src/lib/pairings/pairings.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { login, useJourney } from '../setup/browser.ts';
import { demoEmail } from '../setup/demo.ts';

const PHOTO = new URL('../fixtures/visit-photo.heic', import.meta.url).pathname;

/** Ticks every box of a group and returns the text of each box's label, as the page says it. */
async function tickAll(page: Page, name: string): Promise<string[]> {
  const boxes = page.locator(`input[type="checkbox"][name="${name}"]`);
  const count = await boxes.count();
  expect(count, `${name} has options`).toBeGreaterThan(1);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    await boxes.nth(i).check();
    // The label's own text, without the details after "·".
    labels.push((await boxes.nth(i).locator('xpath=..').innerText()).split('·')[0].trim());
  }
  return labels;
}

describe('every value of a multi-value field is kept', () => {
  const journey = useJourney({ page: { javaScriptEnabled: false, viewport: { width: 1024, height: 900 } } });

  it('a free clinic keeps every service ticked', async () => {
    const { site, page } = journey;
    await login(page, site.url, demoEmail('coordinator'), DEMO_PASSWORD);
    await page.goto(`${site.url}/events/new`);
    await page.getByLabel(/^标题/).fill('全科义诊');
    await page.getByLabel(/^日期/).fill('2030-10-17');
    await page.getByLabel(/^地址/).fill('合心镇卫生院门前');
    const services = await tickAll(page, 'services');
    await page.getByRole('button', { name: '新建活动' }).click();
    await page.getByRole('heading', { name: '全科义诊' }).waitFor();
    const shown = await page.locator('dl.facts').innerText();
    for (const service of services) expect(shown).toContain(service);
  });

  it('a trip keeps every village reached', async () => {
    const { site, page } = journey;
    const event = site.db.select().from(events).where(eq(events.title, '刘家屯村入户走访慰问')).get()!;
    // The hospital is paired with a second village, so that the trip can reach two.
    const admin = loadActor(site.db, site.db.select().from(users).where(eq(users.email, demoEmail('admin'))).get()!.id);
    const dongdao = site.db.select().from(villages).where(eq(villages.name, '东道村')).get()!;
    createPairing(site.db, { actor: admin, input: pairingSchema.parse({ institutionId: String(event.organiserId), targetRef: `village:${dongdao.id}`, startDate: '2019-01-01', obligation: 'monthly' }) });
    await page.goto(`${site.url}/events/${event.id}/vehicles`);
    const reached = await tickAll(page, 'villageIds');
    await page.getByLabel(/^驾驶员/).fill('张师傅');
    // The afternoon, after the ambulance's morning trip to the same event.
    await page.getByLabel(/^出车时间/).fill('14:00');
    await page.getByLabel(/^返回时间/).fill('18:00');
    await page.getByRole('button', { name: '登记出车' }).click();
    await page.getByText('已登记出车。').waitFor();
    const row = await page.locator('tr', { hasText: '张师傅' }).innerText();
    for (const village of reached) expect(row).toContain(village);
  });

  it('a visit keeps every visitor ticked and every photo attached', async () => {
    const { site, page } = journey;
    const household = site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!;
    await page.goto(`${site.url}/households/${household.id}/visits/new`);
    const visitors = await tickAll(page, 'visitors');
    // Every item of the check answered by tapping, 有隐患 with its note, 否 without: refused beside that note,
    // every answer and every visitor kept.
    const items = page.locator('fieldset.check');
    expect(await items.count()).toBe(8);
    for (let i = 0; i < 6; i++) await items.nth(i).getByRole('radio', { name: '是' }).check();
    await items.nth(6).getByRole('radio', { name: '有隐患' }).check();
    await items.nth(6).getByLabel('说明').fill('西屋墙体开裂');
    await items.nth(7).getByRole('radio', { name: '否' }).check();
    expect(await items.nth(7).getByLabel('说明').isVisible()).toBe(true);
    await page.getByRole('button', { name: '提交走访记录' }).click();
    expect(await page.locator('[id="field-checks.water.note-error"]').textContent()).toBe('请写明情况。');
    for (let i = 0; i < 6; i++) expect(await items.nth(i).getByRole('radio', { name: '是' }).isChecked()).toBe(true);
    expect(await items.nth(6).getByLabel('说明').inputValue()).toBe('西屋墙体开裂');
    expect(await items.nth(7).getByRole('radio', { name: '否' }).isChecked()).toBe(true);
    for (const box of await page.locator('input[type="checkbox"][name="visitors"]').all()) expect(await box.isChecked()).toBe(true);
    await items.nth(7).getByLabel('说明').fill('井水浑浊');
    const photo = { name: 'visit.heic', mimeType: 'image/heic', buffer: readFileSync(PHOTO) };
    await page.locator('#field-photos').setInputFiles([photo, { ...photo, name: 'visit-2.heic' }]);
    await page.getByRole('button', { name: '提交走访记录' }).click();
    await page.getByRole('heading', { name: /^走访慰问记录/ }).waitFor();
    const facts = await page.locator('main').innerText();
    for (const visitor of visitors) expect(facts).toContain(visitor);
    for (const finding of ['西屋墙体开裂', '井水浑浊']) expect(facts).toContain(finding);
    expect(await page.locator('.photos img').count()).toBe(2);
  });

  it('a campaign invites every institution ticked', async () => {
    const { site, page } = journey;
    await page.context().clearCookies();
    await login(page, site.url, demoEmail('admin'), DEMO_PASSWORD);
    const campaign = site.db.select().from(campaigns).get()!;
    await page.goto(`${site.url}/campaigns/${campaign.id}`);
    const institutions = await tickAll(page, 'institutionIds');
    await page.getByRole('button', { name: '邀请机构参加' }).click();
    await page.getByText('邀请已发出').waitFor();
    const participants = await page.locator('section', { has: page.getByRole('heading', { name: '参加机构' }) }).innerText();
    for (const institution of institutions) expect(participants).toContain(institution);
  });
});
