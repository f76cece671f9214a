// The home page's agenda: each person sees what waits for them, and nothing of institutions they do not run.
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { institutionId } from '#tests/setup/demo.ts';
import { campaignSchema } from '../campaigns/campaigns.ts';
import { createCampaign, inviteInstitutions } from '../campaigns/campaigns.server.ts';
import { eventSchema, roleSchema } from '../events/events.ts';
import { addRole, completeEvent, createEvent, getEvent } from '../events/events.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { acceptOffer, cancelSignup, signUpForShift } from '../signups/signups.server.ts';
import { areaAgenda, homeAgenda, institutionsAgenda, operatorAgenda, publicityAgenda, volunteerAgenda } from './agenda.server.ts';

const HOUR = 3_600_000;
const BOOKED = Date.parse('2019-10-10T10:00:00+08:00');
/** A Monday: its week runs to Sunday 20 October, with the clinic on the 17th in it. */
const MONDAY = Date.parse('2019-10-14T10:00:00+08:00');
const NINE_ON_THE_DAY = Date.parse('2019-10-17T09:00:00+08:00');
let db: Db;
let coordinator: Actor;
let eventId: number;
let nurseShift: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, BOOKED);
  const clinic = publishedClinic(db, BOOKED, [{ startTime: '09:00', endTime: '12:00', capacity: '1' }]);
  ({ coordinator, eventId } = clinic);
  nurseShift = clinic.shiftIds[0];
});

describe("a volunteer's shifts and offers", () => {
  it('lists the shifts to come with their place and when check-in opens, and the hours given this year', () => {
    const first = volunteer(db, '甲');
    const second = volunteer(db, '乙');
    signUpForShift(db, { actor: first, shiftId: nurseShift }, BOOKED);
    signUpForShift(db, { actor: second, shiftId: nurseShift }, BOOKED + 1);

    const mine = volunteerAgenda(db, first, MONDAY);
    expect(mine.shifts.map((s) => [s.title, s.signup.state, s.checkInOpen])).toEqual([['扶贫日大型义诊', 'confirmed', false]]);
    expect(mine.shifts[0].checkInOpensAt).toBe(NINE_ON_THE_DAY - 2 * HOUR);
    expect(volunteerAgenda(db, first, NINE_ON_THE_DAY - HOUR).shifts[0].checkInOpen).toBe(true);
    expect(volunteerAgenda(db, second, MONDAY).shifts.map((s) => [s.signup.state, s.waitlistPosition])).toEqual([['waitlisted', 1]]);

    // Once the shift is over it leaves the list and counts in the year's hours (in its year only).
    const after = Date.parse('2019-10-17T13:00:00+08:00');
    expect(volunteerAgenda(db, first, after)).toMatchObject({ shifts: [], hoursThisYear: 3 });
    expect(volunteerAgenda(db, first, Date.parse('2020-01-02T10:00:00+08:00')).hoursThisYear).toBe(0);
  });

  it('offers a freed place to the next in line, who takes it signed in, once, and no one else can', () => {
    const first = volunteer(db, '甲');
    const second = volunteer(db, '乙');
    const firstSignup = signUpForShift(db, { actor: first, shiftId: nurseShift }, BOOKED).signupId;
    const secondSignup = signUpForShift(db, { actor: second, shiftId: nurseShift }, BOOKED + 1).signupId;
    cancelSignup(db, { actor: first, signupId: firstSignup }, MONDAY);

    const offered = volunteerAgenda(db, second, MONDAY);
    expect(offered.offers.map((o) => [o.signup.id, o.signup.state])).toEqual([[secondSignup, 'offered']]);
    expect(() => acceptOffer(db, { actor: first, signupId: secondSignup }, MONDAY)).toThrow(ForbiddenError);
    expect(acceptOffer(db, { actor: second, signupId: secondSignup }, MONDAY + 1)).toEqual({ signupId: secondSignup, eventId });
    expect(() => acceptOffer(db, { actor: second, signupId: secondSignup }, MONDAY + 2)).toThrow('signup.offerGone');
    expect(volunteerAgenda(db, second, MONDAY + 3)).toMatchObject({ offers: [], shifts: [{ signup: { state: 'confirmed' } }] });
  });

  it('refuses an offer taken after it lapsed', () => {
    const first = volunteer(db, '甲');
    const second = volunteer(db, '乙');
    const firstSignup = signUpForShift(db, { actor: first, shiftId: nurseShift }, BOOKED).signupId;
    const secondSignup = signUpForShift(db, { actor: second, shiftId: nurseShift }, BOOKED + 1).signupId;
    cancelSignup(db, { actor: first, signupId: firstSignup }, MONDAY);
    expect(() => acceptOffer(db, { actor: second, signupId: secondSignup }, MONDAY + 13 * HOUR)).toThrow('signup.offerExpired');
  });
});

