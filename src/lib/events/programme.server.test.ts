// An event's programme against a real database (seed 002): 绿园区's Poverty Alleviation Day opened with a launch
// ceremony at 09:00 in front of 合心镇卫生院, then the clinic there, while experts went to 张百忠's and 王淑杰's
// homes. Each part has its time within the event's, its place and its roles; the tallies still count one event.
import { and, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, eventParts, eventRoles, outbox } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { signUpForShift } from '../signups/signups.server.ts';
import { tally } from '../tallies/tallies.server.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { addRole, completeEvent, copyEvent, createEvent, getEvent, publishEvent, updateEvent, updateRole } from './events.server.ts';
import { eventSchema, partSchema, roleSchema } from './events.ts';
import { addPart, deletePart, updatePart } from './programme.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let eventId: number;

const clinic = { organiserId: '', campaignId: '', kind: 'free_clinic', title: '扶贫日大型义诊巡回医疗', date: '2019-10-17', startTime: '08:30', endTime: '12:00', villageId: '', address: '合心镇卫生院门前', services: ['blood_pressure'] };
const part = (fields: Record<string, string>) => partSchema.parse({ eventId: String(eventId), title: '', place: '', ...fields });

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
  clinic.organiserId = String(coordinator.memberships[0].institutionId);
  eventId = createEvent(db, { actor: coordinator, input: eventSchema.parse(clinic) }, NOW).id;
});

/** The launch ceremony, the clinic and the home visits, each with its roles. */
function greenParkProgramme() {
  const ceremony = addPart(db, { actor: coordinator, eventId, input: part({ kind: 'ceremony', startTime: '09:00', endTime: '09:30' }) }, NOW).id;
  const rounds = addPart(db, { actor: coordinator, eventId, input: part({ kind: 'rounds', title: '一人一策巡诊', startTime: '10:30', endTime: '12:00', place: '张百忠、王淑杰家中' }) }, NOW).id;
  const clinicPart = addPart(db, { actor: coordinator, eventId, input: part({ kind: 'clinic', startTime: '09:30', endTime: '12:00' }) }, NOW).id;
  const role = (kind: string, partId: number, startTime: string, endTime: string) =>
    addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId, kind, partId: String(partId), shifts: [{ startTime, endTime, capacity: '3' }] }) }, NOW).id;
  role('publicity', ceremony, '09:00', '09:30');
  role('doctor', clinicPart, '09:30', '12:00');
  role('doctor', rounds, '10:30', '12:00');
  return { ceremony, clinicPart, rounds };
}

