// Events: who may create them, cancelling with notice to everyone signed up, completing, the public list.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { events, outbox } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { cancelSignup, signUpForShift } from '../signups/signups.server.ts';
import { eventSchema, roleSchema } from './events.ts';
import { addRole, cancelEvent, completeEvent, copyEvent, createEvent, getEvent, publishEvent, upcomingClinics } from './events.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let organiserId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
  organiserId = coordinator.memberships[0].institutionId;
});

function clinic(title: string, date = '2019-10-17', villageId: number | '' = '') {
  const event = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId: String(organiserId), kind: 'free_clinic', title, date, startTime: '09:00', endTime: '12:00', address: villageId ? '' : '卫生院门前', villageId: String(villageId), services: ['blood_pressure', 'ecg'] }) }, NOW);
  addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'doctor', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '1' }] }) }, NOW);
  return event.id;
}

describe('events', () => {
  it('are created by the organiser’s coordinators only, as drafts that only the organiser sees', () => {
    const input = eventSchema.parse({ organiserId: String(organiserId), kind: 'lecture', title: '讲座', date: '2019-10-17', startTime: '09:00', endTime: '10:00', address: '村委会' });
    expect(() => createEvent(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), input })).toThrow(ForbiddenError);
    expect(() => createEvent(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), input })).toThrow(ForbiddenError);
    const id = clinic('草稿');
    expect(() => getEvent(db, { actor: volunteer(db), eventId: id })).toThrow(ForbiddenError);
    publishEvent(db, { actor: coordinator, eventId: id }, NOW);
    expect(getEvent(db, { actor: volunteer(db), eventId: id }).title).toBe('草稿');
  });

  it('cancelled: everyone with a place or waiting is mailed the reason in their language, and sign-up closes', () => {
    const id = clinic('扶贫日义诊');
    publishEvent(db, { actor: coordinator, eventId: id }, NOW);
    const shiftId = getEvent(db, { actor: coordinator, eventId: id }).roles[0].shifts[0].id;
    const [a, b, c] = [volunteer(db, '甲'), volunteer(db, 'Bob', 'en'), volunteer(db, '丙')];
    signUpForShift(db, { actor: a, shiftId }, NOW);
    signUpForShift(db, { actor: b, shiftId }, NOW);
    const gone = signUpForShift(db, { actor: c, shiftId }, NOW + 1);
    cancelSignup(db, { actor: c, signupId: gone.signupId }, NOW + 2);

    cancelEvent(db, { actor: coordinator, eventId: id, reason: '暴雪预警' }, NOW + 3);
    const notices = db.select().from(outbox).where(eq(outbox.kind, 'event_cancelled')).all();
    expect(notices.map((m) => m.subject).sort()).toEqual(['Cancelled: 扶贫日义诊', '活动取消：扶贫日义诊']);
    expect(notices.find((m) => m.locale === 'zh-CN')!.body).toContain('原因：暴雪预警');
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({ state: 'cancelled', cancelReason: '暴雪预警', checkinCode: null });
    expect(() => signUpForShift(db, { actor: volunteer(db), shiftId }, NOW + 4)).toThrow('signup.notOpen');
    expect(() => cancelEvent(db, { actor: coordinator, eventId: id, reason: '再次' }, NOW + 5)).toThrow('event.closed');
  });

  it('completed with the number of people seen', () => {
    const id = clinic('义诊');
    expect(() => completeEvent(db, { actor: coordinator, eventId: id, outcomes: { peopleSeen: 80 } })).toThrow('event.closed');
    publishEvent(db, { actor: coordinator, eventId: id }, NOW);
    completeEvent(db, { actor: coordinator, eventId: id, outcomes: { peopleSeen: 400 } }, NOW);
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({ state: 'done', peopleSeen: 400 });
  });
});

describe('copying an event', () => {
  it('makes a draft on the new date with the same roles and shifts, and no sign-ups', () => {
    const id = clinic('2019年扶贫日义诊');
    publishEvent(db, { actor: coordinator, eventId: id }, NOW);
    signUpForShift(db, { actor: volunteer(db), shiftId: getEvent(db, { actor: coordinator, eventId: id }).roles[0].shifts[0].id }, NOW);
    expect(() => copyEvent(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), eventId: id, date: '2020-10-17' })).toThrow(ForbiddenError);
    const copy = getEvent(db, { actor: coordinator, eventId: copyEvent(db, { actor: coordinator, eventId: id, date: '2020-10-17' }, NOW).id });
    expect(copy).toMatchObject({ title: '2019年扶贫日义诊', date: '2020-10-17', state: 'draft', services: ['blood_pressure', 'ecg'] });
    expect(copy.roles).toHaveLength(1);
    expect(copy.roles[0].shifts[0]).toMatchObject({ capacity: 1, startsAt: Date.parse('2020-10-17T09:00:00+08:00'), endsAt: Date.parse('2020-10-17T12:00:00+08:00') });
    expect(db.$client.prepare('SELECT COUNT(*) AS n FROM signups WHERE shift_id = ?').get(copy.roles[0].shifts[0].id)).toEqual({ n: 0 });
    // Renamed as it is copied.
    expect(getEvent(db, { actor: coordinator, eventId: copyEvent(db, { actor: coordinator, eventId: id, date: '2021-10-17', title: '2021年扶贫日义诊' }, NOW).id })).toMatchObject({ title: '2021年扶贫日义诊', date: '2021-10-17' });
  });
});

describe('coming free clinics', () => {
  it('lists published clinics from today on, filtered by county, with no names of people', () => {
    const village = db.$client.prepare("SELECT id FROM villages WHERE name = '刘家屯村'").get() as { id: number };
    const open = clinic('刘家屯义诊', '2019-10-17', village.id);
    publishEvent(db, { actor: coordinator, eventId: open }, NOW);
    clinic('草稿义诊');
    const past = clinic('过去的义诊', '2019-10-01');
    publishEvent(db, { actor: coordinator, eventId: past }, NOW);
    const list = upcomingClinics(db, { from: '2019-10-10', countyId: null });
    expect(list.map((c) => c.title)).toEqual(['刘家屯义诊']);
    expect(list[0]).toMatchObject({ county: '农安县', township: '高家店镇', village: '刘家屯村', services: ['blood_pressure', 'ecg'] });
    const nongan = list[0].countyId!;
    expect(upcomingClinics(db, { from: '2019-10-10', countyId: nongan })).toHaveLength(1);
    expect(upcomingClinics(db, { from: '2019-10-10', countyId: nongan + 999 })).toHaveLength(0);
  });
});
