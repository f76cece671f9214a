// Events, their roles and shifts. Organisers manage their events; published events are open to
// every signed-in user to read (their public part) and sign up for.
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { areas, campaigns, coorganiserAccepted, coorganiserAsked, dispatches, donations, EVENT_OUTCOME_NAMES, eventCoorganisers, eventParts, eventRoles, events, type EventKind, institutions, shifts, signups, stockEntries, villages, visits } from '#db/schema.ts';
import { alias } from 'drizzle-orm/sqlite-core';
import { type MessageKey, proseTranslator } from '#src/i18n/index.ts';
import { enqueueMail } from '../server/mail/outbox.ts';
import { composeMail } from '../server/mail/templates.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, canAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { newToken } from '../server/tokens.ts';
import { assertEventFitsCampaign } from '../campaigns/campaigns.server.ts';
import { withinCampaign } from '../campaigns/campaigns.ts';
import { storedLocation } from '../places/places.ts';
import { townshipNear } from '../places/places.server.ts';
import { mailPlaceHolders, offerNextPlace, peopleOnEvent, placesTaken } from '../signups/signups.server.ts';
import { type EventInput, type EventListQuery, type EventOutcomes, outcomesOf, partOutside, type RoleInput } from './events.ts';
import { contains, listWindow, type PageAsked } from '../lists/list-query.ts';
import type { Page } from '../lists/paging.ts';
import { markPairingsMet } from '../pairings/pairings.server.ts';
import { beijingInstant, beijingTime } from '../time/beijing.ts';
import { message } from '../validation/fields.ts';

/**
 * An event's columns from its form: its place stored in WGS-84, and its township when it is held at an address
 * (the one chosen, else the township of the village nearest its map point); an event at a village is in the
 * village's township and keeps none of its own, so the two never disagree.
 */
function eventValues(tx: Tx, input: EventInput) {
  const { lat, lng, enteredIn, organiserId: _organiser, townshipId: chosen, ...fields } = input;
  const location = storedLocation({ lat, lng, enteredIn });
  let townshipId: number | null = null;
  if (input.villageId === null && chosen !== null) {
    const area = tx.select({ level: areas.level }).from(areas).where(eq(areas.id, chosen)).get();
    if (area?.level !== 'township') throw new DomainError('validation.choice', 'townshipId');
    townshipId = chosen;
  } else if (input.villageId === null && location.lat !== null && location.lng !== null) {
    townshipId = townshipNear(tx, location.lat, location.lng);
  }
  return { ...fields, ...location, townshipId, services: JSON.stringify(input.services) };
}

export function createEvent(db: Db, { actor, input }: { actor: Actor; input: EventInput }, now = Date.now()) {
  assertAccess(actor, input.organiserId, 'manage');
  return db.transaction((tx) => {
    if (input.campaignId !== null) assertEventFitsCampaign(tx, { campaignId: input.campaignId, institutionId: input.organiserId, date: input.date });
    const created = tx
      .insert(events)
      .values({ ...eventValues(tx, input), organiserId: input.organiserId, state: 'draft', createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'event', entityId: created.id, institutionId: input.organiserId, after: created }, now);
    return created;
  });
}

/** The event with its roles and shifts; drafts only for the organiser. */
export function getEvent(tx: Tx, { actor, eventId }: { actor: Actor; eventId: number }) {
  const event = tx
    .select({ event: events, organiser: institutions.name, campaignName: campaigns.name, township: areas.name })
    .from(events)
    .innerJoin(institutions, eq(institutions.id, events.organiserId))
    .leftJoin(campaigns, eq(campaigns.id, events.campaignId))
    .leftJoin(areas, eq(areas.id, events.townshipId))
    .where(eq(events.id, eventId))
    .get();
  if (!event) throw new NotFoundError();
  // A draft is for the organiser and the institutions it asked to run the event with it.
  if (event.event.state === 'draft' && !coorganisersAsked(tx, eventId).some((id) => canAccess(actor, id, 'read'))) assertAccess(actor, event.event.organiserId, 'read');
  const roles = tx.select().from(eventRoles).where(eq(eventRoles.eventId, eventId)).orderBy(asc(eventRoles.id)).all();
  const roleShifts = roles.length
    ? tx.select().from(shifts).where(inArray(shifts.roleId, roles.map((r) => r.id))).orderBy(asc(shifts.startsAt)).all()
    : [];
  return {
    ...event.event,
    services: JSON.parse(event.event.services) as string[],
    organiser: event.organiser,
    /** The township of an event held at an address. */
    township: event.township,
    campaign: event.event.campaignId === null ? null : { id: event.event.campaignId, name: event.campaignName! },
    programme: programmeOf(tx, eventId),
    roles: roles.map((role) => ({ ...role, shifts: roleShifts.filter((s) => s.roleId === role.id) })),
  };
}

