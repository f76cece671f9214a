// The dashboard's area and institution choosers: offered as one types, from an endpoint that gives only what
// the reader may count; without a script the words typed choose the one they name, or the field lists what
// they may mean, each a link choosing it, with the words kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTyped, tallyChoices } from '../../src/lib/tallies/choices.server.ts';
import { actorWithRole } from '../setup/actors.ts';
import { institutionId, OTHER_INSTITUTION, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('choosing an area or an institution for a tally', () => {
  let site: Site;
  let publicity: Visitor;
  let coordinator: Visitor;

  beforeAll(async () => {
    site = await startSite();
    publicity = new Visitor(site);
    publicity.cookie = await sessionCookieFor(site.db, 'publicity');
    coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
  });
  afterAll(() => site?.stop());

  const choices = async (visitor: Visitor, of: string, typed: string) => {
    const response = await visitor.get(`/api/tallies/choices.json?of=${of}&q=${encodeURIComponent(typed)}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: number; label: string }[]).map((c) => c.label);
  };

  it('offers the areas holding what is typed, each with the one above it, and only the institutions the reader may count', async () => {
    expect(await choices(publicity, 'area', '农安')).toEqual(expect.arrayContaining(['农安县（长春市）']));
    expect((await choices(publicity, 'area', '农安'))[0]).toBe('农安县（长春市）');
    // A township is found by its county's name too, and named with it.
    expect((await choices(publicity, 'area', '农安')).slice(1).every((label) => label.endsWith('（农安县）'))).toBe(true);
    expect(await choices(publicity, 'area', '长春')).toContain('长春市');
    // What is typed is looked for as it is: % and _ are not wildcards.
    expect(await choices(publicity, 'area', '%')).toEqual([]);
    expect(await choices(publicity, 'institution', '医院')).toContain(OWN_INSTITUTION);
    expect(await choices(publicity, 'institution', '医院')).not.toContain(OTHER_INSTITUTION);
    expect(await choices(coordinator, 'institution', '')).toEqual([OWN_INSTITUTION]);
    expect(await choices(coordinator, 'institution', '沁源')).toEqual([]);
  });

  it('answers nobody signed in, and nothing but an area or an institution', async () => {
    expect((await new Visitor(site).get('/api/tallies/choices.json?of=area&q=农安')).status).toBe(401);
    expect((await publicity.get('/api/tallies/choices.json?of=household&q=孙')).status).toBe(400);
  });

  it('takes the words typed for the one they name, in full or alone in holding them', () => {
    const actor = actorWithRole(site.db, 'publicity', '长春市卫生健康委员会');
    const county = tallyChoices(site.db, actor, 'area', { typed: '农安县（长春市）' })[0].id;
    expect(resolveTyped(site.db, actor, 'area', '农安县（长春市）')).toEqual({ id: county });
    expect(resolveTyped(site.db, actor, 'area', ' 农安县 ')).toEqual({ id: county });
    expect(resolveTyped(site.db, actor, 'institution', '中心医院')).toEqual({ id: institutionId(site.db, OWN_INSTITUTION) });
    expect(resolveTyped(site.db, actor, 'area', '某某乡')).toEqual({ candidates: [] });
    const several = resolveTyped(site.db, actor, 'area', '县');
    expect('candidates' in several && several.candidates.map((c) => c.label)).toEqual(expect.arrayContaining(['农安县（长春市）', '沁源县（长治市）']));
    // An institution the reader may not count is never what the words name.
    expect(resolveTyped(site.db, actor, 'institution', OTHER_INSTITUTION)).toEqual({ candidates: [] });
  });

  it('without a script: a name typed in full narrows the tally to it; words that name several list them beside the field, keeping what was typed', async () => {
    const named = await (await publicity.get(`/tallies?area=${encodeURIComponent('农安县')}`)).text();
    expect(named).toMatch(/<input id="field-area" name="area" type="search" value="农安县（长春市）"/);
    expect(named).toContain('全县共');
    const county = tallyChoices(site.db, actorWithRole(site.db, 'publicity', '长春市卫生健康委员会'), 'area', { typed: '农安县（长春市）' })[0].id;
    // The downloads (and every link) carry the area's id.
    expect(named).toContain(`/api/tallies.xlsx?area=${county}&amp;lang=zh-CN`);

    const several = await (await publicity.get(`/tallies?area=${encodeURIComponent('县')}&from=2019-01-01`)).text();
    expect(several).toMatch(/<input id="field-area" name="area" type="search" value="县" [^>]*aria-invalid="true"/);
    expect(several).toContain('“县”对应多个，请选择一个：');
    expect(several).toContain(`<a href="/tallies?from=2019-01-01&amp;area=${county}">农安县（长春市）</a>`);
    // The other filters still apply.
    expect(several).toMatch(/<input id="field-from"[^>]*value="2019-01-01"/);

    const none = await (await publicity.get(`/en/tallies?institution=${encodeURIComponent(OTHER_INSTITUTION)}`)).text();
    expect(none).toContain(`Nothing found for “${OTHER_INSTITUTION}”.`);
  });
});
