// Correcting a pairing against the demo data: who is responsible, how often, until when — logged, and only by
// the institution's own coordinators.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { pairings } from '../../../db/schema.ts';
import { seedDemoData } from '../../../db/seed/demo.ts';
import { actorWithRole } from '../../../tests/setup/actors.ts';
import { createTestDatabase } from '../../../tests/setup/db.ts';
import { recordHistory } from '../audit/audit.server.ts';
import type { Db } from '../server/db.ts';
import { pairingUpdateSchema } from './pairings.ts';
import { updatePairing } from './pairings.server.ts';

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
  it('changes the responsible person, the obligation and the end date, with its history', () => {
    const coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
    const pairing = db.select().from(pairings).where(eq(pairings.institutionId, coordinator.memberships[0].institutionId)).get()!;
    updatePairing(db, { actor: coordinator, pairingId: pairing.id, input: input({ responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31' }) }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()).toMatchObject({ responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31', startDate: pairing.startDate });
    const [entry] = recordHistory(db, { actor: coordinator, records: [{ entity: 'pairing', ids: [pairing.id] }] });
    expect(entry).toMatchObject({ action: 'update', after: { responsibleName: '周丽华', obligation: 'weekly', endDate: '2020-12-31' } });
    // An end before the start is refused beside its field; an empty end date makes it open-ended again.
    expect(() => updatePairing(db, { actor: coordinator, pairingId: pairing.id, input: input({ endDate: '1999-01-01' }) }, NOW)).toThrow('pairing.endBeforeStart');
    updatePairing(db, { actor: coordinator, pairingId: pairing.id, input: input({ endDate: '' }) }, NOW);
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()!.endDate).toBeNull();
    expect(() => updatePairing(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), pairingId: pairing.id, input: input({}) }, NOW)).toThrow('error.forbidden');
  });
});