/** The events' parts in the order of the day. */
function partsOf(tx: Tx, eventIds: number[]) {
  return eventIds.length ? tx.select().from(eventParts).where(inArray(eventParts.eventId, eventIds)).orderBy(asc(eventParts.startTime), asc(eventParts.id)).all() : [];
}

/** The event's parts in the order of the day. */
export function programmeOf(tx: Tx, eventId: number) {
  return partsOf(tx, [eventId]);
}

/**
 * Refuses new times for an event that would leave one of its parts outside them, beside the time that would: the
 * organiser moves or removes the part first.
 */
export function assertProgrammeFits(tx: Tx, eventId: number, times: { startTime: string; endTime: string }) {
  for (const part of programmeOf(tx, eventId)) {
    const field = partOutside(part, times);
    if (field) throw new DomainError(message('programme.partOutside', { start: part.startTime, end: part.endTime }), field);
  }
}

/** Refuses a part that is not one of the event's, beside the role form's part field. */
export function assertPartOfEvent(tx: Tx, eventId: number, partId: number | null) {
  if (partId === null) return;
  const part = tx.select({ id: eventParts.id }).from(eventParts).where(and(eq(eventParts.id, partId), eq(eventParts.eventId, eventId))).get();
  if (!part) throw new DomainError('validation.choice', 'partId');
}

/** The institutions that run an event: its organiser and the co-organisers that accepted. */
export function eventOrganisers(tx: Tx, event: { id: number; organiserId: number }): number[] {
  const co = tx.select({ institutionId: eventCoorganisers.institutionId }).from(eventCoorganisers).where(and(eq(eventCoorganisers.eventId, event.id), coorganiserAccepted)).all();
  return [event.organiserId, ...co.map((c) => c.institutionId)];
}

/** Institutions asked to run an event with its organiser that have not declined. */
function coorganisersAsked(tx: Tx, eventId: number): number[] {
  return tx
    .select({ id: eventCoorganisers.institutionId })
    .from(eventCoorganisers)
    .where(and(eq(eventCoorganisers.eventId, eventId), coorganiserAsked))
    .all()
    .map((row) => row.id);
}

/** An event the actor may change: one of their institution's. */
export function eventForChange(tx: Tx, actor: Actor, eventId: number) {
  const event = tx.select().from(events).where(eq(events.id, eventId)).get();
  if (!event) throw new NotFoundError();
  assertAccess(actor, event.organiserId, 'manage');
  return event;
}

/**
 * Corrects an event: its title, kind, campaign, day and times, place, services, expected attendance and notes.
 * Moving it to another day moves its shifts with it. Those holding places are mailed once, with their calendar
 * entries updated, when the day, the times or the place changed (not for other corrections). A cancelled
 * event stays as it was.
 */