describe("an institution's work", () => {
  it("names this week's events with their open places and unstaffed doctor roles, and the drafts to come", () => {
    const doctorRole = addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId, kind: 'doctor', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '2' }] }) }, BOOKED);
    const organiserId = String(coordinator.memberships[0].institutionId);
    const draft = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId, campaignId: '', kind: 'lecture', title: '健康讲座', date: '2019-11-02', startTime: '09:00', endTime: '11:00', address: '村委会', villageId: '', services: [] }) }, BOOKED);
    createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId, campaignId: '', kind: 'lecture', title: '去年的草稿', date: '2019-10-01', startTime: '09:00', endTime: '11:00', address: '村委会', villageId: '', services: [] }) }, BOOKED);
    signUpForShift(db, { actor: volunteer(db, '护士'), shiftId: nurseShift }, BOOKED);

    const [work] = institutionsAgenda(db, coordinator, MONDAY);
    expect(work.institution).toBe('长春市中心医院');
    // The nurse's one place is taken; the doctor role's two are open and nobody has taken one.
    expect(work.week.map((e) => [e.id, e.hasRoles, e.placesOpen, e.doctorRolesEmpty])).toEqual([[eventId, true, 2, 1]]);
    expect(work.drafts.map((d) => d.id)).toEqual([draft.id]);

    // Once a doctor signs up the role is staffed, though one of its places is still open.
    const doctorShift = getEvent(db, { actor: coordinator, eventId }).roles.find((r) => r.id === doctorRole.id)!.shifts[0].id;
    signUpForShift(db, { actor: volunteer(db, '医生'), shiftId: doctorShift }, BOOKED);
    expect(institutionsAgenda(db, coordinator, MONDAY)[0].week.map((e) => [e.placesOpen, e.doctorRolesEmpty])).toEqual([[1, 0]]);
    const [later] = institutionsAgenda(db, coordinator, Date.parse('2019-10-21T10:00:00+08:00'));
    expect(later.week).toEqual([]);
  });

  it('leaves out a done event, and the work of institutions the reader does not run', () => {
    const member = actorWithRole(db, 'member', '长春市中心医院');
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(institutionsAgenda(db, member, MONDAY)).toEqual([]);
    expect(institutionsAgenda(db, other, MONDAY).map((w) => [w.institution, w.week, w.drafts])).toEqual([['沁源县人民医院', [], []]]);
    completeEvent(db, { actor: coordinator, eventId, outcomes: { peopleSeen: 30 } }, MONDAY);
    expect(institutionsAgenda(db, coordinator, MONDAY)[0].week).toEqual([]);
  });

  it("lists an invitation to a campaign for the invited institution's coordinators only", () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const campaign = createCampaign(db, { actor: admin, input: campaignSchema.parse({ organiserId: String(institutionId(db, '长春市卫生健康委员会')), name: '2019年冬季送温暖', startDate: '2019-12-01', endDate: '2019-12-31', description: '' }) }, BOOKED);
    inviteInstitutions(db, { actor: admin, campaignId: campaign.id, institutionIds: [institutionId(db, '长春市中心医院')] }, BOOKED);
    expect(institutionsAgenda(db, coordinator, MONDAY)[0].campaignInvitations.map((i) => i.campaign)).toEqual(['2019年冬季送温暖']);
    expect(institutionsAgenda(db, actorWithRole(db, 'coordinator', '长春市妇产医院'), MONDAY)[0].campaignInvitations).toEqual([]);
    // The administrator's own bureau was not invited: the invitation is not the bureau's to answer.
    expect(institutionsAgenda(db, admin, MONDAY)[0].campaignInvitations).toEqual([]);
  });
});

