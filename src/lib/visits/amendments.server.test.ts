// Amending a visit record against a real database: the record is corrected, the earlier version is kept whole
// with who changed it, when and why, goods move to its new day, and only the recording institution may do it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { households, staff, stockEntries, visitAmendments, visitReadings } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { createItem, receiveStock } from '../stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../stock/stock.ts';
import { visitAmendSchema, visitSchema } from './visits.ts';
import { amendVisit, getVisit, householdFile, recordVisit, visitToAmend } from './visits.server.ts';

const NOW = Date.parse('2019-10-20T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let householdId: number;
let visitId: number;
let staffIds: Record<string, number>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
  const institutionId = coordinator.memberships[0].institutionId;
  householdId = db.select().from(households).where(eq(households.headName, '林江')).get()!.id;
  staffIds = Object.fromEntries(db.select().from(staff).where(eq(staff.institutionId, institutionId)).all().map((s) => [s.name, s.id]));
  const coats = createItem(db, { actor: coordinator, input: itemSchema.parse({ institutionId: String(institutionId), name: '棉大衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '150' }) }, NOW);
  receiveStock(db, { actor: coordinator, input: receiptSchema.parse({ itemId: String(coats.id), amount: '5', source: 'bought' }) }, '2019-10-01', NOW);
  const { photos: _none, ...input } = visitSchema.parse({
    householdId: String(householdId),
    institutionId: String(institutionId),
    submissionKey: randomUUID(),
    visitedOn: '2019-10-18',
    visitedTime: '14:30',
    purpose: 'care',
    visitors: [String(staffIds['周丽华'])],
    checks: { food: { state: 'yes' } },
    readings: { 'head.systolic': '184', 'head.diastolic': '92', 'head.advice': '按时服药' },
    quantities: { [coats.id]: '1' },
  });
  visitId = (await recordVisit(db, { actor: coordinator, input }, NOW)).id;
});

/** Form fields as the form reader nests them: `checks.<item>.<field>` and `readings.<person>.<field>`. */
function nested(fields: Record<string, string | string[]>) {
  const out: Record<string, unknown> = {};
  const checks: Record<string, Record<string, string>> = {};
  const readings: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const [group, ...rest] = name.split('.');
    if (group === 'checks') (checks[rest[0]] ??= {})[rest[1]] = value as string;
    else if (group === 'readings') readings[rest.join('.')] = value as string;
    else out[name] = value;
  }
  return { ...out, checks, readings };
}

/** The amendment form as it opens, with some fields changed. */
const formAsOpened = () => {
  const { values } = visitToAmend(db, { actor: coordinator, visitId }, NOW);
  return { ...values, visitId: String(visitId), visitors: values.visitors.split(',') } as Record<string, string | string[]>;
};
const amendment = (fields: Record<string, string | string[]>, reason = '收缩压录错一位') => {
  const { visitId: _id, ...input } = visitAmendSchema.parse(nested({ ...formAsOpened(), ...fields, reason }));
  return input;
};

describe('amending a visit record', () => {
  it('opens with the record as it stands', () => {
    const { values } = visitToAmend(db, { actor: coordinator, visitId }, NOW);
    expect(values).toMatchObject({ visitedOn: '2019-10-18', visitedTime: '14:30', purpose: 'care', visitors: String(staffIds['周丽华']), 'checks.food.state': 'yes', 'readings.head.systolic': '184', 'readings.head.advice': '按时服药' });
  });

  it('corrects the record and keeps the earlier version whole, with who, when and why', () => {
    amendVisit(db, { actor: coordinator, visitId, input: amendment({ 'readings.head.systolic': '148', visitors: [String(staffIds['周丽华']), String(staffIds['陈静'])], visitedOn: '2019-10-17' }) }, NOW + 1000);
    const visit = getVisit(db, { actor: coordinator, visitId }, NOW + 2000);
    expect(visit.readings).toEqual([expect.objectContaining({ systolic: 148, diastolic: 92, advice: '按时服药' })]);
    expect(visit.visitors).toEqual(['周丽华', '陈静']);
    expect(visit.amendments).toEqual([
      expect.objectContaining({ reason: '收缩压录错一位', amendedAt: NOW + 1000, previous: expect.objectContaining({ visitedAt: Date.parse('2019-10-18T14:30:00+08:00'), visitors: ['周丽华'], readings: [expect.objectContaining({ systolic: 184, member: null })] }) }),
    ]);
    // The coat handed over moves to the visit's new day.
    const [coat] = db.select().from(stockEntries).where(eq(stockEntries.visitId, visitId)).all();
    expect(coat.occurredOn).toBe('2019-10-17');
    // The household's file says it was amended, and why.
    const file = householdFile(db, { actor: coordinator, householdId }, NOW + 3000);
    expect(file.visits.find((v) => v.id === visitId)!.amended).toMatchObject({ count: 1, latest: { reason: '收缩压录错一位' } });
  });

  it('refuses without a reason, with a reading out of range, and for anyone but the recording institution', () => {
    expect(visitAmendSchema.safeParse(nested({ ...formAsOpened(), reason: ' ' })).error!.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(visitAmendSchema.safeParse(nested({ ...formAsOpened(), 'readings.head.systolic': '400', reason: '改' })).error!.issues.map((i) => i.path.join('.'))).toEqual(['readings.head.systolic']);
    for (const other of [actorWithRole(db, 'coordinator', '沁源县人民医院'), actorWithRole(db, 'member', '长春市中心医院'), actorWithRole(db, 'publicity', '长春市卫生健康委员会')]) {
      expect(() => amendVisit(db, { actor: other, visitId, input: amendment({}) }, NOW)).toThrow('error.forbidden');
    }
    expect(db.select().from(visitAmendments).all()).toEqual([]);
    expect(db.select().from(visitReadings).where(eq(visitReadings.visitId, visitId)).get()!.systolic).toBe(184);
  });
});
