// Every page, in both languages, as a visitor and as the accounts that open it (a city's administrator for most): the status it should have, no error
// printed by the server, no serious or critical accessibility violation (checked on the signed-in pages in Chinese;
// in English they are the same markup in other words), no error in the browser (a script failing, or refused by the pages'
// policy), and nothing wider than a 360-px phone, no button or link out of its sight.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaigns, events, households, items, pairings, purchases, staff, teams, vehicles, villages, visits } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { createSeries } from '../../src/lib/events/series.server.ts';
import { seriesSchema } from '../../src/lib/events/series.ts';
import { actorWithRole } from '../setup/actors.ts';
import { controlsOutsideThePhone, expectAccessible, login, useJourney } from '../setup/browser.ts';
import { type DemoRole, demoEmail, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION } from '../setup/demo.ts';

const PUBLIC_PAGES = ['/', '/login', '/signup', '/forgot-password', '/reset-password?token=x', '/verify?token=x', '/logout', '/no-such-page', '/signups/offer?token=x', '/signups/reminder?token=x', '/clinics'];
const ADMIN_PAGES = (own: number, campaign: number) => ['/campaigns', '/campaigns/new', `/campaigns/${campaign}`, `/institutions/${own}/stock`, `/institutions/${own}/vehicles`, `/institutions/${own}/staff`, `/institutions/${own}/purchases`, `/institutions/${own}/donations`, '/', '/account', '/institutions', `/institutions/${own}`, `/institutions/${own}/members`, '/admin/institutions', '/admin/users', '/admin/audit', '/admin/obligations', '/admin/pairing-requests', '/villages', '/households', `/institutions/${own}/pairings`, '/imports/new', '/map', '/events', '/events/new', '/series/new', '/signups', '/tallies', `/tallies?campaign=${campaign}`, '/tallies/snapshots'];

