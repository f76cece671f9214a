// Visit records against a real database: one form writes the visit, its checks, readings, follow-ups and
// handouts together or not at all; a second submit writes nothing; only the paired institution, the
// visitors and administrators read a visit; every look at a household's file is logged.
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, followUps, households, institutions, items, pairings, staff, stockEntries, visitDrafts, visits } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { recordVisitDate } from '../pairings/pairings.server.ts';
import { DomainError, ForbiddenError } from '../server/errors.ts';
import { completeFollowUp, listFollowUps } from './follow-ups.server.ts';
import { visitSchema } from './visits.ts';
import { getVisit, householdFile, recordVisit, saveVisitDraft, visitDraft, visitFormContext, visitsWentOn } from './visits.server.ts';

const NOW = Date.parse('2019-10-20T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let institutionId: number;
let householdId: number;
let staffIds: Record<string, number>;
let itemIds: Record<string, number>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
  institutionId = coordinator.memberships[0].institutionId;
  householdId = db.select().from(households).where(eq(households.headName, '林江')).get()!.id;
  staffIds = Object.fromEntries(db.select().from(staff).where(eq(staff.institutionId, institutionId)).all().map((s) => [s.name, s.id]));
  itemIds = Object.fromEntries(db.select().from(items).where(eq(items.institutionId, institutionId)).all().map((i) => [i.name, i.id]));
});

const form = (fields: Record<string, unknown> = {}) => {
  const { photos: _none, ...input } = visitSchema.parse({
    householdId: String(householdId),
    institutionId: String(institutionId),
    submissionKey: randomUUID(),
    visitedOn: '2019-10-18',
    visitedTime: '14:30',
    purpose: 'rounds',
    visitors: [String(staffIds['周丽华'])],
    checks: { food: { state: 'yes' }, housing: { state: 'concern', note: '西屋墙体开裂' } },
    readings: { 'head.systolic': '148', 'head.diastolic': '92', 'head.glucose': '6.8', 'head.referralTo': '农安县人民医院', 'head.referralState': 'done' },
    quantities: {},
    followUps: { '1': { action: '联系住建部门鉴定危房', owner: '陈静', dueDate: '2019-10-25' } },
    ...fields,
  });
  return input;
};

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return `${error.message} ${error.field ?? ''}`.trim();
    throw error;
  }
  return 'accepted';
};

const countOf = (table: typeof visits | typeof followUps | typeof stockEntries) => db.select({ n: count() }).from(table).get()!.n;

