// An institution's vehicles and their dispatches to events. A vehicle is never in two places at once:
// the clash check and the insert share one IMMEDIATE transaction.
import { and, asc, count, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { dispatches, dispatchVillages, events, pairings, vehicles, villages } from '#db/schema.ts';
import { formatDateTime } from '#src/i18n/index.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { eventOrganisers, getEvent } from '../events/events.server.ts';
import { type Actor, assertAccess, canAccess, institutionIdsFor } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { message } from '../validation/fields.ts';
import { clashingDispatch, type DispatchInput, type VehicleInput } from './vehicles.ts';

/** Refuses a plate another vehicle already carries: a plate is registered once. */
function assertPlateFree(tx: Tx, plate: string, exceptId: number | null = null) {
  const holder = tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.plate, plate)).get();
  if (holder && holder.id !== exceptId) throw new DomainError('vehicle.duplicate', 'plate', 409);
}

export function addVehicle(db: Db, { actor, input }: { actor: Actor; input: VehicleInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    assertPlateFree(tx, input.plate);
    const created = tx.insert(vehicles).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'vehicle', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/** A vehicle, for a correction by its institution's coordinators. */
export function vehicleForChange(tx: Tx, actor: Actor, vehicleId: number) {
  const vehicle = tx.select().from(vehicles).where(eq(vehicles.id, vehicleId)).get();
  if (!vehicle) throw new NotFoundError();
  assertAccess(actor, vehicle.institutionId, 'manage');
  return vehicle;
}

/** Corrects a vehicle's plate, kind or seats; it stays with its institution and keeps its dispatches. */
export function updateVehicle(db: Db, { actor, vehicleId, input }: { actor: Actor; vehicleId: number; input: VehicleInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = vehicleForChange(tx, actor, vehicleId);
    if (input.institutionId !== before.institutionId) throw new DomainError('validation.choice', 'institutionId');
    assertPlateFree(tx, input.plate, vehicleId);
    const { institutionId: _institution, ...after } = input;
    if (recordChange(tx, { actorId: actor.userId, entity: 'vehicle', entityId: vehicleId, institutionId: before.institutionId, before, after }, now).length) {
      tx.update(vehicles).set(after).where(eq(vehicles.id, vehicleId)).run();
    }
  });
}

/** The institution's vehicles with how often each went out. */
export function listVehicles(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'read');
  const trips = tx.select({ vehicleId: dispatches.vehicleId, n: count().as('trips') }).from(dispatches).where(eq(dispatches.institutionId, institutionId)).groupBy(dispatches.vehicleId).as('trips');
  return tx
    .select({ vehicle: vehicles, dispatches: sql<number>`coalesce(${trips.n}, 0)` })
    .from(vehicles)
    .leftJoin(trips, eq(trips.vehicleId, vehicles.id))
    .where(eq(vehicles.institutionId, institutionId))
    .orderBy(asc(vehicles.kind), asc(vehicles.plate))
    .all()
    .map((row) => ({ ...row.vehicle, dispatches: row.dispatches }));
}

/** Sends a vehicle to an event the actor can see; refused when the vehicle is already out at that time. */
export function dispatchVehicle(db: Db, { actor, input }: { actor: Actor; input: DispatchInput }, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const vehicle = tx.select().from(vehicles).where(eq(vehicles.id, input.vehicleId)).get();
      if (!vehicle) throw new DomainError('validation.choice', 'vehicleId');
      assertAccess(actor, vehicle.institutionId, 'manage');
      const event = getEvent(tx, { actor, eventId: input.eventId });
      // An institution's vehicles go to the events it runs, alone or jointly, not to anyone's.
      if (!eventOrganisers(tx, event).includes(vehicle.institutionId)) throw new DomainError('validation.choice', 'vehicleId');
      if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
      const others = tx
        .select({ outAt: dispatches.outAt, backAt: dispatches.backAt, event: events.title })
        .from(dispatches)
        .innerJoin(events, eq(events.id, dispatches.eventId))
        // The (vehicle, out) index narrows to trips leaving before this one is back; the rule decides the rest.
        .where(and(eq(dispatches.vehicleId, vehicle.id), lt(dispatches.outAt, input.backAt)))
        .all();
      const clash = clashingDispatch(others, input);
      if (clash) throw new DomainError(message('dispatch.overlap', { event: clash.event, from: formatDateTime('zh-CN', clash.outAt), to: formatDateTime('zh-CN', clash.backAt) }), 'outTime', 409);
      const { villageIds, distanceKm, ...fields } = input;
      const created = tx
        .insert(dispatches)
        .values({ ...fields, distanceM: distanceKm, institutionId: vehicle.institutionId, createdBy: actor.userId, createdAt: now })
        .returning()
        .get();
      for (const villageId of new Set(villageIds)) tx.insert(dispatchVillages).values({ dispatchId: created.id, villageId }).run();
      recordAudit(tx, { actorId: actor.userId, action: 'dispatch', entity: 'dispatch', entityId: created.id, institutionId: vehicle.institutionId, after: { ...created, villageIds } }, now);
      return created;
    },
    { behavior: 'immediate' },
  );
}

/** Vehicles sent to an event, with their villages: those of institutions whose records the actor may read. */
export function eventDispatches(tx: Tx, { actor, eventId }: { actor: Actor; eventId: number }) {
  const event = tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).get();
  if (!event) throw new NotFoundError();
  const rows = tx
    .select({ dispatch: dispatches, plate: vehicles.plate, kind: vehicles.kind })
    .from(dispatches)
    .innerJoin(vehicles, eq(vehicles.id, dispatches.vehicleId))
    .where(eq(dispatches.eventId, eventId))
    .orderBy(asc(dispatches.outAt))
    .all();
  const places = rows.length
    ? tx
        .select({ dispatchId: dispatchVillages.dispatchId, name: villages.name })
        .from(dispatchVillages)
        .innerJoin(villages, eq(villages.id, dispatchVillages.villageId))
        .where(inArray(dispatchVillages.dispatchId, rows.map((r) => r.dispatch.id)))
        .all()
    : [];
  return rows
    .filter((r) => canAccess(actor, r.dispatch.institutionId, 'read'))
    .map((r) => ({ ...r.dispatch, plate: r.plate, kind: r.kind, villages: places.filter((p) => p.dispatchId === r.dispatch.id).map((p) => p.name) }));
}

/**
 * What a dispatch form offers: the vehicles of the event's organisers that the actor manages, and the villages
 * a trip may reach (the event's village and the villages those institutions are paired with).
 */
export function dispatchChoices(tx: Tx, { actor, event }: { actor: Actor; event: { id: number; organiserId: number; villageId: number | null } }) {
  const managed = institutionIdsFor(actor, 'manage');
  const ids = eventOrganisers(tx, event).filter((id) => managed.includes(id));
  const eventVillageId = event.villageId;
  // Someone who manages none of the organisers has no vehicle to send.
  if (ids.length === 0) return { vehicles: [], villages: [] };
  const vehicleRows = tx.select().from(vehicles).where(inArray(vehicles.institutionId, ids)).orderBy(asc(vehicles.plate)).all();
  const paired = tx
    .select({ villageId: pairings.villageId })
    .from(pairings)
    .where(and(isNotNull(pairings.villageId), inArray(pairings.institutionId, ids)));
  const villageRows = tx
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(or(eventVillageId === null ? sql`1 = 0` : eq(villages.id, eventVillageId), inArray(villages.id, paired)))
    .orderBy(asc(villages.name))
    .limit(200)
    .all();
  return { vehicles: vehicleRows, villages: villageRows };
}
