// Joint events (联合主办): the organiser invites other institutions to run an event with it. Each that accepts
// places its own staff on the roles, sends its own vehicles and hands out its own stock; the event page says
// who brought what, and the tallies count each institution and each person once.
import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { dispatches, eventCoorganisers, eventRoles, events, institutions, shifts, signups, stockEntries, vehicles } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess, canAccess, institutionIdsFor } from '../server/auth/scope.ts';
import { mailInvitedCoordinators } from '../memberships/memberships.server.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { eventForChange, eventOrganisers } from './events.server.ts';

/**
 * The institutions running the event that the actor acts for with `access` (the organiser, co-organisers that
 * accepted). Refused when there are none: the actor has no part in the event.
 */
export function actingOrganisers(tx: Tx, actor: Actor, event: { id: number; organiserId: number }, access: 'read' | 'personal' | 'manage'): number[] {
  const ids = eventOrganisers(tx, event).filter((id) => canAccess(actor, id, access));
  if (ids.length === 0) throw new ForbiddenError();
  return ids;
}

/** The institutions running the event that the actor manages, with their names: whose stock it may hand out there. */
export function managedOrganisers(tx: Tx, actor: Actor, event: { id: number; organiserId: number }) {
  const ids = eventOrganisers(tx, event).filter((id) => canAccess(actor, id, 'manage'));
  if (ids.length === 0) return [];
  const names = new Map(tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, ids)).all().map((i) => [i.id, i.name]));
  return ids.map((institutionId) => ({ institutionId, name: names.get(institutionId)! }));
}

/** Refused unless `institutionId` runs the event and the actor manages it: what it brings to the event is its own. */
export function assertBringsTo(tx: Tx, actor: Actor, event: { id: number; organiserId: number }, institutionId: number, field: string | null = null) {
  if (!eventOrganisers(tx, event).includes(institutionId)) throw new DomainError('validation.choice', field);
  assertAccess(actor, institutionId, 'manage');
}

/** Institutions the organiser could still invite: not the organiser, not yet asked; its own subordinates first. */
export function invitableCoorganisers(tx: Tx, { actor, eventId }: { actor: Actor; eventId: number }) {
  const event = eventForChange(tx, actor, eventId);
  const asked = tx.select({ id: eventCoorganisers.institutionId }).from(eventCoorganisers).where(eq(eventCoorganisers.eventId, eventId));
  return tx
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(and(ne(institutions.id, event.organiserId), notInArray(institutions.id, asked)))
    .orderBy(sql`case when ${institutions.parentId} = ${event.organiserId} then 0 else 1 end`, asc(institutions.name))
    .all();
}

/** The organiser invites institutions to run the event with it; each one's coordinators are told by mail. */
export function inviteCoorganisers(db: Db, { actor, eventId, institutionIds }: { actor: Actor; eventId: number; institutionIds: number[] }, now = Date.now()) {
  return db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    const known = new Set(invitableCoorganisers(tx, { actor, eventId }).map((i) => i.id));
    const invited = [...new Set(institutionIds)].filter((id) => known.has(id));
    if (invited.length === 0) throw new DomainError('campaign.pickInstitutions', 'institutionIds');
    for (const institutionId of invited) tx.insert(eventCoorganisers).values({ eventId, institutionId, state: 'invited', invitedAt: now }).run();
    const organiser = tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, event.organiserId)).get()!.name;
    mailInvitedCoordinators(
      tx,
      {
        institutionIds: invited,
        kind: 'event_invitation',
        path: `/events/${eventId}`,
        lines: (t, institution) => {
          const params = { event: event.title, organiser, institution, date: event.date };
          return { subject: t('mail.eventInvitationSubject', params), body: t('mail.eventInvitationBody', params) };
        },
      },
      now,
    );
    recordAudit(tx, { actorId: actor.userId, action: 'invite', entity: 'event', entityId: eventId, institutionId: event.organiserId, after: { institutionIds: invited } }, now);
    return invited.length;
  });
}

/**
 * An invited institution accepts or declines. One that accepted may step back only while none of its people,
 * vehicles or stock are on the event, so nothing it brought is left without an owner.
 */