export function updateEvent(db: Db, { actor, eventId, input }: { actor: Actor; eventId: number; input: EventInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
    if (input.organiserId !== event.organiserId) throw new DomainError('validation.choice', 'organiserId');
    if (input.campaignId !== null) assertEventFitsCampaign(tx, { campaignId: input.campaignId, institutionId: event.organiserId, date: input.date });
    assertProgrammeFits(tx, eventId, input);
    const after = eventValues(tx, input);
    const changed = recordChange(tx, { actorId: actor.userId, entity: 'event', entityId: eventId, institutionId: event.organiserId, before: event, after }, now);
    if (changed.length === 0) return { changed };
    // An event of a series changed alone keeps its change when the series' rule changes later.
    tx.update(events).set({ ...after, ...(event.seriesId !== null ? { changedAloneAt: now } : {}) }).where(eq(events.id, eventId)).run();
    if (input.date !== event.date) {
      const days = beijingInstant(input.date, '00:00') - beijingInstant(event.date, '00:00');
      const roleIds = tx.select({ id: eventRoles.id }).from(eventRoles).where(eq(eventRoles.eventId, eventId));
      tx.update(shifts).set({ startsAt: sql`${shifts.startsAt} + ${days}`, endsAt: sql`${shifts.endsAt} + ${days}` }).where(inArray(shifts.roleId, roleIds)).run();
    }
    const moved = changed.filter((key) => ['date', 'startTime', 'endTime', 'villageId', 'address'].includes(key));
    if (moved.length > 0 && event.state === 'published') {
      const place = (id: number | null, address: string | null) => (id === null ? null : tx.select({ name: villages.name }).from(villages).where(eq(villages.id, id)).get()?.name) ?? address ?? '';
      mailPlaceHolders(
        tx,
        {
          eventId,
          kind: 'event_changed',
          lines: (t) => ({
            subject: t('mail.eventChangedSubject', { event: input.title }),
            paragraphs: [
              t('mail.eventChangedBody', {
                event: input.title,
                changes: [
                  `${event.date} ${event.startTime}–${event.endTime} → ${input.date} ${input.startTime}–${input.endTime}`,
                  ...(moved.includes('villageId') || moved.includes('address') ? [`${place(event.villageId, event.address)} → ${place(input.villageId, input.address)}`] : []),
                ].join('；'),
              }),
            ],
          }),
        },
        now,
      );
    }
    return { changed };
  });
}

/** Corrects a role: its kind, specialty, what it requires of the people on it and the part of the programme it serves. */
export function updateRole(db: Db, { actor, roleId, input }: { actor: Actor; roleId: number; input: Pick<RoleInput, 'kind' | 'specialty' | 'requirement' | 'partId'> }, now = Date.now()) {
  db.transaction((tx) => {
    const role = tx.select().from(eventRoles).where(eq(eventRoles.id, roleId)).get();
    if (!role) throw new NotFoundError();
    const event = eventForChange(tx, actor, role.eventId);
    if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
    assertPartOfEvent(tx, event.id, input.partId);
    const after = { kind: input.kind, specialty: input.specialty, requirement: input.requirement, partId: input.partId };
    if (recordChange(tx, { actorId: actor.userId, entity: 'role', entityId: roleId, institutionId: event.organiserId, before: role, after }, now).length) {
      tx.update(eventRoles).set(after).where(eq(eventRoles.id, roleId)).run();
    }
  });
}

/**
 * Corrects a shift's times and capacity. A capacity below the places already held is refused, saying how many
 * must be moved first; a raised one offers the new places to the waiting list in order. Those holding places
 * are mailed with their calendar entries when the times change.
 */
