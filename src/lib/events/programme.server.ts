// An event's programme (活动议程): the parts its day is made of — a launch ceremony at 09:00, the clinic from 09:30
// to 12:00, a health talk — each at its own time within the event's, at its own place when it has one, with the
// roles that serve it. The tallies count the event once, whatever its parts.
import { and, eq } from 'drizzle-orm';
import { eventParts, eventRoles } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { message } from '../validation/fields.ts';
import { eventForChange } from './events.server.ts';
import { type PartInput, partOutside } from './events.ts';

/** Refuses a part that starts before the event or ends after it, beside the time that lies outside. */
function assertWithinEvent(event: { startTime: string; endTime: string }, part: Pick<PartInput, 'startTime' | 'endTime'>) {
  const field = partOutside(part, event);
  if (field) throw new DomainError(message('programme.outsideEvent', { start: event.startTime, end: event.endTime }), field);
}

/** A part the actor may change, with its event: the organiser's, on an event not cancelled. */
function partForChange(tx: Tx, actor: Actor, partId: number) {
  const part = tx.select().from(eventParts).where(eq(eventParts.id, partId)).get();
  if (!part) throw new NotFoundError();
  const event = eventForChange(tx, actor, part.eventId);
  if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
  return { part, event };
}

export function addPart(db: Db, { actor, eventId, input }: { actor: Actor; eventId: number; input: PartInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
    assertWithinEvent(event, input);
    const part = tx.insert(eventParts).values({ ...input, eventId }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'part', entityId: part.id, institutionId: event.organiserId, after: part }, now);
    return part;
  });
}

export function updatePart(db: Db, { actor, partId, input }: { actor: Actor; partId: number; input: PartInput }, now = Date.now()) {
  db.transaction((tx) => {
    const { part, event } = partForChange(tx, actor, partId);
    assertWithinEvent(event, input);
    if (recordChange(tx, { actorId: actor.userId, entity: 'part', entityId: partId, institutionId: event.organiserId, before: part, after: input }, now).length) {
      tx.update(eventParts).set(input).where(eq(eventParts.id, partId)).run();
    }
  });
}

/** Removes a part of the programme; the roles that served it stay on the event, serving the whole day. */
export function deletePart(db: Db, { actor, partId }: { actor: Actor; partId: number }, now = Date.now()) {
  return db.transaction((tx) => {
    const { part, event } = partForChange(tx, actor, partId);
    tx.update(eventRoles).set({ partId: null }).where(and(eq(eventRoles.eventId, event.id), eq(eventRoles.partId, partId))).run();
    tx.delete(eventParts).where(eq(eventParts.id, partId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'delete', entity: 'part', entityId: partId, institutionId: event.organiserId, before: part }, now);
    return { eventId: event.id };
  });
}
