// Pairings against the demo data: no institution pairs itself (its coordinators ask, an administrator decides),
// ending one closes its households at once, one institution holds one pairing per target at a time, and
// corrections are logged.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, households, pairingRequests, pairings, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusal } from '#tests/setup/refusal.ts';
import { recordHistory } from '../audit/audit.server.ts';
import { getHousehold } from '../households/households.server.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { pairingRequestSchema, pairingSchema, pairingUpdateSchema } from './pairings.ts';
import { createPairing, decidePairingRequest, endPairing, institutionPairingRequests, pendingPairingRequests, requestPairing, updatePairing, withdrawPairingRequest } from './pairings.server.ts';

const NOW = Date.parse('2019-10-17T10:00:00+08:00');
let db: Db;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
});

const input = (fields: Record<string, string>) => {
  const { pairingId: _id, ...rest } = pairingUpdateSchema.parse({ pairingId: '1', obligation: 'monthly', ...fields });
  return rest;
};

describe('correcting a pairing', () => {
  it('its coordinators name the responsible person; the obligation and end date are an administrator’s', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const pairing = db.select().from(pairings).where(eq(pairings.institutionId, coordinator.memberships[0].institutionId)).get()!;
    updatePairing(db, { actor: coordinator, pairingId: pairing.id, input: input({ responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31' }) }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()).toMatchObject({ responsibleName: '周丽华', obligation: pairing.obligation, endDate: pairing.endDate });
    updatePairing(db, { actor: admin, pairingId: pairing.id, input: input({ responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31' }) }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()).toMatchObject({ responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31', startDate: pairing.startDate });
    const [entry] = recordHistory(db, { actor: coordinator, records: [{ entity: 'pairing', ids: [pairing.id] }] });
    expect(entry).toMatchObject({ action: 'update', after: { obligation: 'weekly', endDate: '2020-12-31' } });
    // An end before the start is refused beside its field; an empty end date makes it open-ended again.
    expect(() => updatePairing(db, { actor: admin, pairingId: pairing.id, input: input({ endDate: '1999-01-01' }) }, NOW)).toThrow('pairing.endBeforeStart');
    updatePairing(db, { actor: admin, pairingId: pairing.id, input: input({ endDate: '' }) }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()!.endDate).toBeNull();
    expect(() => updatePairing(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), pairingId: pairing.id, input: input({}) }, NOW)).toThrow('error.forbidden');
  });
});

describe('pairings are assigned, not self-granted', () => {
  const liujiatun = () => db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id;
  const sun = () => db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id;
  const lin = () => db.select().from(households).where(eq(households.headName, '林江')).get()!.id;

  it('a coordinator cannot pair itself with a village; its request opens nothing until its area\'s bureau approves', () => {
    // 长春市妇产医院 holds 孙广森 only; 林江, in the same village, is the CDC's.
    const maternity = actorWithRole(db, 'coordinator', '长春市妇产医院');
    const own = maternity.memberships[0].institutionId;
    const fields = { institutionId: String(own), targetRef: `village:${liujiatun()}`, startDate: '2019-10-01', obligation: 'monthly' };
    expect(() => createPairing(db, { actor: maternity, input: pairingSchema.parse(fields) }, NOW)).toThrow(ForbiddenError);
    const request = requestPairing(db, { actor: maternity, input: pairingRequestSchema.parse({ ...fields, note: '市卫健委安排' }) }, NOW);
    expect(() => getHousehold(db, { actor: maternity, householdId: lin() }, NOW)).toThrow(ForbiddenError);
    // Only the bureau whose area covers both sides decides it: not the institution, not another county's bureau.
    expect(() => decidePairingRequest(db, { actor: maternity, requestId: request.id, approve: true, reason: null }, NOW)).toThrow(ForbiddenError);
    expect(() => pendingPairingRequests(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院') })).toThrow(ForbiddenError);
    const qinyuanBureau = actorWithRole(db, 'admin', '沁源县卫生健康局');
    expect(pendingPairingRequests(db, { actor: qinyuanBureau })).toEqual([]);
    expect(() => decidePairingRequest(db, { actor: qinyuanBureau, requestId: request.id, approve: true, reason: null }, NOW)).toThrow(ForbiddenError);
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    expect(pendingPairingRequests(db, { actor: admin }).map((r) => [r.institution, r.targetName, r.note])).toEqual([['长春市妇产医院', '刘家屯村', '市卫健委安排']]);
    decidePairingRequest(db, { actor: admin, requestId: request.id, approve: true, reason: null }, NOW);
    expect(getHousehold(db, { actor: maternity, householdId: lin() }, NOW).headName).toBe('林江');
    expect(institutionPairingRequests(db, { actor: maternity, institutionId: own })[0]).toMatchObject({ state: 'approved' });
    expect(refusal(() => decidePairingRequest(db, { actor: admin, requestId: request.id, approve: false, reason: '重复' }, NOW))).toMatchObject({ message: 'pairing.requestDecided' });
    const logged = db.select().from(auditLog).where(eq(auditLog.entity, 'pairing_request')).all().map((r) => r.action);
    expect(logged).toEqual(['request', 'approve']);
  });

  it('a request across two provinces has no bureau to approve it below the province', () => {
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const request = requestPairing(db, { actor: qinyuan, input: pairingRequestSchema.parse({ institutionId: String(qinyuan.memberships[0].institutionId), targetRef: `village:${liujiatun()}`, startDate: '2019-10-01', obligation: 'monthly' }) }, NOW);
    for (const bureau of ['长春市卫生健康委员会', '沁源县卫生健康局']) {
      expect(() => decidePairingRequest(db, { actor: actorWithRole(db, 'admin', bureau), requestId: request.id, approve: true, reason: null }, NOW)).toThrow(ForbiddenError);
    }
    expect(() => getHousehold(db, { actor: qinyuan, householdId: sun() }, NOW)).toThrow(ForbiddenError);
  });

  it('a refusal says why; a pending request can be withdrawn', () => {
    const qinyuan = actorWithRole(db, 'coordinator', '长春市妇产医院');
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const ask = (target: string) =>
      requestPairing(db, { actor: qinyuan, input: pairingRequestSchema.parse({ institutionId: String(qinyuan.memberships[0].institutionId), targetRef: target, startDate: '2019-10-01', obligation: 'monthly' }) }, NOW);
    const first = ask(`village:${liujiatun()}`);
    expect(refusal(() => decidePairingRequest(db, { actor: admin, requestId: first.id, approve: false, reason: null }, NOW))).toMatchObject({ field: 'reason', message: 'validation.required' });
    decidePairingRequest(db, { actor: admin, requestId: first.id, approve: false, reason: '不在本县' }, NOW);
    expect(institutionPairingRequests(db, { actor: qinyuan, institutionId: qinyuan.memberships[0].institutionId })[0]).toMatchObject({ state: 'refused', decisionReason: '不在本县' });
    const second = ask(`household:${lin()}`);
    expect(() => withdrawPairingRequest(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), requestId: second.id }, NOW)).toThrow(ForbiddenError);
    withdrawPairingRequest(db, { actor: qinyuan, requestId: second.id }, NOW);
    expect(db.select().from(pairingRequests).where(eq(pairingRequests.id, second.id)).get()!.state).toBe('withdrawn');
    expect(db.select().from(pairings).where(eq(pairings.institutionId, qinyuan.memberships[0].institutionId)).all().some((p) => p.villageId === liujiatun() || p.householdId === lin())).toBe(false);
  });

  it('ending a pairing closes its households at once, not at midnight', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const own = coordinator.memberships[0].institutionId;
    expect(getHousehold(db, { actor: coordinator, householdId: sun() }, NOW).headName).toBe('孙广森');
    for (const pairing of db.select().from(pairings).where(eq(pairings.institutionId, own)).all()) endPairing(db, { actor: coordinator, pairingId: pairing.id }, NOW);
    expect(() => getHousehold(db, { actor: coordinator, householdId: sun() }, NOW + 60_000)).toThrow(ForbiddenError);
  });

  it('a health bureau assigns the pairings of its own area, and no others', () => {
    const commission = actorWithRole(db, 'coordinator', '长春市卫生健康委员会');
    const central = actorWithRole(db, 'coordinator', '长春市中心医院');
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const dongdao = db.select().from(villages).where(eq(villages.name, '东道村')).get()!.id;
    const hongshaya = db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
    const ask = (actor: typeof central, target: string) =>
      requestPairing(db, { actor, input: pairingRequestSchema.parse({ institutionId: String(actor.memberships[0].institutionId), targetRef: target, startDate: '2019-10-01', obligation: 'monthly' }) }, NOW);
    const inArea = ask(central, `village:${dongdao}`);
    const hospitalElsewhere = ask(qinyuan, `village:${liujiatun()}`);
    const targetElsewhere = ask(central, `village:${hongshaya}`);
    // The Changchun commission sees and decides only the request inside Changchun on both sides.
    expect(pendingPairingRequests(db, { actor: commission }).map((r) => r.id)).toEqual([inArea.id]);
    decidePairingRequest(db, { actor: commission, requestId: inArea.id, approve: true, reason: null }, NOW);
    expect(() => decidePairingRequest(db, { actor: commission, requestId: hospitalElsewhere.id, approve: true, reason: null }, NOW)).toThrow(ForbiddenError);
    expect(() => decidePairingRequest(db, { actor: commission, requestId: targetElsewhere.id, approve: true, reason: null }, NOW)).toThrow(ForbiddenError);
    // A hospital's coordinator assigns nothing.
    expect(() => pendingPairingRequests(db, { actor: central })).toThrow(ForbiddenError);
    expect(db.select().from(pairings).where(and(eq(pairings.institutionId, central.memberships[0].institutionId), eq(pairings.villageId, dongdao))).get()).toBeDefined();
  });

  it('one institution holds one pairing with a target at a time', () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const own = coordinator.memberships[0].institutionId;
    const held = db.select().from(pairings).where(and(eq(pairings.institutionId, own), eq(pairings.target, 'village'))).get()!;
    const again = { institutionId: String(own), targetRef: `village:${held.villageId}`, startDate: '2019-10-01', obligation: 'weekly' };
    expect(refusal(() => createPairing(db, { actor: admin, input: pairingSchema.parse(again) }, NOW))).toMatchObject({ field: 'targetRef', message: 'pairing.duplicate' });
    expect(refusal(() => requestPairing(db, { actor: coordinator, input: pairingRequestSchema.parse(again) }, NOW))).toMatchObject({ field: 'targetRef', message: 'pairing.duplicate' });
    // The database holds the rule for open-ended pairings too.
    expect(() => db.insert(pairings).values({ ...held, id: undefined }).run()).toThrow(/UNIQUE/);
    // After it ended, a new one may follow it.
    endPairing(db, { actor: coordinator, pairingId: held.id }, NOW);
    createPairing(db, { actor: admin, input: pairingSchema.parse({ ...again, startDate: '2019-10-18' }) }, NOW);
  });
});
