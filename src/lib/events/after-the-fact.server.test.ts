// Reports are written up days later: people placed on an event that is over, their attendance marked, goods
// handed out dated on the event's day, a visit tied to an event of months ago — and the tallies count them then.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox, signups, stockEntries } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { handoutSchema } from '../handouts/handouts.ts';
import { recordHandouts } from '../handouts/handouts.server.ts';
import type { Db } from '../server/db.ts';
import { assignStaffToShift } from '../signups/assignments.server.ts';
import { markAttendance } from '../signups/attendance.server.ts';
import { hoursWorked } from '../signups/signups.ts';
import { staffSchema } from '../staff/staff.ts';
import { addStaff } from '../staff/staff.server.ts';
import { createItem, receiveStock } from '../stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../stock/stock.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { headline } from '../tallies/figures.ts';
import { tally } from '../tallies/tallies.server.ts';
import { visitFormContext } from '../visits/visits.server.ts';
import { completeEvent } from './events.server.ts';

const BEFORE = Date.parse('2019-10-10T10:00:00+08:00');
// A week after the clinic of 17 October, when the report is written up.
const LATER = Date.parse('2019-10-24T15:00:00+08:00');
let db: Db;
let clinic: ReturnType<typeof publishedClinic>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, BEFORE);
  clinic = publishedClinic(db, BEFORE, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }]);
  completeEvent(db, { actor: clinic.coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 120 } }, LATER);
});

const institutionId = () => clinic.coordinator.memberships[0].institutionId;
const staffId = (name: string) => {
  addStaff(db, { actor: clinic.coordinator, input: staffSchema.parse({ institutionId: String(institutionId()), name, profession: 'doctor' }) }, BEFORE);
  return db.$client.prepare('SELECT id FROM staff WHERE name = ?').get(name) as { id: number };
};

describe('recording after the fact', () => {
  it('places staff on a done event’s shift without mailing anyone; they count for the whole shift unless marked absent', () => {
    const placed = assignStaffToShift(db, { actor: clinic.coordinator, shiftId: clinic.shiftIds[0], staffId: staffId('王医生').id }, LATER);
    expect(placed.mailed).toBe(false);
    const signup = db.select().from(signups).where(eq(signups.id, placed.signupId)).get()!;
    expect(hoursWorked(signup, { startsAt: Date.parse('2019-10-17T09:00:00+08:00'), endsAt: Date.parse('2019-10-17T12:00:00+08:00') }, LATER)).toBe(3);
    expect(tally(db, { actor: clinic.coordinator, filters: tallyFilterSchema.parse({}) }).figures.medicalStaffTimes).toBeGreaterThanOrEqual(1);

    // Checked in and out after the shift: on time, from its start to its end, not at the moment of typing.
    markAttendance(db, { actor: clinic.coordinator, signupId: placed.signupId, mark: 'check_in' }, LATER);
    markAttendance(db, { actor: clinic.coordinator, signupId: placed.signupId, mark: 'check_out' }, LATER + 1);
    expect(db.select().from(signups).where(eq(signups.id, placed.signupId)).get()).toMatchObject({
      checkedInAt: Date.parse('2019-10-17T09:00:00+08:00'),
      checkedOutAt: Date.parse('2019-10-17T12:00:00+08:00'),
    });
    expect(db.select().from(outbox).where(eq(outbox.kind, 'assigned')).all()).toEqual([]);
  });

  it('dates goods handed out at an event on its day, from what was usable then', () => {
    const medicine = createItem(db, { actor: clinic.coordinator, input: itemSchema.parse({ institutionId: String(institutionId()), name: '感冒灵颗粒', genericName: '感冒灵颗粒', kind: 'drug', unit: 'box', unitPrice: '12' }) }, BEFORE);
    // A batch that expired on 20 October: still good on the 17th, when it was handed out.
    receiveStock(db, { actor: clinic.coordinator, input: receiptSchema.parse({ itemId: String(medicine.id), amount: '10', source: 'bought', batchNo: 'B1', expiryDate: '2019-10-20' }) }, '2019-10-10', BEFORE);
    recordHandouts(db, { actor: clinic.coordinator, input: handoutSchema.parse({ eventId: String(clinic.eventId), quantities: { [medicine.id]: '4' } }) }, LATER);
    const [line] = db.select().from(stockEntries).where(and(eq(stockEntries.kind, 'handout'), eq(stockEntries.itemId, medicine.id))).all();
    expect(line).toMatchObject({ occurredOn: '2019-10-17', quantity: -4, batchNo: 'B1' });
    const figures = tally(db, { actor: clinic.coordinator, filters: tallyFilterSchema.parse({ from: '2019-10-17', to: '2019-10-17' }) }).figures;
    expect(headline(figures).drugsYuan).toBe(48);
  });

  it('offers a visit any earlier event of its institution, months back', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const household = db.$client.prepare("SELECT id FROM households WHERE head_name = '孙广森'").get() as { id: number };
    const events = visitFormContext(db, { actor: coordinator, householdId: household.id }, Date.parse('2020-03-01T10:00:00+08:00')).events;
    expect(events.map((e) => e.id)).toContain(clinic.eventId);
  });
});
