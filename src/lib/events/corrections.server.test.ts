// Correcting events, roles and shifts against a real database: what changes, who is told, what the history says.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, events, outbox, shifts, signups } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { recordHistory } from '../audit/audit.server.ts';
import type { Db } from '../server/db.ts';
import { cancelSignup, signUpForShift } from '../signups/signups.server.ts';
import { addShift, cancelEvent, completeEvent, correctHeadCount, createEvent, deleteEvent, deleteShift, getEvent, updateEvent, updateRole, updateShift } from './events.server.ts';
import { eventSchema, eventUpdateSchema } from './events.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let clinic: ReturnType<typeof publishedClinic>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  clinic = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '2' }]);
});

const mails = (kind: string) => db.select().from(outbox).where(eq(outbox.kind, kind)).all();
const icsOf = (mail: { attachments: string | null }) => (JSON.parse(mail.attachments!) as { content: string; contentType: string }[])[0];
const event = () => getEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId });
const form = (fields: Record<string, unknown>) => {
  const current = event();
  const { eventId: _id, ...input } = eventUpdateSchema.parse({
    eventId: String(current.id),
    organiserId: String(current.organiserId),
    campaignId: '',
    kind: current.kind,
    title: current.title,
    date: current.date,
    startTime: current.startTime,
    endTime: current.endTime,
    villageId: '',
    address: current.address ?? '',
    services: current.services,
    notes: current.notes ?? '',
    expectedAttendance: current.expectedAttendance === null ? '' : String(current.expectedAttendance),
    ...fields,
  });
  return input;
};

describe('correcting an event', () => {
  it('moves it to another day with its shifts, and mails each person holding a place once, with the calendar entry updated', () => {
    const [a, b] = [volunteer(db, '甲'), volunteer(db, '乙')];
    const placeA = signUpForShift(db, { actor: a, shiftId: clinic.shiftIds[0] }, NOW);
    signUpForShift(db, { actor: b, shiftId: clinic.shiftIds[0] }, NOW);
    const { changed } = updateEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, input: form({ date: '2019-10-18', address: '合心镇卫生院二楼' }) }, NOW + 1);
    expect(changed.sort()).toEqual(['address', 'date']);
    const shift = db.select().from(shifts).where(eq(shifts.id, clinic.shiftIds[0])).get()!;
    expect(shift.startsAt).toBe(Date.parse('2019-10-18T09:00:00+08:00'));
    const changedMails = mails('event_changed');
    expect(changedMails).toHaveLength(2);
    expect(changedMails[0].body).toContain('2019-10-17 09:00–16:00 → 2019-10-18 09:00–16:00');
    expect(changedMails[0].body).toContain('合心镇卫生院门前 → 合心镇卫生院二楼');
    const ics = icsOf(changedMails[0]);
    expect(ics.content).toContain(`UID:signup-${placeA.signupId}@yizhen`);
    // The confirmation was SEQUENCE 0; this is the first change.
    expect(ics.content).toContain('SEQUENCE:1');
    expect(ics.content).toContain('DTSTART:20191018T010000Z');
  });

  it('mails nobody for a corrected title or notes, and writes nothing when nothing changed', () => {
    signUpForShift(db, { actor: volunteer(db), shiftId: clinic.shiftIds[0] }, NOW);
    updateEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, input: form({ title: '重阳节大型义诊', notes: '带好血压计' }) }, NOW + 1);
    expect(mails('event_changed')).toHaveLength(0);
    expect(event().title).toBe('重阳节大型义诊');
    const before = db.select().from(auditLog).all().length;
    expect(updateEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, input: form({}) }, NOW + 2).changed).toEqual([]);
    expect(db.select().from(auditLog).all().length).toBe(before);
  });

  it('is refused to another institution and once cancelled', () => {
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(() => updateEvent(db, { actor: other, eventId: clinic.eventId, input: form({ title: 'x' }) })).toThrow('error.forbidden');
    cancelEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, reason: '大雪' }, NOW);
    expect(() => updateEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, input: form({ title: 'x' }) })).toThrow('event.closed');
  });

  it('keeps its history: who changed which field from what to what', () => {
    updateEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, input: form({ title: '重阳节大型义诊', services: ['blood_pressure', 'ecg'] }) }, NOW + 1);
    const [latest] = recordHistory(db, { actor: clinic.coordinator, records: [{ entity: 'event', ids: [clinic.eventId] }] });
    expect(latest).toMatchObject({ action: 'update', before: { title: '扶贫日大型义诊', services: '["blood_pressure"]' }, after: { title: '重阳节大型义诊', services: '["blood_pressure","ecg"]' } });
    // Another institution's coordinator reads none of it.
    expect(recordHistory(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), records: [{ entity: 'event', ids: [clinic.eventId] }] })).toEqual([]);
  });
});

