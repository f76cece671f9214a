// The counting rules against a real database, on the demo data (长春市中心医院's visit round to 刘家屯村 with
// its ambulance, quilts and medicine; its two visits to 孙广森; 沁源县人民医院's purchases and donations), each
// rule changed one record at a time.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, campaigns, events, institutions, items, staff, stockEntries, users } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { eventSchema } from '../events/events.ts';
import { cancelEvent, completeEvent, createEvent, publishEvent } from '../events/events.server.ts';
import { refusal } from '#tests/setup/refusal.ts';
import { headline } from './figures.ts';
import { handoutSchema } from '../handouts/handouts.ts';
import { recordHandouts } from '../handouts/handouts.server.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { assignStaffToShift } from '../signups/assignments.server.ts';
import { reverseEntry } from '../stock/stock.server.ts';
import { tallyFilterSchema } from './tallies.ts';
import { type Breakdown, countedVisits, defaultBreakdown, tally, tallyBreakdown, tallyReport, yearEarlier } from './tallies.server.ts';

const NOW = Date.parse('2019-10-20T10:00:00+08:00');
let db: Db;
let admin: Actor;
let coordinator: Actor;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
  coordinator = loadActor(db, db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
});

const figures = (actor: Actor, filters: Record<string, string> = {}) => tally(db, { actor, filters: tallyFilterSchema.parse(filters) }).figures;
const idOf = (table: typeof institutions | typeof areas, name: string) => String(db.select({ id: table.id }).from(table).where(eq(table.name, name)).get()!.id);

describe('breakdowns', () => {
  it('by institution, by county and by day, week and month, each row the events and visits that belong to it', () => {
    const rows = (by: Breakdown) => tallyBreakdown(db, { actor: admin, filters: tallyFilterSchema.parse({}), by }).map((r) => [r.label, r.events, r.ambulanceTrips, r.drugsFen, r.visits, r.householdsVisited]);
    expect(rows('institution')).toEqual([['长春市中心医院', 1, 1, 75_000, 2, 1]]);
    expect(rows('county')).toEqual([['农安县', 1, 1, 75_000, 2, 1]]);
    expect(rows('day')).toEqual([
      ['2019-09-20', 0, 0, 0, 1, 1],
      ['2019-10-15', 1, 1, 75_000, 1, 1],
    ]);
    expect(rows('week')).toEqual([
      ['2019-09-16～2019-09-22', 0, 0, 0, 1, 1],
      ['2019-10-14～2019-10-20', 1, 1, 75_000, 1, 1],
    ]);
    expect(rows('month')).toEqual([
      ['2019-09', 0, 0, 0, 1, 1],
      ['2019-10', 1, 1, 75_000, 1, 1],
    ]);
    expect(() => tallyBreakdown(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), filters: tallyFilterSchema.parse({}), by: 'day' })).toThrow(ForbiddenError);
  });

  it('open by county over several counties, by institution within one, by day, week or month for one institution as its dates span', () => {
    const opening = (actor: Actor, filters: Record<string, string> = {}) => defaultBreakdown(tally(db, { actor, filters: tallyFilterSchema.parse(filters) }).scope);
    expect(opening(admin)).toBe('county');
    expect(opening(admin, { area: idOf(areas, '长春市') })).toBe('county');
    expect(opening(admin, { area: idOf(areas, '农安县') })).toBe('institution');
    expect(opening(admin, { institution: idOf(institutions, '长春市中心医院') })).toBe('month');
    expect(opening(coordinator)).toBe('month');
    expect(opening(coordinator, { from: '2019-10-01', to: '2019-10-31' })).toBe('day');
    expect(opening(coordinator, { from: '2019-10-01', to: '2019-12-31' })).toBe('week');
    expect(opening(coordinator, { from: '2019-01-01', to: '2019-12-31' })).toBe('month');
  });
});