export function updateShift(db: Db, { actor, shiftId, input }: { actor: Actor; shiftId: number; input: { startTime: string; endTime: string; capacity: number } }, now = Date.now()) {
  db.transaction(
    (tx) => {
      const shift = tx.select().from(shifts).where(eq(shifts.id, shiftId)).get();
      if (!shift) throw new NotFoundError();
      const role = tx.select().from(eventRoles).where(eq(eventRoles.id, shift.roleId)).get()!;
      const event = eventForChange(tx, actor, role.eventId);
      if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
      const taken = placesTaken(tx, shiftId);
      if (input.capacity < taken) throw new DomainError(message('shift.capacityBelowPlaces', { taken, excess: taken - input.capacity }), 'capacity', 409);
      const after = { startsAt: beijingInstant(event.date, input.startTime), endsAt: beijingInstant(event.date, input.endTime), capacity: input.capacity };
      const changed = recordChange(tx, { actorId: actor.userId, entity: 'shift', entityId: shiftId, institutionId: event.organiserId, before: shift, after }, now);
      if (changed.length === 0) return;
      tx.update(shifts).set(after).where(eq(shifts.id, shiftId)).run();
      if ((changed.includes('startsAt') || changed.includes('endsAt')) && event.state === 'published') {
        mailPlaceHolders(
          tx,
          {
            eventId: event.id,
            shiftId,
            kind: 'event_changed',
            lines: (t) => ({
              subject: t('mail.eventChangedSubject', { event: event.title }),
              paragraphs: [t('mail.eventChangedBody', { event: event.title, changes: `${event.date} ${beijingTime(shift.startsAt)}–${beijingTime(shift.endsAt)} → ${input.startTime}–${input.endTime}` })],
            }),
          },
          now,
        );
      }
      for (let free = input.capacity - taken; free > 0; free--) offerNextPlace(tx, shiftId, now);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Deletes a draft event that nothing depends on: nobody signed up or placed, no trip, goods, visit or
 * donation recorded at it. Anything else is cancelled with a reason instead, and stays on record.
 */
export function deleteEvent(db: Db, { actor, eventId }: { actor: Actor; eventId: number }, now = Date.now()) {
  db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    const roleIds = tx.select({ id: eventRoles.id }).from(eventRoles).where(eq(eventRoles.eventId, eventId));
    const shiftIds = tx.select({ id: shifts.id }).from(shifts).where(inArray(shifts.roleId, roleIds));
    const used =
      event.state !== 'draft' ||
      [
        tx.select({ id: signups.id }).from(signups).where(inArray(signups.shiftId, shiftIds)),
        tx.select({ id: dispatches.id }).from(dispatches).where(eq(dispatches.eventId, eventId)),
        tx.select({ id: stockEntries.id }).from(stockEntries).where(eq(stockEntries.eventId, eventId)),
        tx.select({ id: visits.id }).from(visits).where(eq(visits.eventId, eventId)),
        tx.select({ id: donations.id }).from(donations).where(eq(donations.eventId, eventId)),
      ].some((query) => query.limit(1).get() !== undefined);
    if (used) throw new DomainError('event.notDeletable', null, 409);
    tx.delete(events).where(eq(events.id, eventId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'delete', entity: 'event', entityId: eventId, institutionId: event.organiserId, before: event }, now);
  });
}

/** Deletes a shift nobody has ever signed up for or been placed on; its role goes too when it was the last. */
export function deleteShift(db: Db, { actor, shiftId }: { actor: Actor; shiftId: number }, now = Date.now()) {
  return db.transaction((tx) => {
    const shift = tx.select().from(shifts).where(eq(shifts.id, shiftId)).get();
    if (!shift) throw new NotFoundError();
    const role = tx.select().from(eventRoles).where(eq(eventRoles.id, shift.roleId)).get()!;
    const event = eventForChange(tx, actor, role.eventId);
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    if (tx.select({ id: signups.id }).from(signups).where(eq(signups.shiftId, shiftId)).limit(1).get()) throw new DomainError('shift.notDeletable', null, 409);
    tx.delete(shifts).where(eq(shifts.id, shiftId)).run();
    const last = !tx.select({ id: shifts.id }).from(shifts).where(eq(shifts.roleId, role.id)).limit(1).get();
    if (last) tx.delete(eventRoles).where(eq(eventRoles.id, role.id)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'delete', entity: 'shift', entityId: shiftId, institutionId: event.organiserId, before: { ...shift, role: last ? role : undefined } }, now);
    return { eventId: event.id };
  });
}

/** Adds a role with its shifts (times on the event's date). */
export function addRole(db: Db, { actor, input }: { actor: Actor; input: RoleInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const event = eventForChange(tx, actor, input.eventId);
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    assertPartOfEvent(tx, event.id, input.partId);
    const role = tx.insert(eventRoles).values({ eventId: event.id, kind: input.kind, specialty: input.specialty, requirement: input.requirement, partId: input.partId }).returning().get();
    for (const shift of input.shifts) {
      tx.insert(shifts).values({ roleId: role.id, startsAt: beijingInstant(event.date, shift.startTime), endsAt: beijingInstant(event.date, shift.endTime), capacity: shift.capacity }).run();
    }
    recordAudit(tx, { actorId: actor.userId, action: 'add_role', entity: 'event', entityId: event.id, institutionId: event.organiserId, after: input }, now);
    return role;
  });
}