export function respondToCoorganising(db: Db, { actor, eventId, institutionId, accept }: { actor: Actor; eventId: number; institutionId: number; accept: boolean }, now = Date.now()) {
  assertAccess(actor, institutionId, 'manage');
  db.transaction((tx) => {
    const where = and(eq(eventCoorganisers.eventId, eventId), eq(eventCoorganisers.institutionId, institutionId));
    const before = tx.select().from(eventCoorganisers).where(where).get();
    if (!before) throw new NotFoundError();
    const event = tx.select().from(events).where(eq(events.id, eventId)).get()!;
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    const state = accept ? 'accepted' : 'declined';
    if (before.state === state) return;
    if (!accept && before.state === 'accepted') {
      const brought = broughtBy(tx, event).get(institutionId);
      if (brought && brought.people + brought.vehicles + brought.handouts > 0) throw new DomainError('joint.stillBringing', null, 409);
    }
    tx.update(eventCoorganisers).set({ state, respondedAt: now }).where(where).run();
    recordAudit(tx, { actorId: actor.userId, action: accept ? 'accept' : 'decline', entity: 'event', entityId: eventId, institutionId, before: { state: before.state }, after: { state } }, now);
  });
}

/** What each institution brought to an event: people it placed on the roles, vehicles it sent, handout lines and their value. */
function broughtBy(tx: Tx, event: { id: number; organiserId: number }) {
  const eventId = event.id;
  const brought = new Map<number, { people: number; vehicles: number; handouts: number; handoutFen: number }>();
  const entry = (id: number) => brought.get(id) ?? brought.set(id, { people: 0, vehicles: 0, handouts: 0, handoutFen: 0 }).get(id)!;
  // People who signed up themselves came to the organiser's event.
  const people = tx
    .select({ id: sql<number>`coalesce(${signups.sentBy}, ${event.organiserId})`, n: sql<number>`count(*)` })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .where(and(eq(eventRoles.eventId, eventId), inArray(signups.state, ['confirmed', 'offered'])))
    .groupBy(sql`1`)
    .all();
  for (const row of people) entry(row.id).people = row.n;
  const sent = tx
    .select({ id: vehicles.institutionId, n: sql<number>`count(*)` })
    .from(dispatches)
    .innerJoin(vehicles, eq(vehicles.id, dispatches.vehicleId))
    .where(eq(dispatches.eventId, eventId))
    .groupBy(vehicles.institutionId)
    .all();
  for (const row of sent) entry(row.id).vehicles = row.n;
  const given = tx
    .select({ id: stockEntries.institutionId, n: sql<number>`count(*)`, fen: sql<number>`-sum(${stockEntries.valueFen})` })
    .from(stockEntries)
    .where(and(eq(stockEntries.eventId, eventId), inArray(stockEntries.kind, ['handout', 'reversal'])))
    .groupBy(stockEntries.institutionId)
    .all();
  for (const row of given) Object.assign(entry(row.id), { handouts: row.n, handoutFen: row.fen });
  return brought;
}

/**
 * Who runs the event and what each brought (counts only, no names: anyone who may see the event may read it),
 * with the co-organisers still invited or that declined, and which answers the actor may give.
 */
export function jointOrganisers(tx: Tx, { actor, event }: { actor: Actor; event: { id: number; organiserId: number } }) {
  const rows = tx
    .select({ institutionId: eventCoorganisers.institutionId, name: institutions.name, state: eventCoorganisers.state })
    .from(eventCoorganisers)
    .innerJoin(institutions, eq(institutions.id, eventCoorganisers.institutionId))
    .where(eq(eventCoorganisers.eventId, event.id))
    // In the order they were asked.
    .orderBy(sql`${eventCoorganisers}.rowid`)
    .all();
  const organiser = tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, event.organiserId)).get()!.name;
  const brought = broughtBy(tx, event);
  const none = { people: 0, vehicles: 0, handouts: 0, handoutFen: 0 };
  return [
    { institutionId: event.organiserId, name: organiser, lead: true, state: 'accepted' as const, mayRespond: false, ...(brought.get(event.organiserId) ?? none) },
    ...rows.map((row) => ({ ...row, lead: false, mayRespond: canAccess(actor, row.institutionId, 'manage'), ...(brought.get(row.institutionId) ?? none) })),
  ];
}

/** Events other institutions invited the actor's institutions to run with them, waiting for an answer. */
export function pendingCoorganising(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  return tx
    .select({ eventId: events.id, title: events.title, date: events.date, institutionId: institutions.id, institution: institutions.name })
    .from(eventCoorganisers)
    .innerJoin(events, eq(events.id, eventCoorganisers.eventId))
    .innerJoin(institutions, eq(institutions.id, eventCoorganisers.institutionId))
    .where(and(eq(eventCoorganisers.state, 'invited'), inArray(eventCoorganisers.institutionId, ids), inArray(events.state, ['draft', 'published'])))
    .orderBy(asc(events.date))
    .all();
}