describe('the visits behind the figures', () => {
  it('name the household only to those who may read the visit', () => {
    const filters = tallyFilterSchema.parse({});
    const named = (actor: Actor) => countedVisits(db, { actor, filters }).map((v) => [v.village, v.headName]);
    expect(named(coordinator)).toEqual([
      ['刘家屯村', '孙广森'],
      ['刘家屯村', '孙广森'],
    ]);
    expect(named(actorWithRole(db, 'publicity', '长春市卫生健康委员会'))).toEqual([
      ['刘家屯村', null],
      ['刘家屯村', null],
    ]);
  });
});

describe('a year earlier', () => {
  it('moves the dates back a year, and finds the organiser\'s campaign of the year before', () => {
    const current = db.select().from(campaigns).get()!;
    expect(yearEarlier(db, tallyFilterSchema.parse({ from: '2019-10-10', to: '2019-10-20' }))).toMatchObject({ from: '2018-10-10', to: '2018-10-20', campaign: null });
    expect(yearEarlier(db, tallyFilterSchema.parse({}))).toBeNull();
    expect(yearEarlier(db, tallyFilterSchema.parse({ campaign: String(current.id) }))).toBeNull();
    const before = db.insert(campaigns).values({ name: '2018年全国扶贫日健康扶贫活动', organiserId: current.organiserId, startDate: '2018-10-12', endDate: '2018-10-18', createdAt: NOW }).returning().get();
    expect(yearEarlier(db, tallyFilterSchema.parse({ campaign: String(current.id) }))).toMatchObject({ campaign: before.id });
    // The report compares with it: nothing was done then.
    const report = tallyReport(db, { actor: admin, filters: tallyFilterSchema.parse({ campaign: String(current.id) }) });
    expect([report.headline.events, report.earlierHeadline?.events]).toEqual([1, 0]);
    expect(report.summary.zh).toBe('共出动救护车1辆，1家医疗机构参与，走访贫困户1户，发放药品750元，赠送棉衣棉被7件。');
  });
});