export function publishEvent(db: Db, { actor, eventId }: { actor: Actor; eventId: number }, now = Date.now()) {
  db.transaction((tx) => publishDraft(tx, actor, eventId, now));
}

/** Publishes a draft inside an open transaction, with its check-in code. */
export function publishDraft(tx: Tx, actor: Actor, eventId: number, now: number) {
  const event = eventForChange(tx, actor, eventId);
  if (event.state !== 'draft') throw new DomainError('event.closed', null, 409);
  tx.update(events).set({ state: 'published', checkinCode: newToken().slice(0, 16) }).where(eq(events.id, eventId)).run();
  recordAudit(tx, { actorId: actor.userId, action: 'publish', entity: 'event', entityId: eventId, institutionId: event.organiserId }, now);
}

/** Adds another shift to a role. */
export function addShift(db: Db, { actor, roleId, shift }: { actor: Actor; roleId: number; shift: { startTime: string; endTime: string; capacity: number } }, now = Date.now()) {
  return db.transaction((tx) => {
    const role = tx.select().from(eventRoles).where(eq(eventRoles.id, roleId)).get();
    if (!role) throw new NotFoundError();
    const event = eventForChange(tx, actor, role.eventId);
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    const created = tx
      .insert(shifts)
      .values({ roleId, startsAt: beijingInstant(event.date, shift.startTime), endsAt: beijingInstant(event.date, shift.endTime), capacity: shift.capacity })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'add_shift', entity: 'event', entityId: event.id, institutionId: event.organiserId, after: created }, now);
    return created;
  });
}

/**
 * Events an actor can find: published ones from today on, and every event of the actor's own institutions (and
 * those they run with others), narrowed by the list's query: words in the title or the organiser's name, state,
 * kind, and the days — those to come with the next first, or those past or all with the latest first. A page
 * at a time, or every row for a download (`page` null).
 */
export function listEvents(tx: Tx, { actor, from, query = { when: 'upcoming' }, page = null }: { actor: Actor; from: string; query?: Partial<EventListQuery>; page?: PageAsked }): Page<ListedEvent> {
  const own = actor.memberships.map((m) => m.institutionId);
  const when = query.when ?? 'upcoming';
  const where = and(
    or(
      and(eq(events.state, 'published'), gte(events.date, from)),
      own.length ? inArray(events.organiserId, own) : sql`1 = 0`,
      own.length ? sql`${events.id} IN (SELECT ${eventCoorganisers.eventId} FROM ${eventCoorganisers} WHERE ${inArray(eventCoorganisers.institutionId, own)} AND ${coorganiserAsked})` : sql`1 = 0`,
    ),
    query.q ? or(contains(events.title, query.q), contains(institutions.name, query.q)) : undefined,
    query.state ? eq(events.state, query.state) : undefined,
    query.kind ? eq(events.kind, query.kind) : undefined,
    when === 'upcoming' ? gte(events.date, from) : when === 'past' ? lt(events.date, from) : undefined,
  );
  const total = tx.select({ n: count() }).from(events).innerJoin(institutions, eq(institutions.id, events.organiserId)).where(where).get()!.n;
  const window = listWindow(page, total);
  const listed = tx
    .select({ event: events, organiser: institutions.name, village: villages.name })
    .from(events)
    .innerJoin(institutions, eq(institutions.id, events.organiserId))
    .leftJoin(villages, eq(villages.id, events.villageId))
    .where(where)
    .orderBy(...(when === 'upcoming' ? [asc(events.date), asc(events.startTime), asc(events.id)] : [desc(events.date), desc(events.startTime), desc(events.id)]))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  return { rows: listed.map((row) => ({ ...row.event, organiser: row.organiser, village: row.village })), page: window.page, total };
}
type ListedEvent = typeof events.$inferSelect & { organiser: string; village: string | null };

