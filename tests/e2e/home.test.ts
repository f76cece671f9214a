// Each role's home page says what waits for them, each line a link to where it is done; a volunteer offered a
// freed place takes it from there once, however the form is sent again. Every home page is saved as a screenshot
// at 360 and 1366 px (test-results/home-<role>-<width>.png).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, signups, users } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { roleSchema } from '../../src/lib/events/events.ts';
import { addRole } from '../../src/lib/events/events.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { cancelSignup, signUpForShift } from '../../src/lib/signups/signups.server.ts';
import { addDays, beijingDate } from '../../src/lib/time/beijing.ts';
import { volunteer } from '../setup/actors.ts';
import { expectAccessible, expectFits, login, useJourney } from '../setup/browser.ts';
import { type DemoRole, demoEmail } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';

const WIDTHS = [360, 1366];

describe('home pages', () => {
  const journey = useJourney();
  let eventId = 0;
  let memberSignup = 0;
  let clinicDate = '';

  beforeAll(() => {
    // A clinic of the member's hospital in two days, its one nurse's place taken by a volunteer with the member
    // waiting; a doctor role that no one has taken. The volunteer then gives the place back: it is offered to the member.
    const { db } = journey.site;
    const now = Date.now();
    clinicDate = addDays(beijingDate(now), 2);
    const clinic = publishedClinic(db, now, [{ startTime: '09:00', endTime: '12:00', capacity: '1' }], { date: clinicDate });
    eventId = clinic.eventId;
    addRole(db, { actor: clinic.coordinator, input: roleSchema.parse({ eventId, kind: 'doctor', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '2' }] }) }, now);
    const first = volunteer(db, '先报名的志愿者');
    const firstSignup = signUpForShift(db, { actor: first, shiftId: clinic.shiftIds[0] }, now).signupId;
    const member = loadActor(db, db.select({ id: users.id }).from(users).where(eq(users.email, demoEmail('member'))).get()!.id);
    memberSignup = signUpForShift(db, { actor: member, shiftId: clinic.shiftIds[0] }, now + 1).signupId;
    cancelSignup(db, { actor: first, signupId: firstSignup }, now + 2);
  });

  /** Opens the role's home page at each width, checks it, and saves it. */
  async function eachWidth(role: DemoRole, check: (page: Page, width: number) => Promise<void>) {
    mkdirSync('test-results', { recursive: true });
    const page = await journey.browser.newPage();
    try {
      await login(page, journey.site.url, demoEmail(role), DEMO_PASSWORD);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
        await page.goto(`${journey.site.url}/`);
        await check(page, width);
        await expectFits(page, width);
        await page.screenshot({ path: `test-results/home-${role}-${width}.png`, fullPage: true });
      }
    } finally {
      await page.close();
    }
  }

  it('offers the member the freed place, which is taken once however the form is sent again', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 360, height: 740 } });
    const { site } = journey;
    try {
      await login(page, site.url, demoEmail('member'), DEMO_PASSWORD);
      await page.goto(`${site.url}/`);
      const offers = page.locator('section', { has: page.getByRole('heading', { name: '为您保留的名额' }) });
      expect(await offers.getByRole('link', { name: '扶贫日大型义诊' }).getAttribute('href')).toBe(`/events/${eventId}`);
      expect(await offers.textContent()).toMatch(/名额保留至 \d+月\d+日 \d\d:\d\d，请在此之前接受。/);
      await expectAccessible(page);

      // The form as it stood, to send again later as a stale tab or a page kept from before would.
      const staleForm = await offers.locator('form', { has: page.getByRole('button', { name: '接受名额' }) }).evaluate((form) => form.outerHTML);
      await offers.getByRole('button', { name: '接受名额' }).click();
      await page.getByText('名额已确认，确认邮件（含日历文件）已发出。').waitFor();
      const shifts = page.locator('section', { has: page.getByRole('heading', { name: '我的班次' }) });
      expect(await shifts.locator('.badge').first().textContent()).toBe('已报名 ✓');
      expect(await shifts.textContent()).toContain('07:00 起可签到');
      expect(await page.getByRole('heading', { name: '为您保留的名额' }).count()).toBe(0);

      // A reload takes nothing again; Back shows the page without the offer; the old form sent again finds the
      // first post's outcome and writes nothing.
      await page.reload();
      expect(await page.getByRole('heading', { name: '为您保留的名额' }).count()).toBe(0);
      await page.goBack();
      expect(await page.getByRole('heading', { name: '为您保留的名额' }).count()).toBe(0);
      await page.locator('main').evaluate((main, html) => main.insertAdjacentHTML('beforeend', html), staleForm);
      await page.getByRole('button', { name: '接受名额' }).click();
      await page.getByText('名额已确认，确认邮件（含日历文件）已发出。').waitFor();
      const { db } = site;
      expect(db.select({ state: signups.state }).from(signups).where(eq(signups.id, memberSignup)).all()).toEqual([{ state: 'confirmed' }]);
      expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'confirm_offer'), eq(auditLog.entityId, String(memberSignup)))).all()).toHaveLength(1);
    } finally {
      await page.close();
    }

    await eachWidth('member', async (page) => {
      expect(await page.locator('section', { has: page.getByRole('heading', { name: '我的班次' }) }).getByRole('link', { name: '扶贫日大型义诊' }).count()).toBe(1);
    });
  });

  it("shows the coordinator this week's clinic with its gaps, and the overdue work", async () => {
    await eachWidth('coordinator', async (page) => {
      const work = page.locator('section', { has: page.getByRole('heading', { name: '长春市中心医院的待办' }) });
      const week = work.locator('li', { has: page.getByRole('link', { name: '扶贫日大型义诊' }) });
      // The nurse's place is the member's again; both of the doctor role's places are open and no doctor has signed up.
      expect(await week.textContent()).toContain('尚缺 2 人');
      expect(await week.textContent()).toContain('1 个医生岗位无人报名');
      expect(await work.getByRole('link', { name: /^逾期的帮扶措施 \d+ 项/ }).getAttribute('href')).toMatch(/^\/institutions\/\d+\/follow-ups$/);
    });
    const page = await journey.browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await login(page, journey.site.url, demoEmail('coordinator'), DEMO_PASSWORD);
      await page.getByRole('link', { name: '扶贫日大型义诊' }).click();
      await page.getByRole('heading', { name: '扶贫日大型义诊' }).waitFor();
      await page.goto(`${journey.site.url}/`);
      await page.getByRole('link', { name: /^逾期的帮扶措施/ }).click();
      await page.getByRole('heading', { name: '后续帮扶措施' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it("shows the administrator its campaigns and the area's overdue obligations", async () => {
    await eachWidth('admin', async (page) => {
      const area = page.locator('section', { has: page.getByRole('heading', { name: '辖区工作' }) });
      expect(await area.getByRole('link', { name: /^\d+ 家机构共 \d+ 项逾期$/ }).getAttribute('href')).toBe('/admin/obligations');
      expect(await area.locator('.badge.danger').count()).toBeGreaterThan(0);
    });
  });

  it("shows the publicity office this year's headline tiles against last year's", async () => {
    await eachWidth('publicity', async (page, width) => {
      const year = page.locator('section', { has: page.getByRole('heading', { name: '今年以来' }) });
      expect(await year.locator('ul.tiles li').count()).toBe(6);
      expect(await year.locator('.tile-label').allTextContents()).toEqual(['已完成活动', '义诊人数（人次）', '走访贫困户（户）', '医护人员（人）', '发放药品（元）', '消费扶贫采购（元）']);
      const today = beijingDate(Date.now());
      expect(await year.getByRole('link', { name: '打开统计' }).getAttribute('href')).toBe(`/tallies?from=${today.slice(0, 4)}-01-01&to=${today}`);
      if (width === 360) {
        // Two tiles side by side on a phone.
        const [first, second] = await year.locator('ul.tiles li').evaluateAll((tiles) => tiles.slice(0, 2).map((tile) => tile.getBoundingClientRect().top));
        expect(first).toBe(second);
      }
    });
  });

  it('shows the system operator whether every mail went out', async () => {
    await eachWidth('operator', async (page) => {
      expect(await page.locator('section', { has: page.getByRole('heading', { name: '邮件记录' }) }).textContent()).toMatch(/所有邮件均已发出。|\d+ 封邮件发送失败/);
    });
  });
});