describe('counting rules', () => {
  it('counts the demo: Changchun\'s visit round, its ambulance, its handouts and visits; Qinyuan\'s purchases and donations', () => {
    const nothing = { cashFen: 0, inKindFen: 0, purchaseGrams: 0, purchaseFen: 0 };
    const qinyuanAdmin = actorWithRole(db, 'admin', '沁源县卫生健康局');
    const qinyuan = figures(qinyuanAdmin);
    // Each bureau counts its own area: the sum is the demo.
    expect(figures(admin)).toMatchObject({ events: 1, visits: 2, ...nothing });
    // Qinyuan: the village doctor's follow-up of 王文中 (db/seed/teams.ts), its purchases and donations.
    // Its money of 2020 (seed 004): ¥6,200 of cash support to old party members and 阴永龙, ¥20,000 of support funds
    // to 红沙崖村's collective, ¥10,150 of goods.
    expect(qinyuan).toMatchObject({ events: 0, visits: 1, householdsVisited: 1, ambulanceTrips: 0, materials: [], cashFen: 620_000, supportFundsFen: 2_000_000, inKindFen: 1_015_000 });
    // 王文中's contract, signed two months before with monthly follow-ups: by the day of the demo, the first met
    // by that visit and the second due that day; over its whole year (long over), one of twelve met.
    expect(figures(qinyuanAdmin, { to: '2019-10-20' })).toMatchObject({ contractedHouseholds: 1, followUpsDue: 2, followUpsDone: 1 });
    expect(figures(qinyuanAdmin, { from: '2019-10-20' })).toMatchObject({ contractedHouseholds: 0, followUpsDue: 11, followUpsDone: 0 });
    expect(qinyuan).toMatchObject({ followUpsDue: 12, followUpsDone: 1 });
    const both = (name: 'cashFen' | 'supportFundsFen' | 'inKindFen' | 'purchaseGrams') => figures(admin)[name] + qinyuan[name];
    expect({ ...figures(admin), cashFen: both('cashFen'), supportFundsFen: both('supportFundsFen'), inKindFen: both('inKindFen'), purchaseGrams: both('purchaseGrams'), purchaseFen: qinyuan.purchaseFen }).toEqual({
      events: 1,
      ambulanceTrips: 1,
      ambulances: 1,
      institutions: 1,
      medicalStaff: 0,
      medicalStaffTimes: 0,
      volunteers: 0,
      volunteerMs: 0,
      peopleSeen: 0,
      eventsWithoutHeadCount: 1,
      householdsVisited: 1,
      visits: 2,
      materials: [
        // 50 packs of 板蓝根颗粒 at 15 yuan.
        { kind: 'drug', unit: 'pack', quantity: 50, valueFen: 75_000 },
        { kind: 'quilt', unit: 'bed', quantity: 7, valueFen: 84_000 },
      ],
      cashFen: 620_000,
      supportFundsFen: 2_000_000,
      inKindFen: 1_015_000,
      // 22,980 斤 of potatoes delivered and 1,500 斤 of mushrooms ordered, in grams.
      purchaseGrams: (22_980 + 1_500) * 500,
      purchaseCases: 0,
      purchaseFen: expect.any(Number),
      referrals: 0,
      referralsDone: 0,
      teamVolunteerMs: 0,
      talks: 0,
      audience: 0,
      trainingSessions: 0,
      trainees: 0,
      trainingHours: 0,
      consultations: 0,
      prescriptions: 0,
      clinicsServed: 0,
      screened: 0,
      positivesReferred: 0,
      projectCommittedFen: 0,
      projectPaidFen: 0,
      contractedHouseholds: 0,
      followUpsDue: 0,
      followUpsDone: 0,
    });
  });

  it('counts only done events: a published one and a cancelled one add nothing, a done one its head count and staff', () => {
    const village = db.select().from(events).where(eq(events.title, '刘家屯村入户走访慰问')).get()!.villageId!;
    const before = figures(admin);
    const open = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator, date: '2019-10-17', villageId: village });
    const quilts = db.select().from(items).where(eq(items.name, '棉被')).get()!;
    recordHandouts(db, { actor: coordinator, input: handoutSchema.parse({ eventId: String(open.eventId), quantities: { [quilts.id]: '1' } }) }, NOW);
    expect(figures(admin)).toEqual(before);
    cancelEvent(db, { actor: coordinator, eventId: open.eventId, reason: '大雪' }, NOW);
    expect(figures(admin)).toEqual(before);

    const clinic = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator, date: '2019-10-17', villageId: village });
    // Two medical staff from the roster.
    for (const name of ['周丽华', '陈静']) {
      const person = db.select().from(staff).where(eq(staff.name, name)).get()!;
      // Placed a week before the clinic.
      assignStaffToShift(db, { actor: coordinator, shiftId: clinic.shiftIds[0], staffId: person.id }, Date.parse('2019-10-10T10:00:00+08:00'));
    }
    completeEvent(db, { actor: coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 236 } }, NOW);
    const after = figures(admin);
    expect([after.events, after.peopleSeen, after.eventsWithoutHeadCount, after.medicalStaff, after.medicalStaffTimes, after.institutions]).toEqual([2, 236, 1, 2, 2, 1]);
  });

  it('counts each kind of work under its own figures, never as people seen: Jianxi’s training and remote diagnosis (seed 003)', () => {
    const organiserId = String(coordinator.memberships[0].institutionId);
    const before = figures(admin);
    const done = (kind: string, title: string, date: string, outcomes: Record<string, number>) => {
      const { id } = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId, kind, title, date, startTime: '08:30', endTime: '17:30', address: '区卫健委会议室' }) }, NOW);
      publishEvent(db, { actor: coordinator, eventId: id }, NOW);
      // A head count typed for another kind of work is not kept: the form of each kind asks its own.
      completeEvent(db, { actor: coordinator, eventId: id, outcomes: { peopleSeen: 999, ...outcomes } }, NOW);
      return db.select().from(events).where(eq(events.id, id)).get()!;
    };
    expect(done('training', '基层医务人员培训（8月2日至3日）', '2019-08-02', { trainees: 400, trainingHours: 16 })).toMatchObject({ peopleSeen: null, trainees: 400, trainingHours: 16 });
    done('remote_consultation', '村卫生室远程诊疗', '2019-08-10', { consultations: 790, prescriptions: 790, clinicsServed: 318 });
    done('lecture', '慢病防治健康讲座', '2019-08-12', { audience: 85 });
    done('screening', '两癌筛查', '2019-08-15', { screened: 260, positivesReferred: 4 });
    const after = figures(admin);
    const gained = (name: keyof typeof after) => (after[name] as number) - (before[name] as number);
    expect(['events', 'peopleSeen', 'eventsWithoutHeadCount', 'trainingSessions', 'trainees', 'trainingHours', 'consultations', 'prescriptions', 'clinicsServed', 'talks', 'audience', 'screened', 'positivesReferred'].map((n) => gained(n as keyof typeof after))).toEqual([
      4, 0, 0, 1, 400, 16, 790, 790, 318, 1, 85, 260, 4,
    ]);
    const report = tallyReport(db, { actor: admin, filters: tallyFilterSchema.parse({ from: '2019-08-01', to: '2019-08-31' }) });
    expect(report.summary.zh).toBe('共有1家医疗机构参与，开展健康讲座1场，听众85人次，开展培训1场，培训400人次，远程会诊790人次，开具处方790张，筛查260人次，阳性转诊4人。');
    // The database refuses a training's trainees counted as people seen at a free clinic.
    expect(() => db.update(events).set({ peopleSeen: 400 }).where(eq(events.title, '基层医务人员培训（8月2日至3日）')).run()).toThrow(/CHECK constraint failed: events_people_seen_of_kind/);
  });

  it('a reversed handout cancels out', () => {
    const line = db.select().from(stockEntries).where(eq(stockEntries.kind, 'handout')).all().find((l) => l.quantity === -50)!;
    reverseEntry(db, { actor: coordinator, entryId: line.id, reason: '录入错误' }, NOW);
    const after = figures(admin);
    expect(headline(after).drugsYuan).toBe(0);
    expect(after.materials).toEqual([{ kind: 'quilt', unit: 'bed', quantity: 7, valueFen: 84_000 }]);
  });

  it('counts an event held at an address in its township: the one chosen, or the one nearest its map point', () => {
    const nongan = idOf(areas, '农安县');
    const gaojiadian = idOf(areas, '高家店镇');
    const organiserId = String(coordinator.memberships[0].institutionId);
    const before = [figures(admin, { area: nongan }), figures(admin, { area: gaojiadian })];
    const held = (fields: Record<string, string>) => {
      const input = eventSchema.parse({ organiserId, kind: 'free_clinic', title: '合心镇卫生院门前义诊', date: '2019-10-17', startTime: '09:00', endTime: '12:00', address: '卫生院门前', ...fields });
      const { id } = createEvent(db, { actor: coordinator, input }, NOW);
      publishEvent(db, { actor: coordinator, eventId: id }, NOW);
      completeEvent(db, { actor: coordinator, eventId: id, outcomes: { peopleSeen: 100 } }, NOW);
      return db.select().from(events).where(eq(events.id, id)).get()!;
    };
    expect(held({ townshipId: gaojiadian }).townshipId).toBe(Number(gaojiadian));
    // About 200 m from 刘家屯村, in 高家店镇.
    expect(held({ lat: '44.5230', lng: '124.9710' }).townshipId).toBe(Number(gaojiadian));
    // Far from every village, and no township chosen: in no township, counted only where no area is chosen.
    expect(held({ lat: '30.0000', lng: '100.0000' }).townshipId).toBeNull();
    for (const [area, was] of [nongan, gaojiadian].map((id, i) => [id, before[i]] as const)) {
      expect([figures(admin, { area }).events, figures(admin, { area }).peopleSeen]).toEqual([was.events + 2, was.peopleSeen + 200]);
    }
    expect(tallyBreakdown(db, { actor: admin, filters: tallyFilterSchema.parse({}), by: 'county' }).find((r) => r.label === '农安县')!.events).toBe(before[0].events + 2);
    // A township must be one; an event at a village keeps none of its own.
    expect(refusal(() => createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId, kind: 'free_clinic', title: '义诊', date: '2019-10-17', startTime: '09:00', endTime: '12:00', address: '广场', townshipId: nongan }) }, NOW))).toMatchObject({ field: 'townshipId', message: 'validation.choice' });
    const village = db.select().from(events).where(eq(events.title, '刘家屯村入户走访慰问')).get()!.villageId!;
    const atVillage = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId, kind: 'free_clinic', title: '义诊', date: '2019-10-17', startTime: '09:00', endTime: '12:00', villageId: String(village), townshipId: gaojiadian }) }, NOW);
    expect(atVillage.townshipId).toBeNull();
  });

  it('filters by area, institution, campaign and dates', () => {
    const nongan = figures(admin, { area: idOf(areas, '农安县') });
    expect([nongan.events, nongan.visits, nongan.purchaseFen, nongan.cashFen]).toEqual([1, 2, 0, 0]);
    const qinyuan = figures(actorWithRole(db, 'admin', '沁源县卫生健康局'), { institution: idOf(institutions, '沁源县人民医院') });
    expect([qinyuan.events, qinyuan.visits, qinyuan.cashFen, qinyuan.inKindFen]).toEqual([0, 1, 620_000, 1_015_000]);
    // Money to persons and groups is placed in their village, so a county or a township keeps it.
    const qinyuanAdmin = actorWithRole(db, 'admin', '沁源县卫生健康局');
    expect([figures(qinyuanAdmin, { area: idOf(areas, '沁源县') })].map((f) => [f.cashFen, f.supportFundsFen, f.inKindFen])).toEqual([[620_000, 2_000_000, 1_015_000]]);
    // The press line of Qinyuan's 2020 names each in its own words.
    const year2020 = tallyReport(db, { actor: qinyuanAdmin, filters: tallyFilterSchema.parse({ from: '2020-01-01', to: '2020-12-31' }) });
    expect(year2020.headline).toMatchObject({ cashYuan: 6200, supportFundsYuan: 20000, inKindYuan: 10150 });
    expect(year2020.summary.zh).toContain('发放慰问金6200元，支持村集体帮扶资金2万元，捐赠物资价值1万余元');
    expect(year2020.summary.en).toContain('6,200 yuan of cash support, 20,000 yuan of support funds to village collectives, goods worth more than 10,000 yuan donated');
    expect([figures(qinyuanAdmin, { area: idOf(areas, '赤石桥乡') })].map((f) => [f.cashFen, f.supportFundsFen, f.inKindFen])).toEqual([[620_000, 2_000_000, 1_015_000]]);
    expect(() => figures(admin, { institution: idOf(institutions, '沁源县人民医院') })).toThrow(ForbiddenError);
    const campaign = String(db.select().from(campaigns).get()!.id);
    // The campaign (10–20 October 2019): its event, the visit on its day, and none of Qinyuan's (not taking part).
    const inCampaign = figures(admin, { campaign });
    expect([inCampaign.events, inCampaign.visits, inCampaign.householdsVisited, inCampaign.cashFen, inCampaign.purchaseGrams]).toEqual([1, 1, 1, 0, 0]);
    const september = figures(admin, { from: '2019-09-01', to: '2019-09-30' });
    expect([september.events, september.visits]).toEqual([0, 1]);
  });

  it('counts for each what it may: a coordinator their institution, publicity its bureau, a member nothing', () => {
    expect(figures(coordinator).purchaseFen).toBe(0);
    expect(figures(coordinator).events).toBe(1);
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    expect([figures(publicity).events, figures(publicity).cashFen]).toEqual([1, 0]);
    expect(() => figures(publicity, { institution: idOf(institutions, '沁源县人民医院') })).toThrow(ForbiddenError);
    expect(() => figures(actorWithRole(db, 'member', '长春市中心医院'))).toThrow(ForbiddenError);
  });
});
