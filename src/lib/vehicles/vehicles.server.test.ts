// Vehicles against a real database: registration, dispatches that never overlap, and who sees them.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { inviteCoorganisers, respondToCoorganising } from '../events/joint.server.ts';
import { dispatchSchema, vehicleSchema } from './vehicles.ts';
import { addVehicle, dispatchChoices, dispatchVehicle, eventDispatches, listVehicles, updateVehicle } from './vehicles.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let institutionId: number;
let eventId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  ({ coordinator, eventId } = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }]));
  institutionId = coordinator.memberships[0].institutionId;
});

const ambulance = (plate = '吉A·12345') => addVehicle(db, { actor: coordinator, input: vehicleSchema.parse({ institutionId: String(institutionId), plate, kind: 'ambulance', seats: '4' }) }, NOW);
const trip = (vehicleId: number, out: string, back: string, extra: Record<string, unknown> = {}) =>
  dispatchSchema.parse({ vehicleId: String(vehicleId), eventId: String(eventId), driver: '张师傅', outDate: '2019-10-17', outTime: out, backDate: '2019-10-17', backTime: back, ...extra });

describe('vehicles', () => {
  it('are registered once per plate, by their institution’s coordinators', () => {
    expect(ambulance().plate).toBe('吉A12345');
    expect(() => ambulance('吉a12345')).toThrow('vehicle.duplicate');
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(() => addVehicle(db, { actor: other, input: vehicleSchema.parse({ institutionId: String(institutionId), plate: '吉A54321', kind: 'car' }) })).toThrow(ForbiddenError);
  });

  it('are corrected by their institution’s coordinators, keeping their trips, a plate still once', () => {
    const vehicle = ambulance();
    ambulance('吉A54321');
    dispatchVehicle(db, { actor: coordinator, input: trip(vehicle.id, '07:00', '13:00') }, NOW);
    const correct = (fields: Record<string, string>, actor = coordinator) =>
      updateVehicle(db, { actor, vehicleId: vehicle.id, input: vehicleSchema.parse({ institutionId: String(institutionId), kind: 'ambulance', ...fields }) }, NOW);
    correct({ plate: '吉 a·1234５', kind: 'car', seats: '5' });
    expect(listVehicles(db, { actor: coordinator, institutionId }).find((v) => v.id === vehicle.id)).toMatchObject({ plate: '吉A12345', kind: 'car', seats: 5, dispatches: 1 });
    const logged = db.select().from(auditLog).where(eq(auditLog.entity, 'vehicle')).all().filter((r) => r.action === 'update');
    expect(logged.map((r) => [JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([[{ kind: 'ambulance', seats: 4 }, { kind: 'car', seats: 5 }]]);
    expect(() => correct({ plate: '吉A54321' })).toThrow('vehicle.duplicate');
    expect(() => correct({ plate: '吉A99999' }, actorWithRole(db, 'coordinator', '沁源县人民医院'))).toThrow(ForbiddenError);
    expect(() => correct({ plate: '吉A99999' }, actorWithRole(db, 'member', '长春市中心医院'))).toThrow(ForbiddenError);
    expect(listVehicles(db, { actor: coordinator, institutionId }).find((v) => v.id === vehicle.id)!.plate).toBe('吉A12345');
  });

  it('are never dispatched twice at overlapping times', () => {
    const vehicle = ambulance();
    const dispatchesBefore = db.select().from(auditLog).where(eq(auditLog.action, 'dispatch')).all().length;
    const village = db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!;
    dispatchVehicle(db, { actor: coordinator, input: trip(vehicle.id, '07:00', '12:00', { distanceKm: '86.5', villageIds: [String(village.id)], crew: '王医生、李护士' }) }, NOW);
    expect(() => dispatchVehicle(db, { actor: coordinator, input: trip(vehicle.id, '11:30', '15:00') }, NOW)).toThrow(/^dispatch\.overlap\?event=/);
    dispatchVehicle(db, { actor: coordinator, input: trip(vehicle.id, '12:00', '15:00') }, NOW);
    expect(listVehicles(db, { actor: coordinator, institutionId }).find((v) => v.id === vehicle.id)!.dispatches).toBe(2);
    const sent = eventDispatches(db, { actor: coordinator, eventId });
    expect(sent.map((d) => [d.plate, d.distanceM, d.villages])).toEqual([
      ['吉A12345', 86_500, ['刘家屯村']],
      ['吉A12345', null, []],
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'dispatch')).all()).toHaveLength(dispatchesBefore + 2);
  });

  it('stay with their institution: another cannot send them or see their trips', () => {
    const vehicle = ambulance();
    dispatchVehicle(db, { actor: coordinator, input: trip(vehicle.id, '07:00', '12:00') }, NOW);
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(() => dispatchVehicle(db, { actor: other, input: trip(vehicle.id, '13:00', '15:00') })).toThrow(ForbiddenError);
    expect(() => listVehicles(db, { actor: other, institutionId })).toThrow(ForbiddenError);
    expect(eventDispatches(db, { actor: other, eventId })).toEqual([]);
  });

  it('go only to events their institution runs, alone or jointly', () => {
    const other = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const otherId = other.memberships[0].institutionId;
    const theirs = addVehicle(db, { actor: other, input: vehicleSchema.parse({ institutionId: String(otherId), plate: '晋D12345', kind: 'ambulance' }) }, NOW);
    const event = { id: eventId, organiserId: institutionId, villageId: null };
    expect(dispatchChoices(db, { actor: other, event }).vehicles).toEqual([]);
    expect(() => dispatchVehicle(db, { actor: other, input: trip(theirs.id, '07:00', '12:00') }, NOW)).toThrow('validation.choice');
    expect(eventDispatches(db, { actor: coordinator, eventId })).toEqual([]);
    // Once the hospital runs the clinic jointly, its ambulance may go.
    inviteCoorganisers(db, { actor: coordinator, eventId, institutionIds: [otherId] }, NOW);
    expect(dispatchChoices(db, { actor: other, event }).vehicles).toEqual([]);
    respondToCoorganising(db, { actor: other, eventId, institutionId: otherId, accept: true }, NOW);
    expect(dispatchChoices(db, { actor: other, event }).vehicles.map((v) => v.plate)).toEqual(['晋D12345']);
    dispatchVehicle(db, { actor: other, input: trip(theirs.id, '07:00', '12:00') }, NOW);
    expect(eventDispatches(db, { actor: coordinator, eventId })).toHaveLength(0);
    expect(eventDispatches(db, { actor: other, eventId }).map((d) => d.plate)).toEqual(['晋D12345']);
  });
});
