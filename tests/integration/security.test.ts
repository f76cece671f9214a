// The holes an attacker with ordinary accounts found, each closed and kept closed: tried over HTTP against a
// running site, as the attacker tried them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import { demoEmail } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('security', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  it('after login, goes only to a path on this site, whatever `next` holds', async () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/', '/\r\nSet-Cookie:x=1']) {
      const visitor = new Visitor(site);
      const answer = await visitor.post(`/login?_action=accounts.logIn&next=${encodeURIComponent(next)}`, { email: demoEmail('member'), password: DEMO_PASSWORD, next });
      expect(answer.status, JSON.stringify(next)).toBe(302);
      expect(answer.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
    const visitor = new Visitor(site);
    const answer = await visitor.post(`/login?_action=accounts.logIn&next=${encodeURIComponent('/signups')}`, { email: demoEmail('member'), password: DEMO_PASSWORD, next: '/signups' });
    expect(answer.headers.get('location')).toBe('/signups');
  });
});