describe('recording a visit', () => {
  it('writes the visit with everything recorded at it, hands goods out of stock, and marks the pairing visited', async () => {
    saveVisitDraft(db, { actor: coordinator, householdId, fields: { purpose: 'rounds' } }, NOW);
    const input = form({ quantities: { [itemIds['板蓝根颗粒']]: '2' } });
    const { id, created } = await recordVisit(db, { actor: coordinator, input }, NOW);
    expect(created).toBe(true);

    const visit = getVisit(db, { actor: coordinator, visitId: id }, NOW);
    expect(visit).toMatchObject({ headName: '林江', institution: '长春市中心医院', purpose: 'rounds', visitors: ['周丽华'], visitedAt: Date.parse('2019-10-18T14:30:00+08:00') });
    expect(visit.checks.map((c) => [c.item, c.state, c.note])).toEqual([
      ['food', 'yes', null],
      ['housing', 'concern', '西屋墙体开裂'],
    ]);
    expect(visit.readings).toEqual([expect.objectContaining({ memberId: null, systolic: 148, diastolic: 92, glucoseTenths: 68, referralTo: '农安县人民医院', referralState: 'done' })]);
    expect(visit.followUps.map((f) => [f.action, f.owner, f.dueDate, f.doneAt])).toEqual([['联系住建部门鉴定危房', '陈静', '2019-10-25', null]]);
    // Given at the visit, counted once: in the ledger, with the visit and the household on the line.
    expect(visit.handouts).toEqual([{ name: '板蓝根颗粒', unit: 'pack', amount: 2, valueFen: 3_000 }]);
    const lines = db.select().from(stockEntries).where(eq(stockEntries.visitId, id)).all();
    expect(lines.map((l) => [l.kind, l.quantity, l.householdId])).toEqual([['handout', -2, householdId]]);

    // The village's pairing with the hospital now counts this visit; the draft is gone.
    const pairing = db.select().from(pairings).where(and(eq(pairings.institutionId, institutionId), eq(pairings.target, 'village'))).get()!;
    expect(pairing.lastVisitedAt).toBe(Date.parse('2019-10-18T14:30:00+08:00'));
    expect(visitDraft(db, { actor: coordinator, householdId })).toBeNull();

    // A household pairing is kept by visit records alone: it cannot be marked visited by hand.
    const maternity = actorWithRole(db, 'coordinator', '长春市妇产医院');
    const householdPairing = db.select().from(pairings).where(and(eq(pairings.institutionId, maternity.memberships[0].institutionId), eq(pairings.target, 'household'))).get()!;
    expect(() => recordVisitDate(db, { actor: maternity, pairingId: householdPairing.id, visitedAt: NOW })).toThrow('pairing.visitRequired');
    expect(() => recordVisitDate(db, { actor: coordinator, pairingId: pairing.id, visitedAt: NOW })).not.toThrow();
  });

  it('a second submit of the same form returns the first record and writes nothing', async () => {
    const input = form({ quantities: { [itemIds['棉被']]: '1' } });
    const first = await recordVisit(db, { actor: coordinator, input }, NOW);
    const before = [countOf(visits), countOf(followUps), countOf(stockEntries)];
    const again = await recordVisit(db, { actor: coordinator, input }, NOW + 1_000);
    expect(again).toEqual({ id: first.id, created: false });
    expect([countOf(visits), countOf(followUps), countOf(stockEntries)]).toEqual(before);
    // Someone else replaying the key gets a refusal, not the record.
    const other = actorWithRole(db, 'coordinator', '长春市中心医院');
    expect(await refusal(recordVisit(db, { actor: other, input }, NOW))).toBe('visit.alreadySubmitted');
  });

  it('writes nothing at all when a line of goods is short', async () => {
    // 3 quilts are left after the demo's visit round handed out 7.
    const before = [countOf(visits), countOf(followUps), countOf(stockEntries)];
    expect(await refusal(recordVisit(db, { actor: coordinator, input: form({ quantities: { [itemIds['棉被']]: '5' } }) }, NOW))).toBe(`stock.notEnough?usable=3&expired=0 quantities.${itemIds['棉被']}`);
    expect([countOf(visits), countOf(followUps), countOf(stockEntries)]).toEqual(before);
  });

  it('refuses an institution not paired with the household, outside visitors, a future time and another institution\'s event', async () => {
    const before = countOf(visits);
    const qinyuan = db.select().from(institutions).where(eq(institutions.name, '沁源县人民医院')).get()!.id;
    expect(await refusal(recordVisit(db, { actor: coordinator, input: form({ institutionId: String(qinyuan) }) }, NOW))).toBe('visit.notPaired institutionId');
    const outsider = db.insert(staff).values({ institutionId: qinyuan, name: '郭医生', profession: 'doctor' }).returning().get();
    expect(await refusal(recordVisit(db, { actor: coordinator, input: form({ visitors: [String(outsider.id)] }) }, NOW))).toBe('validation.choice visitors');
    expect(await refusal(recordVisit(db, { actor: coordinator, input: form({ visitedOn: '2019-10-21' }) }, NOW))).toBe('visit.inFuture visitedOn');
    expect(await refusal(recordVisit(db, { actor: coordinator, input: form({ readings: { 'm999.systolic': '120', 'm999.diastolic': '80' } }) }, NOW))).toBe('validation.choice readings');
    // A member sees no household, so cannot record a visit to one.
    const member = actorWithRole(db, 'member', '长春市中心医院');
    await expect(recordVisit(db, { actor: member, input: form() }, NOW)).rejects.toThrow(ForbiddenError);
    expect(countOf(visits)).toBe(before);
  });

  it('offers the paired institutions, their staff and recent events, and the saved draft (encrypted at rest)', () => {
    saveVisitDraft(db, { actor: coordinator, householdId, fields: { difficulties: '取暖用煤不足' } }, NOW);
    const context = visitFormContext(db, { actor: coordinator, householdId }, NOW);
    expect(context.institutions.map((i) => i.name)).toEqual(['长春市中心医院']);
    expect(context.staff.map((s) => s.name).sort()).toEqual(['周丽华', '孙立强', '陈静'].sort());
    expect(context.events.map((e) => e.title)).toEqual(['刘家屯村入户走访慰问']);
    expect(context.draft).toEqual({ fields: { difficulties: '取暖用煤不足' }, savedAt: NOW });
    expect(db.select().from(visitDrafts).get()!.payload).not.toContain('取暖');
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(() => saveVisitDraft(db, { actor: qinyuan, householdId, fields: {} }, NOW)).toThrow(ForbiddenError);
  });
});

