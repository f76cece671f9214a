// Sign-ups against a real database: places, the waiting list, offers by mail and their lapse.
import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox, signups, users } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { profileSchema } from '../accounts/accounts.ts';
import { updateProfile } from '../accounts/accounts.server.ts';
import { roleSchema } from '../events/events.ts';
import { addRole, getEvent } from '../events/events.server.ts';
import type { Db } from '../server/db.ts';
import { DomainError } from '../server/errors.ts';
import { cancelSignup, confirmOffer, expireOffers, listMySignups, signUpForShift } from './signups.server.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let shiftIds: number[];
let clinic: ReturnType<typeof publishedClinic>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  clinic = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '2' }, { startTime: '11:00', endTime: '16:00', capacity: '1' }]);
  shiftIds = clinic.shiftIds;
});

const mails = (kind: string) => db.select().from(outbox).where(eq(outbox.kind, kind)).all();
const tokenIn = (body: string) => body.match(/token=([\w-]+)/)![1];
const stateOf = (signupId: number) => db.select({ state: signups.state }).from(signups).where(eq(signups.id, signupId)).get()!.state;

describe('signing up', () => {
  it('gives places until the shift is full, then the waiting list, with a mail each (an .ics for places)', () => {
    const [a, b, c] = [volunteer(db, '甲'), volunteer(db, '乙'), volunteer(db, '丙')];
    expect(signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW).state).toBe('confirmed');
    expect(signUpForShift(db, { actor: b, shiftId: shiftIds[0] }, NOW).state).toBe('confirmed');
    expect(signUpForShift(db, { actor: c, shiftId: shiftIds[0] }, NOW).state).toBe('waitlisted');
    const confirmed = mails('signupConfirmed');
    expect(confirmed).toHaveLength(2);
    expect(confirmed[0].subject).toBe('报名成功：扶贫日大型义诊');
    expect(confirmed[0].body).toContain('护士');
    const [ics] = JSON.parse(confirmed[0].attachments!);
    expect(ics).toMatchObject({ filename: 'yizhen.ics', contentType: expect.stringContaining('text/calendar') });
    expect(ics.content).toContain('DTSTART:20191017T010000Z');
    expect(mails('signupWaitlisted')).toHaveLength(1);
    expect(mails('signupWaitlisted')[0].attachments).toBeNull();
  });

  it('refuses a second sign-up for the same shift, and warns of an overlapping one', () => {
    const a = volunteer(db);
    signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW);
    expect(() => signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW)).toThrow('signup.already');
    expect(() => signUpForShift(db, { actor: a, shiftId: shiftIds[1] }, NOW)).toThrow('signup.overlap');
    expect(signUpForShift(db, { actor: a, shiftId: shiftIds[1], acceptOverlap: true }, NOW).state).toBe('confirmed');
  });

  it('is closed for drafts and for shifts that are over', () => {
    expect(() => signUpForShift(db, { actor: volunteer(db), shiftId: shiftIds[0] }, Date.parse('2019-10-17T12:00:00+08:00'))).toThrow('signup.notOpen');
  });
});

