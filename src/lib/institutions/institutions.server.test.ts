// Institutions sit in the area tree: an administrator places each one; its coordinators keep its other details.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, institutions } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusal } from '#tests/setup/refusal.ts';
import { recordHistory } from '../audit/audit.server.ts';
import { areaChoices } from '../places/places.server.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { institutionSchema } from './institutions.ts';
import { createInstitution, getInstitution, updateInstitution } from './institutions.server.ts';

const NOW = Date.parse('2019-10-17T10:00:00+08:00');
let db: Db;
beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
});

const areaId = (name: string) => db.select().from(areas).where(eq(areas.name, name)).get()!.id;

describe('institutions', () => {
  it('are placed in a province, city or county by an administrator', () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const input = (fields: Record<string, string>) => institutionSchema.parse({ name: '农安县人民医院', kind: 'hospital', ...fields });
    expect(refusal(() => createInstitution(db, { actor: admin, input: input({}) }, NOW))).toMatchObject({ field: 'areaId', message: 'validation.required' });
    expect(refusal(() => createInstitution(db, { actor: admin, input: input({ areaId: String(areaId('高家店镇')) }) }, NOW))).toMatchObject({ field: 'areaId', message: 'validation.choice' });
    const created = createInstitution(db, { actor: admin, input: input({ areaId: String(areaId('农安县')) }) }, NOW);
    expect(created.areaId).toBe(areaId('农安县'));
    expect(areaChoices(db).find((a) => a.value === created.areaId)!.label).toBe('吉林省 长春市 农安县');
    // Only in its own area: Changchun's commission adds nothing in Qinyuan, which the system operator may.
    expect(areaChoices(db, { shapedBy: admin }).map((a) => a.label)).not.toContain('山西省 长治市 沁源县');
    const elsewhere = input({ name: '沁源县中医院', areaId: String(areaId('沁源县')) });
    expect(refusal(() => createInstitution(db, { actor: admin, input: elsewhere }, NOW))).toMatchObject({ field: 'areaId', message: 'validation.choice' });
    expect(() => createInstitution(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), input: input({ name: '某医院', areaId: String(areaId('农安县')) }) }, NOW)).toThrow(ForbiddenError);
    expect(createInstitution(db, { actor: actorWithRole(db, 'operator', '长春市卫生健康委员会'), input: elsewhere }, NOW).areaId).toBe(areaId('沁源县'));
    // The demo's institutions each have their place.
    expect(db.select().from(institutions).all().every((i) => i.areaId !== null)).toBe(true);
  });

  it('keep their area when their coordinators edit them; their area\'s administrator moves them within it, with the history', () => {
    const coordinator = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const admin = actorWithRole(db, 'admin', '沁源县卫生健康局');
    const operator = actorWithRole(db, 'operator', '长春市卫生健康委员会');
    const id = coordinator.memberships[0].institutionId;
    const own = getInstitution(db, { actor: coordinator, institutionId: id });
    const edit = (actor: typeof admin, fields: Record<string, string>) =>
      updateInstitution(db, { actor, institutionId: id, input: institutionSchema.parse({ name: own.name, kind: own.kind, parentId: String(own.parentId), ...fields }) }, NOW);
    edit(coordinator, { areaId: String(areaId('长春市')), contactName: '黄主任' });
    expect(getInstitution(db, { actor: coordinator, institutionId: id })).toMatchObject({ areaId: own.areaId, contactName: '黄主任' });
    // Changchun's commission does not touch it; Qinyuan's bureau cannot move it (or itself) above its county.
    expect(() => edit(actorWithRole(db, 'admin', '长春市卫生健康委员会'), { contactName: 'x' })).toThrow(ForbiddenError);
    expect(refusal(() => edit(admin, { areaId: String(areaId('长治市')), contactName: '黄主任' }))).toMatchObject({ field: 'areaId', message: 'validation.choice' });
    const bureau = admin.memberships[0].institutionId;
    expect(refusal(() => updateInstitution(db, { actor: admin, institutionId: bureau, input: institutionSchema.parse({ name: '沁源县卫生健康局', kind: 'bureau', areaId: String(areaId('山西省')) }) }, NOW))).toMatchObject({ field: 'areaId' });
    edit(operator, { areaId: String(areaId('长治市')), contactName: '黄主任' });
    expect(getInstitution(db, { actor: coordinator, institutionId: id }).areaId).toBe(areaId('长治市'));
    const [moved] = recordHistory(db, { actor: coordinator, records: [{ entity: 'institution', ids: [id] }] });
    expect(moved).toMatchObject({ action: 'update', before: { areaId: own.areaId }, after: { areaId: areaId('长治市') } });
    expect(() => edit(actorWithRole(db, 'coordinator', '长春市中心医院'), { contactName: 'x' })).toThrow(ForbiddenError);
  });
});