describe("a bureau's area", () => {
  it('shows the campaigns its bureau runs with how far each has come, until a month after they end', () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    // The demo campaign: the commission's ten institutions and 宽城区's bureau joined; the hospital's visit to
    // 刘家屯村 is done (the clinic of these tests is in no campaign).
    const progress = { name: '2019年全国扶贫日健康扶贫活动', invited: 11, joined: 11, declined: 0, eventsPlanned: 0, eventsDone: 1, eventsCancelled: 0 };
    expect(areaAgenda(db, admin, MONDAY)?.campaigns).toEqual([expect.objectContaining(progress)]);
    expect(areaAgenda(db, admin, Date.parse('2019-11-19T10:00:00+08:00'))?.campaigns).toHaveLength(1);
    expect(areaAgenda(db, admin, Date.parse('2019-11-20T10:00:00+08:00'))?.campaigns).toEqual([]);
    expect(areaAgenda(db, actorWithRole(db, 'admin', '沁源县卫生健康局'), MONDAY)?.campaigns).toEqual([]);
  });

  it("names the area's institutions most behind on their obligations, and only its own", () => {
    const area = areaAgenda(db, actorWithRole(db, 'admin', '长春市卫生健康委员会'), MONDAY)!;
    expect(area.behind.length).toBeLessThanOrEqual(5);
    expect(area.behind.map((b) => b.overdue)).toEqual([...area.behind.map((b) => b.overdue)].sort((a, b) => b - a));
    expect(area.overdueCount).toBeGreaterThanOrEqual(area.behind.reduce((sum, b) => sum + b.overdue, 0));
    expect(area.behindCount).toBeGreaterThanOrEqual(area.behind.length);
    const qinyuan = areaAgenda(db, actorWithRole(db, 'admin', '沁源县卫生健康局'), MONDAY)!;
    expect(qinyuan.behind.map((b) => b.institution).filter((name) => name.startsWith('长春'))).toEqual([]);
  });

  it('is for administrators only', () => {
    expect(areaAgenda(db, coordinator, MONDAY)).toBeNull();
    expect(areaAgenda(db, actorWithRole(db, 'publicity', '长春市卫生健康委员会'), MONDAY)).toBeNull();
  });
});

describe("a publicity office's year", () => {
  it("counts this year's headline figures against the same days a year earlier", () => {
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    completeEvent(db, { actor: coordinator, eventId, outcomes: { peopleSeen: 30 } }, MONDAY);
    const year = publicityAgenda(db, publicity, Date.parse('2019-12-31T10:00:00+08:00'))!;
    expect(year.filters).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    // The demo visit to 刘家屯村 and this clinic; 30 people seen at the clinic.
    expect([year.headline.events, year.headline.peopleSeen]).toEqual([2, 30]);
    expect([year.earlierHeadline?.events, year.earlierHeadline?.peopleSeen]).toEqual([0, 0]);
    expect(year.latestSnapshot).toBeNull();
  });

  it('is for publicity offices only', () => {
    expect(publicityAgenda(db, coordinator, MONDAY)).toBeNull();
    expect(publicityAgenda(db, actorWithRole(db, 'admin', '长春市卫生健康委员会'), MONDAY)).toBeNull();
  });
});

describe("the system operator's mail", () => {
  it('counts the mails that could not be sent, for the operator only', () => {
    const operator = actorWithRole(db, 'operator', '长春市卫生健康委员会');
    expect(operatorAgenda(db, operator)).toEqual({ failedMails: 0 });
    db.insert(outbox).values({ messageId: 'failed-1@yizhen', kind: 'test', recipient: 'x@example.com', locale: 'zh-CN', subject: 's', body: 'b', state: 'failed', attempts: 8, nextAttemptAt: 0 }).run();
    expect(operatorAgenda(db, operator)).toEqual({ failedMails: 1 });
    expect(operatorAgenda(db, coordinator)).toBeNull();
    expect(homeAgenda(db, coordinator, MONDAY).operator).toBeNull();
  });
});
