// Debian's Chromium driven by playwright-core, with the flags this network needs, plus helpers for journeys.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Site, startSite } from './site.ts';

// The minified axe-core, which the browser compiles in two thirds of the time of the full one.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Logs in through the login form and waits for the page after it. */
export async function login(page: Page, baseUrl: string, email: string, password: string, path = '/login') {
  await page.goto(baseUrl + path);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/^(密码|Password)/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  // Until the stylesheet has loaded, what shows (the phone's menu or the desktop's) is not yet decided.
  await page.waitForLoadState('load');
}

/**
 * Follows one of the site's menu links as a person would: on a phone through the 菜单 button, on a desktop
 * opening 管理 first when the link is folded under it.
 */
export async function followMenuLink(page: Page, name: string) {
  await openMenuFor(page, name);
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.waitForLoadState('domcontentloaded');
}

/** Opens the menus that fold the link named `name` (菜单 on a phone, 管理), so that it can be seen and tapped. */
export async function openMenuFor(page: Page, name: string) {
  await page.waitForLoadState('load');
  const phoneMenu = page.locator('details.phone-menu');
  if ((await phoneMenu.isVisible()) && !(await phoneMenu.evaluate((menu) => (menu as HTMLDetailsElement).open))) await phoneMenu.locator('summary').click();
  const admin = page.locator('nav.main details.admin');
  const folded = page.getByRole('navigation').getByRole('link', { name, exact: true });
  if (!(await folded.isVisible()) && (await admin.count()) > 0 && !(await admin.evaluate((group) => (group as HTMLDetailsElement).open))) await admin.locator('summary').click();
}

/** Runs axe-core on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  // Evaluated through the browser's debugging protocol, which the pages' script policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

export interface Journey {
  site: Site;
  browser: Browser;
  page: Page;
  /** What the page reported as errors (scripts that failed, content the policy refused), newest last. */
  browserErrors: string[];
}

/**
 * Starts a site and a browser page before the file's tests and stops both after them. The returned
 * object is filled in by beforeAll: read its fields inside tests only.
 */
export function useJourney(options: { env?: Record<string, string>; page?: BrowserContextOptions; preloadAxe?: boolean } = {}): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.site = await startSite(options.env);
    journey.browser = await launchBrowser();
    journey.page = await journey.browser.newPage(options.page);
    // Nothing beyond the site is reached (the machines that run the tests have no network): a map tile fails at
    // once, as offline, instead of the page's load waiting for a name lookup to give up.
    const site = new URL(journey.site.url).origin;
    await journey.page.context().route((url) => url.origin !== site, (route) => route.abort('internetdisconnected'));
    // A walk that checks every page it opens has axe-core loaded with each page, which is cheaper than sending it after.
    if (options.preloadAxe) await journey.page.addInitScript(AXE_SOURCE);
    journey.browserErrors = [];
    journey.page.on('pageerror', (error) => journey.browserErrors.push(`${journey.page.url()}: ${error.message}`));
    journey.page.on('console', (message) => {
      // A resource answered with an error status is the page's own business (a 404 page, a tile offline).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) journey.browserErrors.push(`${journey.page.url()}: ${message.text()}`);
    });
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.site?.stop();
  });
  return journey;
}

/**
 * The buttons, links and fields a person cannot reach on a 360-px phone without scrolling sideways: those that lie,
 * in whole or in part, beyond the viewport's width (a table that scrolls inside its box hides them so). What is
 * not shown at all does not count (a closed menu, text only for screen readers, the skip link until focused),
 * nor the map's own markers, which the map pans to.
 */
export function controlsOutsideThePhone(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter((element) => !element.closest('.leaflet-pane, .skip, .visually-hidden'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && (box.left < -0.5 || box.right > width + 0.5);
      })
      .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || (element as HTMLInputElement).name || '').trim().slice(0, 30)}" at ${Math.round(element.getBoundingClientRect().left)}–${Math.round(element.getBoundingClientRect().right)} px`);
  });
}

/** Fails when the page, once its stylesheet has loaded, is wider than a phone of this width (it would scroll sideways). */
export async function expectFits(page: Page, width: number) {
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} is wider than ${width} px`).toBeLessThanOrEqual(width);
}
