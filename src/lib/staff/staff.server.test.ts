// Staff lists against a real database: adding, importing a sheet saved by Excel (GBK), linking accounts,
// and placing staff without accounts on an event's roles.
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox, signups, staff, users } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { roleSchema } from '../events/events.ts';
import { addRole, getEvent } from '../events/events.server.ts';
import { decodeCsv, parseCsv } from '../imports/csv-file.ts';
import { autoMapColumns } from '../imports/import-columns.ts';
import { runImport, stageImport } from '../imports/imports.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { assignStaffToShift } from '../signups/assignments.server.ts';
import { eventRoster, staffTimes } from '../signups/attendance.server.ts';
import { signUpForShift } from '../signups/signups.server.ts';
import { staffSchema } from './staff.ts';
import { addStaff, linkStaffAccount, listStaff } from './staff.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
const SHEET = new Uint8Array(readFileSync(new URL('../../../tests/fixtures/staff-gbk.csv', import.meta.url)));
let db: Db;
let coordinator: Actor;
let institutionId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
  institutionId = coordinator.memberships[0].institutionId;
});

const person = (fields: Record<string, string>) => staffSchema.parse({ institutionId: String(institutionId), profession: 'doctor', ...fields });
const idOf = (name: string) => db.select({ id: staff.id }).from(staff).where(eq(staff.name, name)).get()!.id;

