// The organiser assigning, moving and messaging people: never past capacity, always with a mail.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox, signups, users } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { roleSchema } from '../events/events.ts';
import { addRole, getEvent } from '../events/events.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { assignToShift, messageEvent, moveSignup } from './assignments.server.ts';
import { signUpForShift } from './signups.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let eventId: number;
let shiftIds: number[];

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  ({ coordinator, eventId, shiftIds } = publishedClinic(db, NOW, [
    { startTime: '09:00', endTime: '12:00', capacity: '1' },
    { startTime: '13:00', endTime: '16:00', capacity: '1' },
  ]));
});

const emailOf = (actor: Actor) => db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).get()!.email;
const mails = (kind: string) => db.select().from(outbox).where(eq(outbox.kind, kind)).all();
const signupOf = (id: number) => db.select().from(signups).where(eq(signups.id, id)).get()!;

describe('assigning', () => {
  it('puts a person with an account on a shift, mails them the place with an .ics, and never past capacity', () => {
    const nurse = volunteer(db, '护士甲', 'en');
    const { signupId } = assignToShift(db, { actor: coordinator, shiftId: shiftIds[0], email: emailOf(nurse) }, NOW);
    expect(signupOf(signupId)).toMatchObject({ state: 'confirmed', assignedBy: coordinator.userId });
    const [mail] = mails('assigned');
    expect(mail).toMatchObject({ recipient: emailOf(nurse), subject: 'You have been assigned: 扶贫日大型义诊' });
    expect(JSON.parse(mail.attachments!)[0].content).toContain(`UID:signup-${signupId}@yizhen`);

    expect(() => assignToShift(db, { actor: coordinator, shiftId: shiftIds[0], email: emailOf(nurse) }, NOW)).toThrow('assign.already');
    expect(() => assignToShift(db, { actor: coordinator, shiftId: shiftIds[0], email: emailOf(volunteer(db)) }, NOW)).toThrow('assign.full');
    expect(() => assignToShift(db, { actor: coordinator, shiftId: shiftIds[1], email: 'nobody@example.com' }, NOW)).toThrow('assign.noAccount');
  });

  it('gives a licensed-doctor role only to someone with a practising certificate number', () => {
    const role = addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId, kind: 'doctor', requirement: 'licensed_doctor', shifts: [{ startTime: '13:00', endTime: '16:00', capacity: '1' }] }) }, NOW);
    const shiftId = getEvent(db, { actor: coordinator, eventId }).roles.find((r) => r.id === role.id)!.shifts[0].id;
    const doctor = volunteer(db, '李医生');
    expect(() => assignToShift(db, { actor: coordinator, shiftId, email: emailOf(doctor) }, NOW)).toThrow('assign.licenceRequired');
    db.update(users).set({ doctorLicence: '110370100000123' }).where(eq(users.id, doctor.userId)).run();
    expect(assignToShift(db, { actor: coordinator, shiftId, email: emailOf(doctor) }, NOW).signupId).toBeGreaterThan(0);
  });

  it('is for the organiser’s coordinators only', () => {
    const email = emailOf(volunteer(db));
    for (const actor of [actorWithRole(db, 'member', '长春市中心医院'), actorWithRole(db, 'coordinator', '沁源县人民医院'), actorWithRole(db, 'publicity', '长春市卫生健康委员会')]) {
      expect(() => assignToShift(db, { actor, shiftId: shiftIds[0], email }, NOW)).toThrow(ForbiddenError);
    }
    expect(mails('assigned')).toHaveLength(0);
  });

  it('warns before giving someone overlapping shifts', () => {
    const busy = volunteer(db);
    const other = publishedClinic(db, NOW, [{ startTime: '10:00', endTime: '11:00', capacity: '3' }]);
    signUpForShift(db, { actor: busy, shiftId: other.shiftIds[0] }, NOW);
    expect(() => assignToShift(db, { actor: coordinator, shiftId: shiftIds[0], email: emailOf(busy) }, NOW)).toThrow('assign.overlap');
    expect(assignToShift(db, { actor: coordinator, shiftId: shiftIds[0], email: emailOf(busy), acceptOverlap: true }, NOW).signupId).toBeGreaterThan(0);
  });
});

describe('moving', () => {
  it('moves a person to another shift with room; the freed place is offered to the waiting list', () => {
    const [a, b] = [volunteer(db, '甲'), volunteer(db, '乙')];
    const placed = signUpForShift(db, { actor: a, shiftId: shiftIds[0] }, NOW).signupId;
    const waiting = signUpForShift(db, { actor: b, shiftId: shiftIds[0] }, NOW + 1).signupId;
    moveSignup(db, { actor: coordinator, signupId: placed, shiftId: shiftIds[1] }, NOW + 2);
    expect(signupOf(placed)).toMatchObject({ shiftId: shiftIds[1], state: 'confirmed' });
    expect(mails('moved')[0].recipient).toBe(emailOf(a));
    expect(signupOf(waiting).state).toBe('offered');
    expect(mails('offer').map((m) => m.recipient)).toEqual([emailOf(b)]);
    // The afternoon is now full: nobody else can be moved there.
    expect(() => moveSignup(db, { actor: coordinator, signupId: waiting, shiftId: shiftIds[1] }, NOW + 3)).toThrow('assign.full');
    expect(() => moveSignup(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), signupId: placed, shiftId: shiftIds[0] }, NOW + 3)).toThrow(ForbiddenError);
  });

  it('stays within the event', () => {
    const placed = signUpForShift(db, { actor: volunteer(db), shiftId: shiftIds[0] }, NOW).signupId;
    const elsewhere = publishedClinic(db, NOW, [{ startTime: '13:00', endTime: '16:00', capacity: '3' }]);
    expect(() => moveSignup(db, { actor: coordinator, signupId: placed, shiftId: elsewhere.shiftIds[0] }, NOW)).toThrow('validation.choice');
  });
});

describe('messaging everyone on an event', () => {
  it('mails those with a place, or the waiting list too, each framed in their language', () => {
    expect(() => messageEvent(db, { actor: coordinator, eventId, audience: 'placed', subject: '集合', text: '早上8点在医院门口集合' }, NOW)).toThrow('message.nobody');
    signUpForShift(db, { actor: volunteer(db, '甲'), shiftId: shiftIds[0] }, NOW);
    signUpForShift(db, { actor: volunteer(db, 'Bob', 'en'), shiftId: shiftIds[0] }, NOW);
    expect(messageEvent(db, { actor: coordinator, eventId, audience: 'placed', subject: '集合', text: '早上8点在医院门口集合' }, NOW)).toBe(1);
    expect(messageEvent(db, { actor: coordinator, eventId, audience: 'everyone', subject: '集合', text: '早上8点在医院门口集合' }, NOW)).toBe(2);
    const sent = mails('event_message');
    expect(sent.map((m) => m.subject).sort()).toEqual(['扶贫日大型义诊: 集合', '扶贫日大型义诊：集合', '扶贫日大型义诊：集合']);
    expect(sent.every((m) => m.body.includes('早上8点在医院门口集合'))).toBe(true);
    expect(() => messageEvent(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), eventId, audience: 'placed', subject: 'x', text: 'y' }, NOW)).toThrow(ForbiddenError);
  });
});