/** Places taken on each shift of an event (confirmed or held by an offer), and the waiting list's length. */
export function shiftFill(tx: Tx, shiftIds: number[]) {
  if (shiftIds.length === 0) return new Map<number, { taken: number; waiting: number }>();
  const rows = tx.select({ shiftId: signups.shiftId, state: signups.state }).from(signups).where(inArray(signups.shiftId, shiftIds)).all();
  const fill = new Map(shiftIds.map((id) => [id, { taken: 0, waiting: 0 }]));
  for (const row of rows) {
    const entry = fill.get(row.shiftId)!;
    if (row.state === 'confirmed' || row.state === 'offered') entry.taken += 1;
    if (row.state === 'waitlisted') entry.waiting += 1;
  }
  return fill;
}

/** Cancels an event; everyone with a place or on the waiting list is told why, in their language. */
export function cancelEvent(db: Db, { actor, eventId, reason }: { actor: Actor; eventId: number; reason: string }, now = Date.now()) {
  db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state === 'cancelled' || event.state === 'done') throw new DomainError('event.closed', null, 409);
    const cancelled = (t: (key: MessageKey, params?: Record<string, string | number>) => string) => ({
      subject: t('mail.eventCancelledSubject', { event: event.title }),
      paragraphs: [t('mail.eventCancelledBody', { event: event.title, date: event.date, reason })],
    });
    // Those holding places get their calendar entries cancelled with the mail; the waiting list, the mail alone.
    const holders = new Set(peopleOnEvent(tx, eventId, ['confirmed', 'offered']).map((p) => p.email));
    const waiting = peopleOnEvent(tx, eventId, ['waitlisted']).filter((person) => !holders.has(person.email));
    const placed = mailPlaceHolders(tx, { eventId, kind: 'event_cancelled', lines: cancelled }, now);
    for (const person of waiting) {
      const { subject, paragraphs } = cancelled(proseTranslator(person.locale));
      enqueueMail(tx, { kind: 'event_cancelled', recipient: person.email, locale: person.locale, subject, body: composeMail(person.locale, person.name, paragraphs) }, now);
    }
    tx.update(events).set({ state: 'cancelled', cancelReason: reason, checkinCode: null }).where(eq(events.id, eventId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'cancel', entity: 'event', entityId: eventId, institutionId: event.organiserId, before: { state: event.state }, after: { state: 'cancelled', reason, notified: placed + waiting.length } }, now);
  });
}

/** Marks an event done, with how many people were seen (the tallies count it). */
export function completeEvent(db: Db, { actor, eventId, outcomes }: { actor: Actor; eventId: number; outcomes: EventOutcomes }, now = Date.now()) {
  db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state !== 'published') throw new DomainError('event.closed', null, 409);
    const reported = outcomesFor(event.kind, outcomes);
    tx.update(events).set({ state: 'done', ...reported, checkinCode: null }).where(eq(events.id, eventId)).run();
    // The work done counts for the pairings of the organiser and co-organisers with its place.
    markPairingsMet(tx, {
      institutionIds: eventOrganisers(tx, event),
      place: event.villageId !== null ? { villageId: event.villageId } : { villageId: null, townshipId: event.townshipId },
      at: beijingInstant(event.date, event.startTime),
    });
    recordAudit(tx, { actorId: actor.userId, action: 'complete', entity: 'event', entityId: eventId, institutionId: event.organiserId, after: reported }, now);
  });
}

/** The outcomes an event of this kind reports, from those given (the rest left out); a missing one is null. */
function outcomesFor(kind: EventKind, outcomes: EventOutcomes): EventOutcomes {
  return Object.fromEntries(outcomesOf(kind).map((name) => [name, outcomes[name] ?? null]));
}

/**
 * Corrects a done event's outcomes (its head count, trainees…), with a reason: they are what the tallies report,
 * so the change and why it was made are logged beside the record.
 */
export function correctHeadCount(db: Db, { actor, eventId, outcomes, reason }: { actor: Actor; eventId: number; outcomes: EventOutcomes; reason: string }, now = Date.now()) {
  db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    if (event.state !== 'done') throw new DomainError('event.notDone', null, 409);
    const reported = outcomesFor(event.kind, outcomes);
    if (recordChange(tx, { actorId: actor.userId, entity: 'event', entityId: eventId, institutionId: event.organiserId, before: event, after: reported, reason }, now).length) {
      tx.update(events).set(reported).where(eq(events.id, eventId)).run();
    }
  });
}

