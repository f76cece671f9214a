// Poverty Alleviation Day 2019 in Changchun re-created event by event (tests/fixtures/changchun-2019.ts):
// the API, the dashboard and the press summary give exactly the totals the commission published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiTokenSchema } from '../../src/lib/api-tokens/api-tokens.ts';
import { issueApiToken } from '../../src/lib/api-tokens/api-tokens.server.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import { CHANGCHUN_2019, type Changchun2019, seedChangchun2019 } from '../fixtures/changchun-2019.ts';
import { actorWithRole } from '../setup/actors.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('the Changchun campaign of seed 002', () => {
  let site: Site;
  let city: Changchun2019;
  let token: string;
  let publicity: Visitor;

  beforeAll(async () => {
    site = await startSite({ DEMO_DATA: 'off' });
    city = seedChangchun2019(site.db);
    token = issueApiToken(site.db, { actor: actorWithRole(site.db, 'operator', '长春市卫生健康委员会'), input: issueApiTokenSchema.parse({ institutionId: String(city.commissionId), name: '市融媒体中心' }) }).token;
    publicity = new Visitor(site);
    const cookie = await startSession(site.db, city.publicityId);
    publicity.cookie = `${cookie.name}=${cookie.value}`;
  });
  afterAll(() => site?.stop());

  const query = () => `?campaign=${city.campaignId}&area=${city.cityId}`;

  it('the API gives the published totals, exactly, and the press summary of the release', async () => {
    const response = await fetch(`${site.url}/api/v1/tallies${query()}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { figures: Record<string, number>; materials: { kind: string; amount: number }[]; summary: { zh: string } };
    expect(body.figures).toMatchObject({
      events: CHANGCHUN_2019.events,
      institutions: CHANGCHUN_2019.institutions,
      ambulanceTrips: CHANGCHUN_2019.ambulanceTrips,
      medicalStaff: CHANGCHUN_2019.medicalStaff,
      medicalStaffTimes: CHANGCHUN_2019.medicalStaffTimes,
      peopleSeen: CHANGCHUN_2019.peopleSeen,
      drugsYuan: CHANGCHUN_2019.drugsYuan,
      eventsWithoutHeadCount: 0,
    });
    expect(body.materials.find((m) => m.kind === 'leaflet')?.amount).toBe(CHANGCHUN_2019.leaflets);
    expect(body.materials.find((m) => m.kind === 'poster')?.amount).toBe(CHANGCHUN_2019.posters);
    expect(body.summary.zh).toBe(CHANGCHUN_2019.summary);
  });

  it('the dashboard shows the same summary and exact figures to the publicity office', async () => {
    const response = await publicity.get(`/tallies${query()}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(CHANGCHUN_2019.summary);
    for (const exact of ['153', '318', '8,237', '53,400', '60,000', '3,120']) expect(html).toContain(`<strong>${exact}</strong>`);
  });

  it('one county holds a fifth of the clinics', async () => {
    const response = await fetch(`${site.url}/api/v1/tallies?campaign=${city.campaignId}&area=${city.countyIds['农安县']}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { figures: Record<string, number>; summary: { zh: string } };
    expect(body.figures).toMatchObject({ events: 12, peopleSeen: 12 * 137 + 17, drugsYuan: 12 * 890 });
    expect(body.summary.zh.startsWith('全县共出动救护车')).toBe(true);
  });
});