describe('correcting a done event’s head count', () => {
  it('changes the figure the tallies report, with the reason in its history; only once the event is done', () => {
    expect(() => correctHeadCount(db, { actor: clinic.coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 90 }, reason: '重复计数' }, NOW)).toThrow('event.notDone');
    completeEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 120 } }, NOW);
    correctHeadCount(db, { actor: clinic.coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 98 }, reason: '登记表重复计数' }, NOW + 1);
    expect(event().peopleSeen).toBe(98);
    const [entry] = recordHistory(db, { actor: clinic.coordinator, records: [{ entity: 'event', ids: [clinic.eventId] }] });
    expect(entry).toMatchObject({ action: 'update', before: { peopleSeen: 120 }, after: { peopleSeen: 98, reason: '登记表重复计数' } });
    expect(() => correctHeadCount(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), eventId: clinic.eventId, outcomes: { peopleSeen: 1 }, reason: 'x' }, NOW)).toThrow('error.forbidden');
  });
});

describe('correcting a shift', () => {
  it('refuses a capacity below the places held, saying how many must move first', () => {
    signUpForShift(db, { actor: volunteer(db, '甲'), shiftId: clinic.shiftIds[0] }, NOW);
    signUpForShift(db, { actor: volunteer(db, '乙'), shiftId: clinic.shiftIds[0] }, NOW);
    expect(() => updateShift(db, { actor: clinic.coordinator, shiftId: clinic.shiftIds[0], input: { startTime: '09:00', endTime: '12:00', capacity: 1 } }, NOW)).toThrow('shift.capacityBelowPlaces?taken=2&excess=1');
    expect(db.select().from(shifts).where(eq(shifts.id, clinic.shiftIds[0])).get()!.capacity).toBe(2);
  });

  it('offers the new places of a raised capacity to the waiting list in order', () => {
    for (const name of ['甲', '乙', '丙', '丁', '戊']) signUpForShift(db, { actor: volunteer(db, name), shiftId: clinic.shiftIds[0] }, NOW);
    updateShift(db, { actor: clinic.coordinator, shiftId: clinic.shiftIds[0], input: { startTime: '09:00', endTime: '12:00', capacity: 4 } }, NOW + 1);
    const states = db.select({ state: signups.state }).from(signups).where(eq(signups.shiftId, clinic.shiftIds[0])).orderBy(signups.id).all().map((s) => s.state);
    expect(states).toEqual(['confirmed', 'confirmed', 'offered', 'offered', 'waitlisted']);
    expect(mails('offer')).toHaveLength(2);
  });

  it('mails those holding places when its times change', () => {
    signUpForShift(db, { actor: volunteer(db), shiftId: clinic.shiftIds[0] }, NOW);
    updateShift(db, { actor: clinic.coordinator, shiftId: clinic.shiftIds[0], input: { startTime: '08:30', endTime: '12:00', capacity: 2 } }, NOW + 1);
    const [mail] = mails('event_changed');
    expect(mail.body).toContain('09:00–12:00 → 08:30–12:00');
    expect(icsOf(mail).content).toContain('DTSTART:20191017T003000Z');
  });

  it('corrects a role and keeps it in the event’s history', () => {
    const roleId = event().roles[0].id;
    updateRole(db, { actor: clinic.coordinator, roleId, input: { kind: 'doctor', specialty: '心内科', requirement: 'none', partId: null } }, NOW + 1);
    expect(event().roles[0]).toMatchObject({ kind: 'doctor', specialty: '心内科' });
    const [entry] = recordHistory(db, { actor: clinic.coordinator, records: [{ entity: 'event', ids: [clinic.eventId] }, { entity: 'role', ids: [roleId] }] });
    expect(entry).toMatchObject({ entity: 'role', before: { kind: 'nurse', specialty: null }, after: { kind: 'doctor', specialty: '心内科' } });
  });
});