describe('every page', () => {
  const journey = useJourney({ page: { viewport: { width: 360, height: 780 } }, preloadAxe: true });

  async function check(path: string, accessibility = true) {
    const { site, page } = journey;
    journey.browserErrors.length = 0;
    const printed = site.output().length;
    const response = await page.goto(site.url + path);
    // Every page answers as it should (after any redirect), and the server prints no error on the way.
    expect(response?.status(), path).toBe(/\/(no-such-page|999999)$/.test(path) ? 404 : path.includes('/verify?token=x') ? 400 : 200);
    expect(site.output().slice(printed), `${path}: the server printed an error`).not.toMatch(/error/i);
    if (accessibility) await expectAccessible(page);
    expect(journey.browserErrors, `${path} reported errors in the browser`).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is wider than the phone`).toBeLessThanOrEqual(360);
    expect(await controlsOutsideThePhone(page), `${path} has controls out of sight, sideways`).toEqual([]);
    expect(await page.locator('h1').count(), `${path} has one heading`).toBe(1);
    // Two forms on one page must not share element ids (labels and error messages point at them).
    const repeated = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
      return ids.filter((id, index) => ids.indexOf(id) !== index);
    });
    expect(repeated, `${path} repeats ids`).toEqual([]);
  }

  it('for a visitor', async () => {
    for (const prefix of ['', '/en']) for (const path of PUBLIC_PAGES) await check(prefix + path);
  });

  /**
   * The signed-in pages, in the demo data, each with an account that opens it: Changchun's administrator for most,
   * a paired coordinator for adding and correcting a household, Qinyuan's bureau for its purchases, the system operator
   * for the site's mail and data interface. The walk is split in four so that each part stays short.
   */
  let signedInPaths: { who: DemoRole; path: string }[] | null = null;
  function walk(): { who: DemoRole; path: string }[] {
    if (signedInPaths) return signedInPaths;
    const { site } = journey;
    const own = institutionId(site.db, OWN_INSTITUTION);
    const campaign = site.db.select({ id: campaigns.id }).from(campaigns).get()!.id;
    // The demo visit to 刘家屯村, with its handouts, ambulance and village, and one of its items.
    const visit = site.db.select({ id: events.id, villageId: events.villageId }).from(events).where(eq(events.title, '刘家屯村入户走访慰问')).get()!;
    const item = site.db.select({ id: items.id }).from(items).where(eq(items.name, '棉被')).get()!.id;
    // The demo's visit records to 孙广森, with readings, checks and follow-ups.
    const record = site.db.select({ id: visits.id, householdId: visits.householdId }).from(visits).get()!;
    const person = site.db.select({ id: staff.id }).from(staff).where(eq(staff.institutionId, own)).get()!.id;
    const pairing = site.db.select({ id: pairings.id }).from(pairings).where(eq(pairings.institutionId, own)).get()!.id;
    // A weekly series of the institution, with its drafts.
    const series = createSeries(site.db, { actor: actorWithRole(site.db, 'coordinator', OWN_INSTITUTION), input: seriesSchema.parse({ organiserId: String(own), kind: 'rounds', title: '每周四巡诊', frequency: 'weekly', weekday: '4', startDate: '2099-01-01', endDate: '2099-02-28', startTime: '08:30', endTime: '12:00', villageId: String(visit.villageId), address: '', countyId: '' }) }).id;
    const withData = [
      `/series/${series}`,
      `/events/${visit.id}`,
      `/events/${visit.id}/edit`,
      `/events/${visit.id}/roster`,
      `/events/${visit.id}/handouts`,
      `/events/${visit.id}/vehicles`,
      `/events/${visit.id}/check-in?code=x`,
      `/items/${item}`,
      `/villages/${visit.villageId}`,
      `/villages/${visit.villageId}/edit`,
      `/households/${record.householdId}`,
      `/households/${record.householdId}/visits/new`,
      `/households/${record.householdId}/handbook`,
      `/visits/${record.id}`,
      `/visits/${record.id}/amend`,
      `/staff/${person}/edit`,
      `/pairings/${pairing}/edit`,
      `/institutions/${own}/follow-ups`,
      `/items/${item}/edit`,
      `/campaigns/${campaign}/edit`,
      `/vehicles/${site.db.select({ id: vehicles.id }).from(vehicles).get()!.id}/edit`,
    ];
    const as = (who: DemoRole, paths: string[]) => paths.map((path) => ({ who, path }));
    signedInPaths = [
      ...as('admin', [...ADMIN_PAGES(own, campaign), ...withData, '/institutions/999999']),
      ...as('coordinator', ['/households/new', `/households/${record.householdId}/edit`]),
      // Qinyuan's family doctor team and 王文中's file, with his contract (db/seed/teams.ts).
      ...as('otherCoordinator', [`/institutions/${institutionId(site.db, OTHER_INSTITUTION)}/postings`, `/villages/${site.db.select({ id: villages.id }).from(villages).where(eq(villages.name, '红沙崖村')).get()!.id}`, `/institutions/${institutionId(site.db, OTHER_INSTITUTION)}/teams`, `/teams/${site.db.select({ id: teams.id }).from(teams).get()!.id}`, `/teams/${site.db.select({ id: teams.id }).from(teams).where(eq(teams.name, '护胃行动服务队')).get()!.id}`, `/households/${site.db.select({ id: households.id }).from(households).where(eq(households.headName, '王文中')).get()!.id}`]),
      ...as('otherAdmin', [`/purchases/${site.db.select({ id: purchases.id }).from(purchases).get()!.id}/edit`, '/admin/institutions', '/admin/pairing-requests']),
      ...as('operator', ['/admin/mail', '/admin/api-tokens', '/admin/institutions', '/admin/users']),
    ];
    return signedInPaths;
  }

  /** Signs in as `who` unless already signed in as them. */
  let signedIn: DemoRole | null = null;
  async function signInAs(who: DemoRole) {
    if (signedIn === who) return;
    const { site, page } = journey;
    await page.context().clearCookies();
    await login(page, site.url, demoEmail(who), DEMO_PASSWORD);
    signedIn = who;
  }

  for (const prefix of ['', '/en']) {
    for (const part of [0, 1]) {
      it(`for the signed-in accounts (${prefix || 'zh'}, part ${part + 1} of 2)`, async () => {
        const paths = walk();
        const half = Math.ceil(paths.length / 2);
        for (const { who, path } of paths.slice(part * half, (part + 1) * half)) {
          await signInAs(who);
          await check(prefix + path, prefix === '');
        }
      });
    }
  }
});