describe('cancelling and the waiting list', () => {
  it('offers a freed place to the first on the list, who confirms by the mailed link', () => {
    const [a, b, c, d] = [volunteer(db, '甲'), volunteer(db, '乙'), volunteer(db, '丙'), volunteer(db, '丁')];
    const first = signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW);
    signUpForShift(db, { actor: b, shiftId: shiftIds[0] }, NOW);
    const waitingC = signUpForShift(db, { actor: c, shiftId: shiftIds[0] }, NOW + 1);
    const waitingD = signUpForShift(db, { actor: d, shiftId: shiftIds[0] }, NOW + 2);

    cancelSignup(db, { actor: a, signupId: first.signupId }, NOW + HOUR);
    expect(stateOf(first.signupId)).toBe('cancelled');
    expect(stateOf(waitingC.signupId)).toBe('offered');
    expect(stateOf(waitingD.signupId)).toBe('waitlisted');
    const offer = mails('offer');
    expect(offer).toHaveLength(1);
    expect(offer[0].subject).toBe('有空出的名额：扶贫日大型义诊');
    expect(offer[0].body).toContain('为您保留 12 小时');

    // Someone else cannot take the held place meanwhile.
    expect(signUpForShift(db, { actor: volunteer(db), shiftId: shiftIds[0] }, NOW + HOUR).state).toBe('waitlisted');

    const confirmed = confirmOffer(db, { token: tokenIn(offer[0].body) }, NOW + 2 * HOUR);
    expect(confirmed.signupId).toBe(waitingC.signupId);
    expect(stateOf(waitingC.signupId)).toBe('confirmed');
    expect(() => confirmOffer(db, { token: tokenIn(offer[0].body) }, NOW + 2 * HOUR)).toThrow('signup.offerInvalid');
    expect(db.select({ n: count() }).from(signups).where(and(eq(signups.shiftId, shiftIds[0]), eq(signups.state, 'confirmed'))).get()!.n).toBe(2);
  });

  it('tells each waiting person their place in the line, which moves up as places are offered', () => {
    const [a, b, c, d] = ['甲', '乙', '丙', '丁'].map((name) => volunteer(db, name));
    const ids = [a, b].map((person, i) => signUpForShift(db, { actor: person, shiftId: shiftIds[0] }, NOW + i).signupId);
    signUpForShift(db, { actor: c, shiftId: shiftIds[0] }, NOW + 2);
    signUpForShift(db, { actor: d, shiftId: shiftIds[0] }, NOW + 3);
    const onEvent = (person: typeof a) => listMySignups(db, { actor: person, eventId: clinic.eventId }, NOW).map((r) => [r.signup.state, r.waitlistPosition]);
    expect([a, c, d].map(onEvent)).toEqual([[['confirmed', null]], [['waitlisted', 1]], [['waitlisted', 2]]]);
    cancelSignup(db, { actor: a, signupId: ids[0] }, NOW + 4);
    expect([c, d].map(onEvent)).toEqual([[['offered', null]], [['waitlisted', 1]]]);
    // Another event's sign-ups are not this event's.
    expect(listMySignups(db, { actor: d, eventId: clinic.eventId + 1000 }, NOW)).toEqual([]);
  });

  it('lets an offer lapse after 12 hours and offers the place to the next person', () => {
    const [a, b, c, d] = [volunteer(db, '甲'), volunteer(db, '乙'), volunteer(db, '丙'), volunteer(db, '丁')];
    const first = signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW);
    signUpForShift(db, { actor: b, shiftId: shiftIds[0] }, NOW);
    const waitingC = signUpForShift(db, { actor: c, shiftId: shiftIds[0] }, NOW + 1);
    const waitingD = signUpForShift(db, { actor: d, shiftId: shiftIds[0] }, NOW + 2);
    cancelSignup(db, { actor: a, signupId: first.signupId }, NOW);
    const offerToC = tokenIn(mails('offer')[0].body);

    expect(expireOffers(db, NOW + 12 * HOUR - 1)).toBe(0);
    expect(expireOffers(db, NOW + 12 * HOUR)).toBe(1);
    expect(stateOf(waitingC.signupId)).toBe('cancelled');
    expect(stateOf(waitingD.signupId)).toBe('offered');
    expect(mails('offerExpired')).toHaveLength(1);
    expect(mails('offer')).toHaveLength(2);
    expect(() => confirmOffer(db, { token: offerToC }, NOW + 13 * HOUR)).toThrow('signup.offerInvalid');
  });

  it('refuses a cancellation within 12 hours of the start, and another person’s', () => {
    const a = volunteer(db);
    const signup = signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW);
    expect(() => cancelSignup(db, { actor: volunteer(db), signupId: signup.signupId }, NOW)).toThrow('error.forbidden');
    try {
      cancelSignup(db, { actor: a, signupId: signup.signupId }, Date.parse('2019-10-16T22:00:00+08:00'));
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).message).toBe('signup.tooLate?hours=12');
    }
  });
});

describe('role requirements', () => {
  function roleRequiring(requirement: 'members_only' | 'licensed_doctor') {
    const role = addRole(db, { actor: clinic.coordinator, input: roleSchema.parse({ eventId: clinic.eventId, kind: 'doctor', specialty: '心内科', requirement, shifts: [{ startTime: '13:00', endTime: '16:00', capacity: '3' }] }) }, NOW);
    return getEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId }).roles.find((r) => r.id === role.id)!.shifts[0].id;
  }

  it('members-only roles take the organiser’s members only', () => {
    const shiftId = roleRequiring('members_only');
    expect(() => signUpForShift(db, { actor: volunteer(db), shiftId }, NOW)).toThrow('signup.membersOnly');
    expect(signUpForShift(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), shiftId }, NOW).state).toBe('confirmed');
  });

  it('licensed-doctor roles take people who gave a practising certificate number', () => {
    const shiftId = roleRequiring('licensed_doctor');
    const doctor = volunteer(db, '李医生');
    expect(() => signUpForShift(db, { actor: doctor, shiftId }, NOW)).toThrow('signup.licenceRequired');
    updateProfile(db, doctor.userId, profileSchema.parse({ name: '李医生', locale: 'zh-CN', doctorLicence: '１１０３７０１０００００１２３' }), NOW);
    expect(db.select({ licence: users.doctorLicence }).from(users).where(eq(users.id, doctor.userId)).get()!.licence).toBe('110370100000123');
    expect(signUpForShift(db, { actor: doctor, shiftId }, NOW).state).toBe('confirmed');
  });
});