describe('who reads a visit', () => {
  it('the paired institution, its visitors and administrators; not another institution, publicity or other members', async () => {
    const { id } = await recordVisit(db, { actor: coordinator, input: form() }, NOW);
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    expect(getVisit(db, { actor: admin, visitId: id }, NOW).headName).toBe('林江');
    for (const outsider of [actorWithRole(db, 'coordinator', '沁源县人民医院'), actorWithRole(db, 'publicity', '长春市卫生健康委员会'), actorWithRole(db, 'member', '长春市中心医院')]) {
      expect(() => getVisit(db, { actor: outsider, visitId: id }, NOW)).toThrow(ForbiddenError);
    }
    // A member who went on the visit (their account linked to the staff record) may read it.
    const member = actorWithRole(db, 'member', '长春市中心医院');
    db.update(staff).set({ userId: member.userId }).where(eq(staff.id, staffIds['周丽华'])).run();
    expect(getVisit(db, { actor: loadActor(db, member.userId), visitId: id }, NOW).visitors).toEqual(['周丽华']);
    // …and finds it, with the demo's two visits she went on, under their sign-ups; nobody else's appear there.
    expect(visitsWentOn(db, { actor: member }).map((v) => [v.headName, v.id === id])).toEqual([
      ['林江', true],
      ['孙广森', false],
      ['孙广森', false],
    ]);
    expect(visitsWentOn(db, { actor: actorWithRole(db, 'member', '长春市中心医院') })).toEqual([]);
  });

  it('another institution paired with the village sees the visit as a line only: no readings, notes, visitors or photos', async () => {
    const { id } = await recordVisit(db, { actor: coordinator, input: form() }, NOW);
    const own = householdFile(db, { actor: coordinator, householdId }, NOW).visits.find((v) => v.id === id)!;
    expect(own.inFull).toBe(true);
    expect(own.readings.length).toBeGreaterThan(0);
    const zhongyi = actorWithRole(db, 'coordinator', '长春市中医院');
    const file = householdFile(db, { actor: zhongyi, householdId }, NOW);
    expect(file.visits.find((v) => v.id === id)).toMatchObject({
      inFull: false,
      institution: '长春市中心医院',
      purpose: own.purpose,
      visitedAt: own.visitedAt,
      readings: [],
      checks: [],
      visitors: [],
      photoIds: [],
      followUps: [],
      difficulties: null,
      notes: null,
    });
    expect(file.openFollowUps).toEqual([]);
    expect(() => getVisit(db, { actor: zhongyi, visitId: id }, NOW)).toThrow(ForbiddenError);
  });

  it('every look at a visit or a household file is written to the audit log', async () => {
    const { id } = await recordVisit(db, { actor: coordinator, input: form() }, NOW);
    const views = () => db.select({ entity: auditLog.entity, entityId: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.action, 'view'), eq(auditLog.actorId, coordinator.userId))).all();
    getVisit(db, { actor: coordinator, visitId: id }, NOW);
    const file = householdFile(db, { actor: coordinator, householdId }, NOW);
    expect(views()).toEqual([
      { entity: 'visit', entityId: String(id) },
      { entity: 'household', entityId: String(householdId) },
    ]);
    expect(file.visits.map((v) => v.id)).toEqual([id]);
    expect(file.openFollowUps.map((f) => f.action)).toEqual(['联系住建部门鉴定危房']);
  });
});

describe('follow-ups', () => {
  it('lists the open ones overdue first with counts, and marks one done once', async () => {
    // The demo data's visits to 孙广森 promised two follow-ups, due 2019-10-10 (overdue on the 20th) and 2019-11-15.
    await recordVisit(db, { actor: coordinator, input: form() }, NOW);
    const list = listFollowUps(db, { actor: coordinator, institutionId }, '2019-10-20');
    expect(list.rows.map((r) => [r.dueDate, r.headName, r.overdue])).toEqual([
      ['2019-10-10', '孙广森', true],
      ['2019-10-25', '林江', false],
      ['2019-11-15', '孙广森', false],
    ]);
    expect([list.openCount, list.overdueCount]).toEqual([3, 1]);

    completeFollowUp(db, { actor: coordinator, followUpId: list.rows[0].id, note: '慢病卡已办好' }, NOW);
    expect(() => completeFollowUp(db, { actor: coordinator, followUpId: list.rows[0].id, note: null }, NOW)).toThrow('followUp.alreadyDone');
    const done = listFollowUps(db, { actor: coordinator, institutionId, state: 'done' }, '2019-10-20');
    expect(done.rows.map((r) => [r.action, r.doneNote])).toEqual([['协助办理高血压慢病卡', '慢病卡已办好']]);
    expect([done.openCount, done.overdueCount]).toEqual([2, 0]);

    const member = actorWithRole(db, 'member', '长春市中心医院');
    expect(() => listFollowUps(db, { actor: member, institutionId }, '2019-10-20')).toThrow(ForbiddenError);
    expect(() => completeFollowUp(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), followUpId: list.rows[1].id, note: null }, NOW)).toThrow(ForbiddenError);
  });
});
