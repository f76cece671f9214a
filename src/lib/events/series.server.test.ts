// Recurring series against a real database (seed 004): 沁源县人民医院 goes to each township it is paired with at
// least once a month. A year of first-Tuesday rounds is made in each township of the county; one, moved to
// 麻坪村, is done and meets the hospital's monthly 法中乡 pairing; changing the rule remakes only untouched drafts.
import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, events, institutions, pairings, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { ensureTownship } from '../places/places.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { beijingInstant } from '../time/beijing.ts';
import { cancelEvent, completeEvent, getEvent, publishEvent, updateEvent } from './events.server.ts';
import { eventSchema } from './events.ts';
import { createSeries, getSeries, publishSeriesDrafts, updateSeries } from './series.server.ts';
import { seriesSchema } from './series.ts';

const NOW = Date.parse('2026-06-15T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let hospital: number;
let county: number;
let fazhong: number;
let maping: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  fazhong = ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township: '法中乡' }, NOW);
  maping = db.insert(villages).values({ name: '麻坪村', townshipId: fazhong, createdAt: NOW }).returning().get().id;
  county = db.select({ id: areas.id }).from(areas).where(eq(areas.name, '沁源县')).get()!.id;
  hospital = db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, '沁源县人民医院')).get()!.id;
  coordinator = actorWithRole(db, 'coordinator', '沁源县人民医院');
});

const rule = (changes: Record<string, string> = {}) =>
  seriesSchema.parse({ organiserId: String(hospital), kind: 'rounds', title: '专家下乡巡回医疗', frequency: 'monthly', weekday: '2', weekOfMonth: '1', startDate: '2026-01-01', endDate: '2026-12-31', startTime: '08:30', endTime: '16:00', villageId: '', address: '', countyId: String(county), ...changes });

describe('recurring series', () => {
  it('make a year of drafts in each township of the county, once, for its organiser only', () => {
    const townships = db.select().from(areas).where(eq(areas.parentId, county)).all().map((a) => a.name).sort();
    expect(townships).toEqual(['中峪乡', '法中乡', '赤石桥乡'].sort());
    expect(() => createSeries(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), input: rule() }, NOW)).toThrow(ForbiddenError);
    const { id, generated } = createSeries(db, { actor: coordinator, input: rule() }, NOW);
    expect(generated).toBe(36);
    const made = getSeries(db, { actor: coordinator, seriesId: id }).events;
    expect(made.filter((e) => e.title === '专家下乡巡回医疗（法中乡）').map((e) => e.date).slice(0, 3)).toEqual(['2026-01-06', '2026-02-03', '2026-03-03']);
    expect(new Set(made.map((e) => e.state))).toEqual(new Set(['draft']));
    // Each is held at its township, so its tallies and pairings find it there.
    const first = db.select().from(events).where(eq(events.id, made.find((e) => e.title.includes('法中乡'))!.id)).get()!;
    expect([first.townshipId, first.address, first.villageId]).toEqual([fazhong, '法中乡', null]);
  });

  it('let one be moved to 麻坪村 alone, done, meeting the monthly 法中乡 pairing', () => {
    const pairing = db.insert(pairings).values({ institutionId: hospital, target: 'township', areaId: fazhong, startDate: '2026-01-01', obligation: 'monthly', createdAt: NOW }).returning().get().id;
    const { id } = createSeries(db, { actor: coordinator, input: rule() }, NOW);
    const june = getSeries(db, { actor: coordinator, seriesId: id }).events.find((e) => e.date === '2026-06-02' && e.title.includes('法中乡'))!;
    const event = getEvent(db, { actor: coordinator, eventId: june.id });
    updateEvent(db, { actor: coordinator, eventId: june.id, input: eventSchema.parse({ organiserId: String(hospital), campaignId: '', kind: 'rounds', title: '专家下乡巡回医疗（麻坪村）', date: event.date, startTime: event.startTime, endTime: event.endTime, villageId: String(maping), address: '', services: [] }) }, NOW);
    publishEvent(db, { actor: coordinator, eventId: june.id }, NOW);
    completeEvent(db, { actor: coordinator, eventId: june.id, outcomes: { peopleSeen: 46 } }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing)).get()!.lastVisitedAt).toBe(beijingInstant('2026-06-02', '08:30'));
    expect(getSeries(db, { actor: coordinator, seriesId: id }).events.find((e) => e.id === june.id)).toMatchObject({ state: 'done', title: '专家下乡巡回医疗（麻坪村）' });
  });

  it('change their rule for the drafts to come only: past, published, cancelled and changed-alone events stay', () => {
    const { id } = createSeries(db, { actor: coordinator, input: rule() }, NOW);
    const of = (date: string, township: string) => getSeries(db, { actor: coordinator, seriesId: id }).events.find((e) => e.date === date && e.title.includes(township))!;
    publishEvent(db, { actor: coordinator, eventId: of('2026-07-07', '中峪乡').id }, NOW);
    cancelEvent(db, { actor: coordinator, eventId: of('2026-08-04', '中峪乡').id, reason: '暴雨' }, NOW);
    const moved = of('2026-09-01', '法中乡');
    const movedEvent = getEvent(db, { actor: coordinator, eventId: moved.id });
    updateEvent(db, { actor: coordinator, eventId: moved.id, input: eventSchema.parse({ organiserId: String(hospital), campaignId: '', kind: 'rounds', title: movedEvent.title, date: '2026-09-03', startTime: '08:30', endTime: '16:00', villageId: '', address: '法中乡', townshipId: String(fazhong), services: [] }) }, NOW);

    // From the third Tuesday instead: of the 18 drafts from 15 June on (six months, three townships), three stay
    // (published, cancelled, moved); the rest are made again, and each date and place kept is not made twice.
    expect(updateSeries(db, { actor: coordinator, seriesId: id, input: rule({ weekOfMonth: '3' }) }, NOW)).toEqual({ removed: 15, generated: 21 });
    const after = getSeries(db, { actor: coordinator, seriesId: id }).events;
    expect(after.filter((e) => e.date < '2026-06-15')).toHaveLength(18);
    expect(after.filter((e) => e.title.includes('中峪乡') && e.date >= '2026-06-15').map((e) => [e.date, e.state])).toEqual([
      ['2026-06-16', 'draft'],
      ['2026-07-07', 'published'],
      ['2026-07-21', 'draft'],
      ['2026-08-04', 'cancelled'],
      ['2026-08-18', 'draft'],
      ['2026-09-15', 'draft'],
      ['2026-10-20', 'draft'],
      ['2026-11-17', 'draft'],
      ['2026-12-15', 'draft'],
    ]);
    expect(after.filter((e) => e.changedAloneAt !== null).map((e) => e.date)).toEqual(['2026-09-03']);
    // Publishing the drafts to come is one step (the 21 made again and the one moved), and only from today on.
    expect(publishSeriesDrafts(db, { actor: coordinator, seriesId: id }, NOW)).toBe(22);
    expect(db.select().from(events).where(and(eq(events.seriesId, id), eq(events.state, 'draft'), isNotNull(events.seriesDate))).all().every((e) => e.date < '2026-06-15')).toBe(true);
  });
});