/** Published free clinics and health checks from today on, for villagers: no login, no names. */
export function upcomingClinics(tx: Tx, { from, countyId }: { from: string; countyId: number | null }) {
  const township = alias(areas, 'township');
  const county = alias(areas, 'county');
  const rows = tx
    .select({ id: events.id, title: events.title, kind: events.kind, date: events.date, startTime: events.startTime, endTime: events.endTime, address: events.address, services: events.services, organiser: institutions.name, village: villages.name, township: township.name, county: county.name, countyId: county.id })
    .from(events)
    .innerJoin(institutions, eq(institutions.id, events.organiserId))
    .leftJoin(villages, eq(villages.id, events.villageId))
    .leftJoin(township, eq(township.id, sql`COALESCE(${villages.townshipId}, ${events.townshipId})`))
    .leftJoin(county, eq(county.id, township.parentId))
    .where(and(eq(events.state, 'published'), gte(events.date, from), inArray(events.kind, ['free_clinic', 'health_check', 'rounds', 'lecture', 'screening']), countyId ? eq(county.id, countyId) : undefined))
    .orderBy(asc(events.date), asc(events.startTime))
    .limit(200)
    .all();
  // Villagers see when and where each part of the day is (the ceremony at the square, the clinic in the centre).
  const parts = partsOf(tx, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, services: JSON.parse(row.services) as string[], programme: parts.filter((part) => part.eventId === row.id) }));
}

/**
 * Copies an event to a new date as a draft, under a new title if one is given, with its programme, roles and shifts (next
 * year's Poverty Alleviation Day starts from this year's). Sign-ups are not copied.
 */
export function copyEvent(db: Db, { actor, eventId, date, title = null }: { actor: Actor; eventId: number; date: string; title?: string | null }, now = Date.now()) {
  return db.transaction((tx) => {
    const source = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!source) throw new NotFoundError();
    assertAccess(actor, source.organiserId, 'manage');
    // A copy stands alone: it belongs to no series.
    const { id: _id, createdAt: _created, state: _state, cancelReason: _reason, checkinCode: _code, seriesId: _series, seriesDate: _seriesDate, seriesPlace: _seriesPlace, changedAloneAt: _alone, ...fields } = source;
    // A copy dated outside its campaign (next year's Poverty Alleviation Day) leaves the campaign; the organiser picks the new one.
    const campaign = fields.campaignId === null ? undefined : tx.select().from(campaigns).where(eq(campaigns.id, fields.campaignId)).get();
    const campaignId = campaign && withinCampaign(campaign, date) ? campaign.id : null;
    const noOutcomes = Object.fromEntries(EVENT_OUTCOME_NAMES.map((name) => [name, null]));
    const copy = tx.insert(events).values({ ...fields, ...noOutcomes, title: title ?? fields.title, campaignId, date, state: 'draft', createdAt: now }).returning().get();
    const shift = beijingInstant(date, '00:00') - beijingInstant(source.date, '00:00');
    // The programme goes with it, each role serving the same part of the day.
    const parts = new Map<number, number>();
    for (const { id: partId, ...partFields } of programmeOf(tx, eventId)) {
      parts.set(partId, tx.insert(eventParts).values({ ...partFields, eventId: copy.id }).returning({ id: eventParts.id }).get().id);
    }
    for (const role of tx.select().from(eventRoles).where(eq(eventRoles.eventId, eventId)).all()) {
      const { id: roleId, partId, ...roleFields } = role;
      const newRole = tx.insert(eventRoles).values({ ...roleFields, partId: partId === null ? null : parts.get(partId)!, eventId: copy.id }).returning({ id: eventRoles.id }).get();
      for (const s of tx.select().from(shifts).where(eq(shifts.roleId, roleId)).all()) {
        tx.insert(shifts).values({ roleId: newRole.id, startsAt: s.startsAt + shift, endsAt: s.endsAt + shift, capacity: s.capacity }).run();
      }
    }
    recordAudit(tx, { actorId: actor.userId, action: 'copy', entity: 'event', entityId: copy.id, institutionId: source.organiserId, after: { from: eventId, date } }, now);
    return copy;
  });
}
