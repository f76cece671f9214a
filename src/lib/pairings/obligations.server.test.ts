// Obligations met by the work done (seed 004): 沁源县人民医院 must send experts to each township at least once a
// month. A done round in 麻坪村 meets its 法中乡 pairing and its county's; a visit to a household there does too;
// a round still published, or another institution's, meets nothing.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { areas, households, pairings, staff, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { eventSchema } from '../events/events.ts';
import { completeEvent, createEvent, publishEvent } from '../events/events.server.ts';
import { ensureTownship } from '../places/places.server.ts';
import { beijingInstant } from '../time/beijing.ts';
import { visitSchema } from '../visits/visits.ts';
import { recordVisit } from '../visits/visits.server.ts';
import { areaObligations, listPairings, pairingWork } from './pairings.server.ts';
import { ForbiddenError } from '../server/errors.ts';

const NOW = Date.parse('2020-06-20T10:00:00+08:00');
let db: Db;
let qinyuan: Actor;
let hospital: number;
let mapingcun: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
  hospital = qinyuan.memberships[0].institutionId;
  const fazhong = ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township: '法中乡' });
  mapingcun = db.insert(villages).values({ name: '麻坪村', townshipId: fazhong, createdAt: NOW }).returning().get().id;
  const county = db.select().from(areas).where(eq(areas.name, '沁源县')).get()!.id;
  for (const [target, areaId] of [['township', fazhong], ['county', county]] as const) {
    db.insert(pairings).values({ institutionId: hospital, target, areaId, startDate: '2020-01-01', obligation: 'monthly', createdAt: NOW }).run();
  }
});

const round = (date: string, actor = qinyuan) => {
  const organiserId = String(actor.memberships[0].institutionId);
  const { id } = createEvent(db, { actor, input: eventSchema.parse({ organiserId, kind: 'rounds', title: '专家巡诊', date, startTime: '09:00', endTime: '12:00', villageId: String(mapingcun) }) }, NOW);
  publishEvent(db, { actor, eventId: id }, NOW);
  return id;
};
const areaPairings = () => listPairings(db, { actor: qinyuan, institutionId: hospital }, NOW).filter((p) => p.target === 'township' || p.target === 'county');

describe('obligations', () => {
  it('are met by a done round in a village of the township, for the township and the county', () => {
    expect(areaPairings().map((p) => [p.targetName, p.overdue]).sort()).toEqual([['沁源县', true], ['法中乡', true]].sort());
    const published = round('2020-06-18');
    // Not yet done: nothing met.
    expect(areaPairings().every((p) => p.overdue)).toBe(true);
    completeEvent(db, { actor: qinyuan, eventId: published, outcomes: { peopleSeen: 60 } }, NOW);
    expect(areaPairings().map((p) => [p.targetName, p.overdue, p.lastVisitedAt])).toEqual(
      expect.arrayContaining([
        ['法中乡', false, beijingInstant('2020-06-18', '09:00')],
        ['沁源县', false, beijingInstant('2020-06-18', '09:00')],
      ]),
    );
    // Each pairing shows the round that met it.
    const township = db.select().from(pairings).where(eq(pairings.target, 'township')).all().find((p) => p.institutionId === hospital)!;
    expect(pairingWork(db, township).events.map((e) => [e.title, e.date])).toEqual([['专家巡诊', '2020-06-18']]);
  });

  it('are listed for the bureau of the area, the institutions with the most overdue first, and for no other bureau', () => {
    const area = areaObligations(db, { actor: actorWithRole(db, 'admin', '沁源县卫生健康局') }, NOW);
    expect(area[0]).toMatchObject({ institution: '沁源县人民医院' });
    expect(area[0].pairings.slice(0, 2).map((p) => p.overdue)).toEqual([true, true]);
    expect(areaObligations(db, { actor: actorWithRole(db, 'admin', '长春市卫生健康委员会') }, NOW).map((g) => g.institution)).not.toContain('沁源县人民医院');
    expect(() => areaObligations(db, { actor: qinyuan }, NOW)).toThrow(ForbiddenError);
  });

  it('show on a village pairing the institution’s events there and its visits to the village’s households', () => {
    const changchun = actorWithRole(db, 'coordinator', '长春市中心医院').memberships[0].institutionId;
    const liujiatun = db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id;
    const pairing = db.select().from(pairings).where(eq(pairings.villageId, liujiatun)).all().find((p) => p.institutionId === changchun)!;
    const work = pairingWork(db, pairing);
    expect(work.events.map((e) => e.title)).toEqual(['刘家屯村入户走访慰问']);
    expect(work.visits.length).toBeGreaterThan(0);
    expect(work.visits.every((v) => v.village === '刘家屯村')).toBe(true);
  });

  it('are met by a household visit for the household’s township, and by an event at an address for its township', async () => {
    const zhongyu = ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township: '中峪乡' });
    const chishiqiao = ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township: '赤石桥乡' });
    for (const areaId of [zhongyu, chishiqiao]) db.insert(pairings).values({ institutionId: hospital, target: 'township', areaId, startDate: '2020-01-01', obligation: 'monthly', createdAt: NOW }).run();
    const met = (areaId: number) => !listPairings(db, { actor: qinyuan, institutionId: hospital }, NOW).find((p) => p.target === 'township' && p.areaId === areaId)!.overdue;
    const wenzhong = db.select().from(households).where(eq(households.headName, '王文中')).get()!.id;
    const { photos: _none, ...input } = visitSchema.parse({ householdId: String(wenzhong), institutionId: String(hospital), submissionKey: randomUUID(), visitedOn: '2020-06-19', visitedTime: '10:00', purpose: 'care', visitors: [String(db.select().from(staff).where(eq(staff.name, '杨庆峰')).get()!.id)], checks: {}, readings: {}, quantities: {}, followUps: {} });
    await recordVisit(db, { actor: qinyuan, input }, NOW);
    expect([met(zhongyu), met(chishiqiao)]).toEqual([true, false]);
    const { id } = createEvent(db, { actor: qinyuan, input: eventSchema.parse({ organiserId: String(hospital), kind: 'lecture', title: '健康讲座', date: '2020-06-19', startTime: '09:00', endTime: '11:00', address: '赤石桥乡政府礼堂', townshipId: String(chishiqiao) }) }, NOW);
    publishEvent(db, { actor: qinyuan, eventId: id }, NOW);
    completeEvent(db, { actor: qinyuan, eventId: id, outcomes: { audience: 80 } }, NOW);
    expect(met(chishiqiao)).toBe(true);
  });

  it('are not met by another institution’s round, nor by last month’s', () => {
    const changchun = actorWithRole(db, 'coordinator', '长春市中心医院');
    completeEvent(db, { actor: changchun, eventId: round('2020-06-18', changchun), outcomes: { peopleSeen: 10 } }, NOW);
    completeEvent(db, { actor: qinyuan, eventId: round('2020-05-18'), outcomes: { peopleSeen: 10 } }, NOW);
    expect(areaPairings().every((p) => p.overdue)).toBe(true);
  });
});