describe("an event's programme", () => {
  it('lists its parts in the order of the day, each with its place and its roles', () => {
    const { ceremony, clinicPart, rounds } = greenParkProgramme();
    const event = getEvent(db, { actor: coordinator, eventId });
    expect(event.programme.map((p) => [p.startTime, p.endTime, p.kind, p.title, p.place])).toEqual([
      ['09:00', '09:30', 'ceremony', null, null],
      ['09:30', '12:00', 'clinic', null, null],
      ['10:30', '12:00', 'rounds', '一人一策巡诊', '张百忠、王淑杰家中'],
    ]);
    expect(event.roles.map((r) => [r.kind, r.partId])).toEqual([['publicity', ceremony], ['doctor', clinicPart], ['doctor', rounds]]);
  });

  it('keeps each part within the event, refusing beside the time that lies outside, and writes nothing then', () => {
    const refused = (startTime: string, endTime: string) => {
      try {
        addPart(db, { actor: coordinator, eventId, input: part({ kind: 'talk', startTime, endTime }) }, NOW);
      } catch (error) {
        return [(error as { field: string }).field, (error as Error).message];
      }
      return null;
    };
    expect(refused('08:00', '09:00')).toEqual(['startTime', 'programme.outsideEvent?start=08%3A30&end=12%3A00']);
    expect(refused('11:00', '12:30')).toEqual(['endTime', 'programme.outsideEvent?start=08%3A30&end=12%3A00']);
    expect(db.select().from(eventParts).where(eq(eventParts.eventId, eventId)).all()).toEqual([]);
    const ceremony = addPart(db, { actor: coordinator, eventId, input: part({ kind: 'ceremony', startTime: '08:30', endTime: '09:00' }) }, NOW).id;
    expect(() => updatePart(db, { actor: coordinator, partId: ceremony, input: part({ kind: 'ceremony', startTime: '08:00', endTime: '09:00' }) }, NOW)).toThrow('programme.outsideEvent');
    // The event cannot be moved so that a part falls outside it; the part is moved or removed first.
    const later = eventSchema.parse({ ...clinic, startTime: '09:00' });
    expect(() => updateEvent(db, { actor: coordinator, eventId, input: later }, NOW)).toThrow('programme.partOutside?start=08%3A30&end=09%3A00');
    expect(getEvent(db, { actor: coordinator, eventId }).startTime).toBe('08:30');
    updatePart(db, { actor: coordinator, partId: ceremony, input: part({ kind: 'ceremony', title: '启动仪式', startTime: '09:00', endTime: '09:30', place: '卫生院门前广场' }) }, NOW);
    updateEvent(db, { actor: coordinator, eventId, input: later }, NOW);
    expect(getEvent(db, { actor: coordinator, eventId }).programme.map((p) => [p.title, p.startTime, p.place])).toEqual([['启动仪式', '09:00', '卫生院门前广场']]);
    // Ending before the part ends is refused beside the end time.
    const sooner = eventSchema.parse({ ...clinic, startTime: '09:00', endTime: '09:15' });
    expect(() => updateEvent(db, { actor: coordinator, eventId, input: sooner }, NOW)).toThrow(expect.objectContaining({ field: 'endTime', message: 'programme.partOutside?start=09%3A00&end=09%3A30' }));
    expect(getEvent(db, { actor: coordinator, eventId }).endTime).toBe('12:00');
  });

  it("gives a role only a part of its own event, in the code and in the database", () => {
    const other = createEvent(db, { actor: coordinator, input: eventSchema.parse({ ...clinic, title: '另一场义诊' }) }, NOW).id;
    const elsewhere = addPart(db, { actor: coordinator, eventId: other, input: part({ kind: 'clinic', startTime: '09:00', endTime: '12:00' }) }, NOW).id;
    const input = roleSchema.parse({ eventId, kind: 'doctor', partId: String(elsewhere), shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '2' }] });
    expect(() => addRole(db, { actor: coordinator, input }, NOW)).toThrow('validation.choice');
    const role = addRole(db, { actor: coordinator, input: { ...input, partId: null } }, NOW).id;
    expect(() => updateRole(db, { actor: coordinator, roleId: role, input: { kind: 'doctor', specialty: null, requirement: 'none', partId: elsewhere } }, NOW)).toThrow('validation.choice');
    expect(() => db.update(eventRoles).set({ partId: elsewhere }).where(eq(eventRoles.id, role)).run()).toThrow(/FOREIGN KEY/);
  });

  it("is changed by the organiser only: another hospital's coordinator and a member are refused", () => {
    const { ceremony } = greenParkProgramme();
    for (const actor of [actorWithRole(db, 'coordinator', '沁源县人民医院'), actorWithRole(db, 'member', '长春市中心医院')]) {
      expect(() => addPart(db, { actor, eventId, input: part({ kind: 'talk', startTime: '10:00', endTime: '11:00' }) }, NOW)).toThrow(ForbiddenError);
      expect(() => updatePart(db, { actor, partId: ceremony, input: part({ kind: 'talk', startTime: '09:00', endTime: '09:30' }) }, NOW)).toThrow(ForbiddenError);
      expect(() => deletePart(db, { actor, partId: ceremony }, NOW)).toThrow(ForbiddenError);
    }
    expect(getEvent(db, { actor: coordinator, eventId }).programme).toHaveLength(3);
  });

  it('loses a part without losing its roles, which then serve the whole event; the change is on record', () => {
    const { ceremony } = greenParkProgramme();
    deletePart(db, { actor: coordinator, partId: ceremony }, NOW);
    const event = getEvent(db, { actor: coordinator, eventId });
    expect(event.programme.map((p) => p.kind)).toEqual(['clinic', 'rounds']);
    expect(event.roles.map((r) => [r.kind, r.partId === null])).toEqual([['publicity', true], ['doctor', false], ['doctor', false]]);
    const parts = [ceremony, ...event.programme.map((p) => p.id)].map(String);
    expect(db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, 'part'), inArray(auditLog.entityId, parts))).orderBy(auditLog.id).all().map((e) => e.action)).toEqual(['create', 'create', 'create', 'delete']);
  });

  it('goes with a copy, each role serving the same part of the copied day', () => {
    greenParkProgramme();
    const copy = copyEvent(db, { actor: coordinator, eventId, date: '2020-10-17', title: '2020年扶贫日义诊' }, NOW).id;
    const copied = getEvent(db, { actor: coordinator, eventId: copy });
    expect(copied.programme.map((p) => [p.kind, p.startTime, p.place])).toEqual([['ceremony', '09:00', null], ['clinic', '09:30', null], ['rounds', '10:30', '张百忠、王淑杰家中']]);
    const kindOfPart = (partId: number | null) => copied.programme.find((p) => p.id === partId)?.kind;
    expect(copied.roles.map((r) => [r.kind, kindOfPart(r.partId)])).toEqual([['publicity', 'ceremony'], ['doctor', 'clinic'], ['doctor', 'rounds']]);
  });

  it("puts the part's place in a volunteer's calendar entry", () => {
    const { rounds } = greenParkProgramme();
    publishEvent(db, { actor: coordinator, eventId }, NOW);
    const shift = getEvent(db, { actor: coordinator, eventId }).roles.find((r) => r.partId === rounds)!.shifts[0].id;
    signUpForShift(db, { actor: volunteer(db), shiftId: shift }, NOW);
    const [ics] = JSON.parse(db.select().from(outbox).where(eq(outbox.kind, 'signupConfirmed')).get()!.attachments!);
    expect(ics.content).toContain('LOCATION:合心镇卫生院门前 张百忠、王淑杰家中');
  });

  it('is still one event in the tallies, whatever its parts', () => {
    greenParkProgramme();
    publishEvent(db, { actor: coordinator, eventId }, NOW);
    completeEvent(db, { actor: coordinator, eventId, outcomes: { peopleSeen: 260 } }, NOW);
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const { figures } = tally(db, { actor: admin, filters: tallyFilterSchema.parse({ from: '2019-10-17', to: '2019-10-17' }) });
    expect({ events: figures.events, peopleSeen: figures.peopleSeen }).toEqual({ events: 1, peopleSeen: 260 });
  });
});
