// Every page and action × every role × own or other institution, with the expected answer written out.
// "own" is 长春市中心医院 (the coordinator's and member's institution, under the Changchun commission where
// the administrator and publicity office sit); "other" is 沁源县人民医院 in another county.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions, memberships } from '../../db/schema.ts';
import { type DemoRole, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

type Who = DemoRole | 'anonymous';
const WHO: Who[] = ['anonymous', 'member', 'coordinator', 'otherCoordinator', 'publicity', 'admin'];

// 302 = sent to the login page; 403 = the "access denied" page.
const PAGES: { path: (own: number, other: number) => string; expected: Record<Who, number> }[] = [
  { path: () => '/account', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200 } },
  { path: () => '/institutions', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200 } },
  { path: (own) => `/institutions/${own}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 200, admin: 200 } },
  { path: (_, other) => `/institutions/${other}`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 200 } },
  { path: (own) => `/institutions/${own}/members`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200 } },
  { path: (_, other) => `/institutions/${other}/members`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 200 } },
  { path: () => '/admin/institutions', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200 } },
  { path: () => '/admin/users', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200 } },
  { path: () => '/admin/mail', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200 } },
  { path: () => '/admin/audit', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200 } },
  { path: () => '/institutions/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404 } },
];

// Actions posted through their RPC endpoint, as any client could; 401 = not logged in.
const ACTIONS: { name: string; fields: (own: number, other: number) => Record<string, string>; expected: Record<Who, number> }[] = [
  {
    name: 'institutions.update (own)',
    fields: (own) => ({ _: 'institutions.update', institutionId: String(own), name: OWN_INSTITUTION, kind: 'hospital', contactPhone: '0431-88888888' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200 },
  },
  {
    name: 'institutions.update (other)',
    fields: (_, other) => ({ _: 'institutions.update', institutionId: String(other), name: OTHER_INSTITUTION, kind: 'hospital', contactPhone: '0355-1234567' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 200 },
  },
  {
    name: 'institutions.create',
    fields: () => ({ _: 'institutions.create', name: `新机构`, kind: 'township_centre' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200 },
  },
  {
    name: 'memberships.add (own)',
    fields: (own) => ({ _: 'memberships.add', institutionId: String(own), email: 'qinyuan@yizhen.demo', role: 'member' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200 },
  },
  {
    name: 'memberships.add (other)',
    fields: (_, other) => ({ _: 'memberships.add', institutionId: String(other), email: 'member@yizhen.demo', role: 'member' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 200 },
  },
];

describe('access matrix', () => {
  let site: Site;
  let own: number;
  let other: number;
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    site = await startSite();
    own = institutionId(site.db, OWN_INSTITUTION);
    other = institutionId(site.db, OTHER_INSTITUTION);
    cookies.set('anonymous', '');
    for (const who of WHO) if (who !== 'anonymous') cookies.set(who, await sessionCookieFor(site.db, who));
  });
  afterAll(() => site?.stop());

  const visitorFor = (who: Who) => {
    const visitor = new Visitor(site);
    visitor.cookie = cookies.get(who)!;
    return visitor;
  };

  for (const page of PAGES) {
    for (const who of WHO) {
      it(`${who} GET ${page.path(1, 2).replace(/\d+/g, (n) => (n === '1' ? '{own}' : n === '2' ? '{other}' : n))} → ${page.expected[who]}`, async () => {
        for (const prefix of ['', '/en']) {
          const response = await visitorFor(who).get(prefix + page.path(own, other));
          expect(response.status, `${prefix || 'zh'} ${page.path(own, other)}`).toBe(page.expected[who]);
          if (response.status === 302) expect(response.headers.get('location')).toMatch(new RegExp(`^${prefix}/login\\?next=`));
          const html = await response.text();
          if (response.status === 403) expect(html).toContain(prefix ? 'Access denied' : '无权访问');
          if (response.status !== 200) {
            // Nothing of the protected page leaks into a refusal.
            expect(html).not.toContain('@yizhen.demo');
          }
        }
      });
    }
  }

  it('lists for each role exactly the institutions it may see', async () => {
    const names = async (who: Who) => {
      const html = await (await visitorFor(who).get('/institutions')).text();
      return [...html.matchAll(/<td><a href="\/institutions\/\d+">([^<]+)</g)].map((m) => m[1]).sort();
    };
    const all = site.db.select({ name: institutions.name }).from(institutions).all().map((r) => r.name).sort();
    expect(await names('member')).toEqual([OWN_INSTITUTION]);
    expect(await names('coordinator')).toEqual([OWN_INSTITUTION]);
    expect(await names('otherCoordinator')).toEqual([OTHER_INSTITUTION]);
    expect(await names('publicity')).toEqual(all.filter((name) => !name.startsWith('沁源')));
    expect(await names('admin')).toEqual(all);
  });

  // Actions run in order; each role's attempt is judged by the answer and, for refusals, by an unchanged database.
  for (const action of ACTIONS) {
    for (const who of WHO) {
      it(`${who} POST ${action.name} → ${action.expected[who]}`, async () => {
        const { _: name, ...fields } = action.fields(own, other);
        const before = {
          institutions: JSON.stringify(site.db.select().from(institutions).all()),
          memberships: site.db.select({ n: count() }).from(memberships).get()!.n,
        };
        const response = await visitorFor(who).post(`/_actions/${name}`, fields);
        expect(response.status).toBe(action.expected[who]);
        if (response.status >= 400) {
          expect(JSON.stringify(site.db.select().from(institutions).all())).toBe(before.institutions);
          expect(site.db.select({ n: count() }).from(memberships).get()!.n).toBe(before.memberships);
        } else {
          // Undo, so that the next role meets the same starting point.
          if (name === 'memberships.add') site.db.delete(memberships).where(eq(memberships.id, site.db.select({ id: memberships.id }).from(memberships).orderBy(memberships.id).all().at(-1)!.id)).run();
          if (name === 'institutions.create') site.db.delete(institutions).where(eq(institutions.name, '新机构')).run();
        }
      });
    }
  }
});