describe('staff', () => {
  it('are kept by their institution’s coordinators; names and phones are not for members or other institutions', () => {
    addStaff(db, { actor: coordinator, input: person({ name: '王建国', phone: '139 0431 0001', licenceNumber: '110220100012345' }) }, NOW);
    expect(() => addStaff(db, { actor: coordinator, input: person({ name: '王建国', phone: '13904310001' }) }, NOW)).toThrow('staff.duplicate');
    expect(staffSchema.safeParse({ institutionId: '1', name: 'x', profession: 'doctor', licenceNumber: '12-3' }).error?.issues[0]).toMatchObject({ path: ['licenceNumber'], message: 'staff.licenceFormat' });
    expect(() => addStaff(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), input: person({ name: '李' }) })).toThrow(ForbiddenError);
    expect(() => listStaff(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), institutionId })).toThrow(ForbiddenError);
    expect(() => listStaff(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), institutionId })).toThrow(ForbiddenError);
    expect(listStaff(db, { actor: coordinator, institutionId }).rows.filter((s) => s.name === '王建国')).toMatchObject([{ name: '王建国', phone: '13904310001', email: null }]);
  });

  it('import from a GBK sheet: good rows in, a bad profession reported by line, a repeated row left alone', () => {
    const mapping = autoMapColumns('staff', parseCsv(decodeCsv(SHEET).text).headers);
    const importId = stageImport(db, { actor: coordinator, kind: 'staff', institutionId, fileName: 'staff.csv', bytes: SHEET }, NOW).id;
    const outcome = runImport(db, { actor: coordinator, importId, mapping, mode: 'valid_only', dryRun: false }, NOW);
    expect(outcome).toMatchObject({ total: 5, created: 3, unchanged: 1, applied: true });
    expect(outcome.rejected.map((r) => [r.line, r.problems.map((p) => p.field)])).toEqual([[5, ['profession']]]);
    const imported = listStaff(db, { actor: coordinator, institutionId }).rows.filter((s) => ['李红梅', '王建国', '张师傅'].includes(s.name));
    expect(new Set(imported.map((s) => JSON.stringify([s.name, s.sex, s.profession, s.licenceNumber])))).toEqual(
      new Set([JSON.stringify(['李红梅', 'female', 'nurse', null]), JSON.stringify(['王建国', 'male', 'doctor', '110220100012345']), JSON.stringify(['张师傅', 'male', 'driver', null])]),
    );
    expect(() => stageImport(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), kind: 'staff', institutionId, fileName: 'staff.csv', bytes: SHEET }, NOW)).toThrow(ForbiddenError);
  });

  it('without accounts are placed on roles (no mail), counted in staff-times, and meet a licensed-doctor role by their licence', () => {
    const { coordinator: organiser, eventId } = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '2' }]);
    const role = addRole(db, { actor: organiser, input: roleSchema.parse({ eventId, kind: 'doctor', requirement: 'licensed_doctor', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '1' }] }) }, NOW);
    const doctorShift = getEvent(db, { actor: organiser, eventId }).roles.find((r) => r.id === role.id)!.shifts[0].id;
    addStaff(db, { actor: organiser, input: person({ name: '王建国', licenceNumber: '110220100012345' }) }, NOW);
    addStaff(db, { actor: organiser, input: person({ name: '刘医生' }) }, NOW);
    addStaff(db, { actor: organiser, input: person({ name: '张师傅', profession: 'driver' }) }, NOW);
    addStaff(db, { actor: organiser, input: person({ name: '李医生', licenceNumber: '110220100067890' }) }, NOW);
    const mailsBefore = db.select().from(outbox).all().length;
    expect(() => assignStaffToShift(db, { actor: organiser, shiftId: doctorShift, staffId: idOf('刘医生') }, NOW)).toThrow('assign.licenceRequired');
    assignStaffToShift(db, { actor: organiser, shiftId: doctorShift, staffId: idOf('王建国') }, NOW);
    expect(() => assignStaffToShift(db, { actor: organiser, shiftId: doctorShift, staffId: idOf('李医生') }, NOW)).toThrow('assign.full');
    expect(() => assignStaffToShift(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), shiftId: doctorShift, staffId: idOf('张师傅') }, NOW)).toThrow(ForbiddenError);
    expect(db.select().from(outbox).all().length).toBe(mailsBefore);
    const nurseShift = getEvent(db, { actor: organiser, eventId }).roles[0].shifts[0].id;
    assignStaffToShift(db, { actor: organiser, shiftId: nurseShift, staffId: idOf('张师傅') }, NOW);
    expect(() => assignStaffToShift(db, { actor: organiser, shiftId: nurseShift, staffId: idOf('王建国') }, NOW)).toThrow('assign.overlap');

    const roster = eventRoster(db, { actor: organiser, eventId }, NOW);
    expect(new Set(roster.rows.map((r) => JSON.stringify([r.name, r.isStaff, r.doctorLicence])))).toEqual(new Set([JSON.stringify(['王建国', true, '110220100012345']), JSON.stringify(['张师傅', true, null])]));
    // The driver is staff but not medical staff.
    expect(staffTimes(db, eventId)).toBe(1);
  });

  it('linked to a member’s account are mailed when placed, and their licence lets the person sign up as a doctor', () => {
    const { coordinator: organiser, eventId } = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '2' }]);
    addStaff(db, { actor: organiser, input: person({ name: '王建国', licenceNumber: '110220100012345' }) }, NOW);
    const member = actorWithRole(db, 'member', '长春市中心医院');
    const email = db.select({ email: users.email }).from(users).where(eq(users.id, member.userId)).get()!.email;
    expect(() => linkStaffAccount(db, { actor: organiser, staffId: idOf('王建国'), email: 'nobody@example.cn' })).toThrow('staff.notMember');
    expect(() => linkStaffAccount(db, { actor: organiser, staffId: idOf('王建国'), email: db.select().from(users).where(eq(users.id, volunteer(db).userId)).get()!.email })).toThrow('staff.notMember');
    linkStaffAccount(db, { actor: organiser, staffId: idOf('王建国'), email }, NOW);
    const role = addRole(db, { actor: organiser, input: roleSchema.parse({ eventId, kind: 'doctor', requirement: 'licensed_doctor', shifts: [{ startTime: '13:00', endTime: '15:00', capacity: '1' }] }) }, NOW);
    const doctorShift = getEvent(db, { actor: organiser, eventId }).roles.find((r) => r.id === role.id)!.shifts[0].id;
    expect(signUpForShift(db, { actor: member, shiftId: doctorShift }, NOW).state).toBe('confirmed');
    const nurseShift = getEvent(db, { actor: organiser, eventId }).roles[0].shifts[0].id;
    const placed = assignStaffToShift(db, { actor: organiser, shiftId: nurseShift, staffId: idOf('王建国') }, NOW);
    expect(db.select().from(signups).where(eq(signups.id, placed.signupId)).get()).toMatchObject({ userId: member.userId, staffId: null });
    expect(db.select().from(outbox).where(eq(outbox.kind, 'assigned')).all().map((m) => m.recipient)).toEqual([email]);
    expect(staffTimes(db, eventId)).toBe(2);
  });
});
