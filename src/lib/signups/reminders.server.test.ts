// The day-before reminder and its "I'll come" / "I can't come" link.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox, signups } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import type { Db } from '../server/db.ts';
import { answerReminder, reminderByToken, sendReminders } from './reminders.server.ts';
import { cancelSignup, signUpForShift } from './signups.server.ts';

const HOUR = 3_600_000;
const BOOKED = Date.parse('2019-10-10T10:00:00+08:00');
const NINE = Date.parse('2019-10-17T09:00:00+08:00');
let db: Db;
let shiftId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, BOOKED);
  shiftId = publishedClinic(db, BOOKED, [{ startTime: '09:00', endTime: '12:00', capacity: '1' }]).shiftIds[0];
});

const reminders = () => db.select().from(outbox).where(eq(outbox.kind, 'reminder')).all();
const tokenIn = (body: string) => body.match(/token=([\w-]+)/)![1];
const signupOf = (id: number) => db.select().from(signups).where(eq(signups.id, id)).get()!;

describe('reminders', () => {
  it('go out once, 24 hours before the shift, to people with a place only', () => {
    const placed = signUpForShift(db, { actor: volunteer(db, '甲'), shiftId }, BOOKED).signupId;
    signUpForShift(db, { actor: volunteer(db, '乙'), shiftId }, BOOKED);
    expect(sendReminders(db, NINE - 24 * HOUR - 1)).toBe(0);
    expect(sendReminders(db, NINE - 24 * HOUR)).toBe(1);
    expect(sendReminders(db, NINE - 23 * HOUR)).toBe(0);
    const [mail] = reminders();
    expect(mail.subject).toBe('明天的活动：扶贫日大型义诊');
    expect(mail.body).toContain('/signups/reminder?token=');
    expect(signupOf(placed).remindedAt).toBe(NINE - 24 * HOUR);
  });

  it('skip places taken inside the last day (they just had their confirmation) and cancelled ones', () => {
    const leaver = volunteer(db);
    cancelSignup(db, { actor: leaver, signupId: signUpForShift(db, { actor: leaver, shiftId }, BOOKED).signupId }, BOOKED + 1);
    signUpForShift(db, { actor: volunteer(db), shiftId }, NINE - 20 * HOUR);
    expect(sendReminders(db, NINE - 19 * HOUR)).toBe(0);
  });

  it('"I will come" is recorded for the roster; "I cannot come" frees the place for the waiting list', () => {
    const placed = signUpForShift(db, { actor: volunteer(db, '甲'), shiftId }, BOOKED).signupId;
    const waiting = signUpForShift(db, { actor: volunteer(db, '乙'), shiftId }, BOOKED + 1).signupId;
    sendReminders(db, NINE - 24 * HOUR);
    const token = tokenIn(reminders()[0].body);
    expect(reminderByToken(db, { token }, NINE - 23 * HOUR)).toMatchObject({ mayCancel: true, over: false });
    answerReminder(db, { token, coming: true }, NINE - 23 * HOUR);
    expect(signupOf(placed).reconfirmedAt).toBe(NINE - 23 * HOUR);
    answerReminder(db, { token, coming: false }, NINE - 22 * HOUR);
    expect(signupOf(placed)).toMatchObject({ state: 'cancelled', reconfirmedAt: null });
    expect(signupOf(waiting).state).toBe('offered');
    expect(() => answerReminder(db, { token, coming: true }, NINE - 21 * HOUR)).toThrow('reminder.invalid');
    expect(() => answerReminder(db, { token: 'forged', coming: false }, NINE - 21 * HOUR)).toThrow('reminder.invalid');
  });

  it('cannot cancel within the cut-off, nor answer once the shift has begun', () => {
    signUpForShift(db, { actor: volunteer(db), shiftId }, BOOKED);
    sendReminders(db, NINE - 24 * HOUR);
    const token = tokenIn(reminders()[0].body);
    expect(reminderByToken(db, { token }, NINE - 6 * HOUR).mayCancel).toBe(false);
    expect(() => answerReminder(db, { token, coming: false }, NINE - 6 * HOUR)).toThrow('reminder.tooLate?hours=12');
    expect(() => answerReminder(db, { token, coming: true }, NINE)).toThrow('reminder.over');
  });
});