describe('deleting', () => {
  it('deletes a draft nothing depends on, and refuses one anybody is on', () => {
    const draft = createEvent(db, { actor: clinic.coordinator, input: eventSchema.parse({ organiserId: String(event().organiserId), kind: 'lecture', title: '健康讲座', date: '2019-11-01', startTime: '09:00', endTime: '10:00', address: '村委会' }) }, NOW);
    deleteEvent(db, { actor: clinic.coordinator, eventId: draft.id }, NOW);
    expect(db.select().from(events).where(eq(events.id, draft.id)).get()).toBeUndefined();
    // A published event with a sign-up is cancelled, never deleted.
    signUpForShift(db, { actor: volunteer(db), shiftId: clinic.shiftIds[0] }, NOW);
    expect(() => deleteEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId }, NOW)).toThrow('event.notDeletable');
  });

  it('deletes a shift nobody was ever on, and refuses one with a sign-up, even a cancelled one', () => {
    const roleId = event().roles[0].id;
    const empty = addShift(db, { actor: clinic.coordinator, roleId, shift: { startTime: '13:00', endTime: '15:00', capacity: 2 } }, NOW);
    deleteShift(db, { actor: clinic.coordinator, shiftId: empty.id }, NOW);
    expect(event().roles[0].shifts.map((s) => s.id)).toEqual([clinic.shiftIds[0]]);
    const a = volunteer(db);
    const place = signUpForShift(db, { actor: a, shiftId: clinic.shiftIds[0] }, NOW);
    cancelSignup(db, { actor: a, signupId: place.signupId }, NOW);
    expect(() => deleteShift(db, { actor: clinic.coordinator, shiftId: clinic.shiftIds[0] }, NOW)).toThrow('shift.notDeletable');
    expect(() => deleteShift(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), shiftId: clinic.shiftIds[0] }, NOW)).toThrow('error.forbidden');
  });
});

describe('cancellations take the place out of the calendar', () => {
  it('a person who gives their place back gets the entry cancelled', () => {
    const a = volunteer(db);
    const place = signUpForShift(db, { actor: a, shiftId: clinic.shiftIds[0] }, NOW);
    cancelSignup(db, { actor: a, signupId: place.signupId }, NOW + 1);
    const [mail] = mails('place_cancelled');
    const ics = icsOf(mail);
    expect(ics.contentType).toContain('method=CANCEL');
    expect(ics.content).toContain('METHOD:CANCEL');
    expect(ics.content).toContain(`UID:signup-${place.signupId}@yizhen`);
    expect(ics.content).toContain('SEQUENCE:1');
  });

  it('a cancelled event cancels every place in it, and tells the waiting list too', () => {
    signUpForShift(db, { actor: volunteer(db, '甲'), shiftId: clinic.shiftIds[0] }, NOW);
    signUpForShift(db, { actor: volunteer(db, '乙'), shiftId: clinic.shiftIds[0] }, NOW);
    signUpForShift(db, { actor: volunteer(db, '丙'), shiftId: clinic.shiftIds[0] }, NOW);
    cancelEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, reason: '大雪封路' }, NOW + 1);
    const cancelled = mails('event_cancelled');
    expect(cancelled).toHaveLength(3);
    expect(cancelled.filter((m) => m.attachments && icsOf(m).content.includes('STATUS:CANCELLED'))).toHaveLength(2);
    for (const mail of cancelled) expect(mail.body).toContain('大雪封路');
  });
});
