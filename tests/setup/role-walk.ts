// Every role on a 360-px phone, in both languages: each account opens its home page and follows what it is
// offered — its menu, the links of its home page, then what those pages link to — one page of each kind (a
// number in a path stands for any record), and every page it reaches answers without a server error, fits the
// phone and keeps its buttons, links and fields in sight. The roles are walked in two files, so that the two run
// beside each other. (every-page.test.ts checks each page once, with an account that opens it — the
// administrators' pages among them — and its accessibility.)
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { controlsOutsideThePhone, login, useJourney } from './browser.ts';
import { type DemoRole, demoEmail } from './demo.ts';

/** One page of each kind: /events/12/roster and /events/7/roster are the same page for another record. */
const kindOf = (path: string) => path.replace(/\d+/g, ':id').replace(/\?.*$/, '');

export function walkEveryRole(roles: DemoRole[]) {
  describe('every role on a phone', () => {
    const journey = useJourney({ page: { viewport: { width: 360, height: 740 } } });

    /** The site's own pages the open page links to in its language (not downloads, not logging out). */
    async function links(prefix: string): Promise<string[]> {
      const hrefs = await journey.page.locator('header a[href], main a[href]').evaluateAll((found) => found.map((link) => link.getAttribute('href') ?? ''));
      return hrefs.filter((href) => /^\/(?!\/)/.test(href) && !/^\/(en\/)?(api|logout|_)/.test(href) && !href.includes('#') && (prefix ? href.startsWith('/en/') || href === '/en' : !href.startsWith('/en')));
    }

    for (const who of roles) {
      for (const prefix of ['', '/en']) {
        it(`${who} (${prefix || 'zh'})`, async () => {
          const { site, page } = journey;
          await page.context().clearCookies();
          await login(page, site.url, demoEmail(who), DEMO_PASSWORD, `${prefix}/login`);
          // From the home page, two steps along the links offered: the menu and the home page's lines, then what
          // those pages link to (a record, an institution's own pages).
          const home = `${prefix}/`;
          const queue = [{ path: home, steps: 0 }];
          const seen = new Set([kindOf(home)]);
          for (let next = queue.shift(); next; next = queue.shift()) {
            const { path, steps } = next;
            const printed = site.output().length;
            const response = await page.goto(site.url + path);
            expect([200, 403, 404], `${who}: ${path}`).toContain(response?.status());
            expect(site.output().slice(printed), `${who}: ${path}: the server printed an error`).not.toMatch(/error/i);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), `${who}: ${path} is wider than the phone`).toBeLessThanOrEqual(360);
            expect(await controlsOutsideThePhone(page), `${who}: ${path} has controls out of sight, sideways`).toEqual([]);
            if (steps === 2) continue;
            for (const href of await links(prefix)) {
              if (seen.has(kindOf(href))) continue;
              seen.add(kindOf(href));
              queue.push({ path: href, steps: steps + 1 });
            }
          }
          expect(seen.size, `${who} is offered pages`).toBeGreaterThan(5);
        });
      }
    }
  });
}
