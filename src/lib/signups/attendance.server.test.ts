// Attendance: checking in by the event's code, the organiser's roster marks, and the hours they give.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { events } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { checkInByCode, checkInPrompt, eventRoster, markAttendance } from './attendance.server.ts';
import { signUpForShift } from './signups.server.ts';

const HOUR = 3_600_000;
const BOOKED = Date.parse('2019-10-10T10:00:00+08:00');
const NINE = Date.parse('2019-10-17T09:00:00+08:00');
let db: Db;
let coordinator: Actor;
let eventId: number;
let code: string;
let person: Actor;
let signupId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, BOOKED);
  const clinic = publishedClinic(db, BOOKED, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }]);
  ({ coordinator, eventId } = clinic);
  code = db.select().from(events).where(eq(events.id, eventId)).get()!.checkinCode!;
  person = volunteer(db, '赵护士');
  signupId = signUpForShift(db, { actor: person, shiftId: clinic.shiftIds[0] }, BOOKED).signupId;
});

describe('check-in by QR code', () => {
  it('checks a signed-up person in from two hours before the shift, once', () => {
    expect(code).toMatch(/^[\w-]{16}$/);
    expect(() => checkInByCode(db, { actor: person, eventId, code }, NINE - 2 * HOUR - 1)).toThrow('checkin.noShiftNow');
    expect(checkInByCode(db, { actor: person, eventId, code }, NINE - HOUR).checkedInAt).toBe(NINE - HOUR);
    expect(checkInByCode(db, { actor: person, eventId, code }, NINE).checkedInAt).toBe(NINE - HOUR);
  });

  it('tells the person scanning which shift the scan is about and whether check-in is open, not yet or over', () => {
    const prompt = (actor: typeof person, now: number) => checkInPrompt(db, { actor, eventId, code }, now);
    const early = prompt(person, NINE - 2 * HOUR - 1)!;
    expect(early).toMatchObject({ state: 'early', opensAt: NINE - 2 * HOUR, event: { id: eventId } });
    expect(early.shift!.shift.startsAt).toBe(NINE);
    expect(prompt(person, NINE - 2 * HOUR)!.state).toBe('open');
    expect(prompt(person, NINE + 3 * HOUR + 1)!.state).toBe('over');
    expect(prompt(volunteer(db), NINE)).toMatchObject({ state: 'noPlace', shift: null });
    expect(checkInPrompt(db, { actor: person, eventId, code: 'guessed-code' }, NINE)).toBeNull();
  });

  it('refuses a wrong code and someone who has no place', () => {
    expect(() => checkInByCode(db, { actor: person, eventId, code: 'guessed-code' }, NINE)).toThrow('checkin.badCode');
    expect(() => checkInByCode(db, { actor: volunteer(db), eventId, code }, NINE)).toThrow('checkin.noShiftNow');
  });
});

describe('roster', () => {
  it('counts hours from check-in to check-out, and none for a no-show', () => {
    markAttendance(db, { actor: coordinator, signupId, mark: 'check_in' }, NINE + HOUR / 2);
    markAttendance(db, { actor: coordinator, signupId, mark: 'check_out' }, NINE + 3 * HOUR);
    expect(eventRoster(db, { actor: coordinator, eventId }, NINE + 4 * HOUR).rows[0]).toMatchObject({ name: '赵护士', hours: 2.5 });
    markAttendance(db, { actor: coordinator, signupId, mark: 'no_show' }, NINE + 4 * HOUR);
    expect(eventRoster(db, { actor: coordinator, eventId }, NINE + 4 * HOUR).rows[0]).toMatchObject({ hours: 0, signup: { state: 'no_show' } });
    markAttendance(db, { actor: coordinator, signupId, mark: 'undo' }, NINE + 4 * HOUR);
    expect(eventRoster(db, { actor: coordinator, eventId }, NINE + 4 * HOUR).rows[0].hours).toBe(3);
  });

  it('is the organiser’s: another institution, a member and the volunteer may neither read nor mark it', () => {
    for (const actor of [actorWithRole(db, 'coordinator', '沁源县人民医院'), actorWithRole(db, 'member', '长春市中心医院'), person, actorWithRole(db, 'publicity', '长春市卫生健康委员会')]) {
      expect(() => eventRoster(db, { actor, eventId })).toThrow(ForbiddenError);
      expect(() => markAttendance(db, { actor, signupId, mark: 'no_show' })).toThrow(ForbiddenError);
    }
  });
});
