// Sign-ups for shifts. The capacity check and the insert happen in one IMMEDIATE transaction, so no two
// requests can both take the last place, whatever their number. A freed place is offered to the first
// person on the waiting list by mail, with a link valid for OFFER_HOURS; when it lapses, the next is offered.
import { and, asc, count, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { eventParts, eventRoles, events, type SignupState, shifts, signups, users, villages } from '#db/schema.ts';
import { formatTimeRange, type Locale, type MessageKey, proseTranslator, translate, translator } from '#src/i18n/index.ts';
import { roleName } from '../events/events.ts';
import { recordAudit } from '../audit/audit.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import { type Db, perDatabase, type Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { enqueueMail } from '../server/mail/outbox.ts';
import { composeMail, siteLink } from '../server/mail/templates.ts';
import { hashToken, newToken } from '../server/tokens.ts';
import { holdsDoctorLicence } from '../staff/staff.server.ts';
import type { Person } from '../staff/staff.ts';
import { calendarAttachment, type PlaceInCalendar } from './calendar.ts';
import { admission, CANCEL_CUTOFF_HOURS, holdsPlace, hoursWorked, mayCancel, nextInLine, OFFER_HOURS, offerExpiry, overlaps } from './signups.ts';
import { message } from '../validation/fields.ts';

/** A shift with its role and event, as sign-ups and their mails need it. */
export function shiftContext(tx: Tx, shiftId: number) {
  const row = perDatabase(tx, 'shiftContext', (handle) =>
    handle
      // Only the columns sign-ups and their mails use: this runs on every sign-up.
      .select({
        shift: { id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt, capacity: shifts.capacity },
        role: { kind: eventRoles.kind, specialty: eventRoles.specialty, requirement: eventRoles.requirement },
        event: { id: events.id, title: events.title, kind: events.kind, state: events.state, address: events.address, organiserId: events.organiserId },
        village: villages.name,
        // Where the role's part of the programme is held, when not at the event's place.
        partPlace: eventParts.place,
      })
      .from(shifts)
      .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .leftJoin(villages, eq(villages.id, events.villageId))
      .leftJoin(eventParts, eq(eventParts.id, eventRoles.partId))
      .where(eq(shifts.id, sql.placeholder('shiftId')))
      .prepare(),
  ).get({ shiftId });
  if (!row) throw new NotFoundError();
  return row;
}

export type ShiftContext = ReturnType<typeof shiftContext>;

// Sign-ups run these on every request, so they are built once (see perDatabase).
export function placesTaken(tx: Tx, shiftId: number): number {
  return perDatabase(tx, 'placesTaken', (handle) =>
    handle
      .select({ n: count() })
      .from(signups)
      .where(and(eq(signups.shiftId, sql.placeholder('shiftId')), inArray(signups.state, ['confirmed', 'offered'])))
      .prepare(),
  ).get({ shiftId })!.n;
}

export type SignupMail = 'signupConfirmed' | 'signupWaitlisted' | 'offer' | 'offerExpired' | 'assigned' | 'moved' | 'reminder';
/** Mails that give the person a place, and so carry the shift as an .ics file (same UID: a move updates the calendar entry). */
const PLACE_MAILS: SignupMail[] = ['signupConfirmed', 'assigned', 'moved'];

/** Mails one person about their sign-up, in their language; a confirmed place comes with an .ics file. */
export function mailAbout(
  tx: Tx,
  context: ShiftContext,
  user: { id: string; email: string; name: string; locale: Locale },
  kind: SignupMail,
  now: number,
  extra: { link?: string; signupId?: number } = {},
) {
  const t = proseTranslator(user.locale);
  const place = context.village ?? context.event.address ?? '';
  const params = {
    event: context.event.title,
    role: roleName(translator(user.locale), context.role),
    time: formatTimeRange(user.locale, context.shift.startsAt, context.shift.endsAt),
    place,
    hours: kind === 'offer' ? OFFER_HOURS : CANCEL_CUTOFF_HOURS,
  };
  const eventLink = siteLink(user.locale, `/events/${context.event.id}`);
  const link = extra.link ?? (kind === 'offerExpired' ? null : eventLink);
  const body = composeMail(user.locale, user.name, [t(`mail.${kind}Body`, params), ...(link ? [link] : [])]);
  enqueueMail(
    tx,
    {
      kind,
      recipient: user.email,
      locale: user.locale,
      subject: t(`mail.${kind}Subject`, params),
      body,
      attachments: PLACE_MAILS.includes(kind) && extra.signupId !== undefined ? [calendarAttachment([placeInCalendar(tx, context, extra.signupId, user.locale)])] : undefined,
    },
    now,
  );
}


/**
 * A place as its calendar entry: one UID per sign-up for good, and the next SEQUENCE, so that a calendar that
 * has the entry updates (or, sent with METHOD:CANCEL, removes) it.
 */
export function placeInCalendar(tx: Tx, context: ShiftContext, signupId: number, locale: Locale): PlaceInCalendar {
  // Every confirmed sign-up runs this, so the statement is built once (see perDatabase).
  const { sent } = perDatabase(tx, 'calendarSent', (handle) =>
    handle
      .update(signups)
      .set({ calendarSent: sql`${signups.calendarSent} + 1` })
      .where(eq(signups.id, sql.placeholder('signupId')))
      .returning({ sent: signups.calendarSent })
      .prepare(),
  ).get({ signupId })!;
  return {
    uid: `signup-${signupId}@yizhen`,
    sequence: sent - 1,
    title: `${context.event.title} · ${roleName(translator(locale), context.role)}`,
    startsAt: context.shift.startsAt,
    endsAt: context.shift.endsAt,
    location: [context.village ?? context.event.address, context.partPlace].filter(Boolean).join(' ') || null,
    description: translate(locale, `eventKind.${context.event.kind}`),
    url: siteLink(locale, `/events/${context.event.id}`),
  };
}

/**
 * Tells everyone holding a place on the event (or only on one shift, or one sign-up) that its day, time or
 * place changed, or that it was cancelled: one mail each, in their language, with their places' calendar
 * entries updated or cancelled. `lines` gives the mail's subject and paragraphs in the reader's language.
 */
export function mailPlaceHolders(
  tx: Tx,
  {
    eventId,
    shiftId,
    signupId,
    kind,
    lines,
  }: {
    eventId: number;
    shiftId?: number;
    signupId?: number;
    kind: 'event_changed' | 'event_cancelled' | 'place_cancelled';
    lines: (t: (key: MessageKey, params?: Record<string, string | number>) => string) => { subject: string; paragraphs: string[] };
  },
  now: number,
): number {
  const held = tx
    .select({ signupId: signups.id, shiftId: signups.shiftId, userId: signups.userId, state: signups.state })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .where(
      and(
        eq(eventRoles.eventId, eventId),
        shiftId === undefined ? undefined : eq(signups.shiftId, shiftId),
        signupId === undefined ? undefined : eq(signups.id, signupId),
        inArray(signups.state, ['confirmed', 'offered']),
        sql`${signups.userId} IS NOT NULL`,
      ),
    )
    .orderBy(asc(signups.id))
    .all();
  const byPerson = Map.groupBy(held, (s) => s.userId!);
  for (const [userId, places] of byPerson) {
    const user = userRow(tx, userId);
    const t = proseTranslator(user.locale);
    const { subject, paragraphs } = lines(t);
    // Only confirmed places have been sent as calendar entries.
    const entries = places.filter((p) => p.state === 'confirmed').map((p) => placeInCalendar(tx, shiftContext(tx, p.shiftId), p.signupId, user.locale));
    enqueueMail(
      tx,
      {
        kind,
        recipient: user.email,
        locale: user.locale,
        subject,
        body: composeMail(user.locale, user.name, [...paragraphs, siteLink(user.locale, `/events/${eventId}`)]),
        attachments: entries.length ? [calendarAttachment(entries, kind === 'event_changed' ? 'publish' : 'cancel')] : undefined,
      },
      now,
    );
  }
  return byPerson.size;
}

/**
 * The account behind a sign-up that mail goes to. Waiting lists, offers and reminders only ever hold people
 * with accounts: staff without one are placed by the organiser, and only where there is room.
 */
export function accountOf(signup: { userId: string | null }): string {
  if (signup.userId === null) throw new Error('this sign-up has no account to write to');
  return signup.userId;
}

export function userRow(tx: Tx, userId: string) {
  return perDatabase(tx, 'userRow', (handle) =>
    handle
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.id, sql.placeholder('userId')))
      .prepare(),
  ).get({ userId })!;
}

/** Everyone on an event whose sign-up is in one of `states`, once each, for mailing them in their language. */
export function peopleOnEvent(tx: Tx, eventId: number, states: readonly SignupState[]) {
  return tx
    .selectDistinct({ email: users.email, name: users.name, locale: users.locale })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .innerJoin(users, eq(users.id, signups.userId))
    .where(and(eq(eventRoles.eventId, eventId), inArray(signups.state, [...states])))
    .all();
}

/** Other live sign-ups of a person (an account, or a staff member without one) whose shifts overlap this one. */
export function overlappingSignups(tx: Tx, person: Person, shift: { id: number; startsAt: number; endsAt: number }) {
  const byStaff = person.staffId !== undefined;
  return perDatabase(tx, byStaff ? 'liveSignupsOfStaff' : 'liveSignupsOfAccount', (handle) =>
    handle
      .select({ signupId: signups.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt, title: events.title })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .where(and(eq(byStaff ? signups.staffId : signups.userId, sql.placeholder('person')), ne(signups.shiftId, sql.placeholder('shiftId')), inArray(signups.state, ['confirmed', 'offered', 'waitlisted'])))
      .prepare(),
  )
    .all({ person: person.staffId ?? person.userId, shiftId: shift.id })
    .filter((other) => overlaps(other, shift));
}

/**
 * Signs the actor up for a shift: a place if one is free, else the waiting list. Refuses a second live
 * sign-up for the same shift, and an overlapping one unless `acceptOverlap`.
 */
export function signUpForShift(
  db: Db,
  { actor, shiftId, acceptOverlap = false }: { actor: Actor; shiftId: number; acceptOverlap?: boolean },
  now = Date.now(),
): { signupId: number; state: 'confirmed' | 'waitlisted' } {
  return db.transaction(
    (tx) => {
      const context = shiftContext(tx, shiftId);
      if (context.event.state !== 'published' || context.shift.endsAt <= now) throw new DomainError('signup.notOpen', null, 409);
      if (context.role.requirement === 'members_only' && !actor.memberships.some((m) => m.institutionId === context.event.organiserId)) {
        throw new DomainError('signup.membersOnly', null, 403);
      }
      if (context.role.requirement === 'licensed_doctor' && !holdsDoctorLicence(tx, { userId: actor.userId })) throw new DomainError('signup.licenceRequired', null, 403);
      const existing = perDatabase(tx, 'liveSignup', (handle) =>
        handle
          .select({ id: signups.id })
          .from(signups)
          .where(and(eq(signups.shiftId, sql.placeholder('shiftId')), eq(signups.userId, sql.placeholder('userId')), ne(signups.state, 'cancelled')))
          .prepare(),
      ).get({ shiftId, userId: actor.userId });
      if (existing) throw new DomainError('signup.already', null, 409);
      if (!acceptOverlap && overlappingSignups(tx, { userId: actor.userId }, context.shift).length > 0) throw new DomainError('signup.overlap', 'acceptOverlap', 409);
      const state = admission(context.shift.capacity, placesTaken(tx, shiftId));
      const created = perDatabase(tx, 'insertSignup', (handle) =>
        handle
          .insert(signups)
          .values({ shiftId: sql.placeholder('shiftId'), userId: sql.placeholder('userId'), state: sql.placeholder('state'), createdAt: sql.placeholder('now') })
          .returning({ id: signups.id })
          .prepare(),
      ).get({ shiftId, userId: actor.userId, state, now })!;
      mailAbout(tx, context, userRow(tx, actor.userId), state === 'confirmed' ? 'signupConfirmed' : 'signupWaitlisted', now, { signupId: created.id });
      recordAudit(tx, { actorId: actor.userId, action: 'sign_up', entity: 'signup', entityId: created.id, institutionId: context.event.organiserId, after: { shiftId, state } }, now);
      return { signupId: created.id, state };
    },
    { behavior: 'immediate' },
  );
}

/** Offers a free place, if there is one, to the first person on the waiting list. */
export function offerNextPlace(tx: Tx, shiftId: number, now: number): void {
  const context = shiftContext(tx, shiftId);
  if (placesTaken(tx, shiftId) >= context.shift.capacity || context.shift.startsAt <= now) return;
  const next = nextInLine(tx.select().from(signups).where(and(eq(signups.shiftId, shiftId), eq(signups.state, 'waitlisted'))).all());
  if (!next) return;
  const token = newToken();
  tx.update(signups).set({ state: 'offered', offerExpiresAt: offerExpiry(now), offerTokenHash: hashToken(token) }).where(eq(signups.id, next.id)).run();
  const user = userRow(tx, accountOf(next));
  mailAbout(tx, context, user, 'offer', now, { link: siteLink(user.locale, `/signups/offer?token=${token}`) });
}

/** A person cancels their own sign-up, until the cut-off; a freed place goes to the waiting list. */
export function cancelSignup(db: Db, { actor, signupId }: { actor: Actor; signupId: number }, now = Date.now()) {
  db.transaction(
    (tx) => {
      const signup = tx.select().from(signups).where(eq(signups.id, signupId)).get();
      if (!signup || signup.state === 'cancelled') throw new NotFoundError();
      if (signup.userId !== actor.userId) throw new ForbiddenError();
      const context = shiftContext(tx, signup.shiftId);
      if (!mayCancel(context.shift.startsAt, now)) throw new DomainError(message('signup.tooLate', { hours: CANCEL_CUTOFF_HOURS }), null, 409);
      // The place leaves the person's calendar.
      mailPlaceHolders(tx, { eventId: context.event.id, signupId, kind: 'place_cancelled', lines: (t) => placeCancelledMail(t, context) }, now);
      tx.update(signups).set({ state: 'cancelled', cancelledAt: now, offerTokenHash: null }).where(eq(signups.id, signupId)).run();
      recordAudit(tx, { actorId: actor.userId, action: 'cancel', entity: 'signup', entityId: signupId, institutionId: context.event.organiserId, before: { state: signup.state } }, now);
      if (holdsPlace(signup.state)) offerNextPlace(tx, signup.shiftId, now);
    },
    { behavior: 'immediate' },
  );
}

/** The mail that a place was given back, in the reader's language. */
export function placeCancelledMail(t: (key: MessageKey, params?: Record<string, string | number>) => string, context: ShiftContext) {
  const params = { event: context.event.title, role: t(`eventRole.${context.role.kind}`) };
  return { subject: t('mail.placeCancelledSubject', params), paragraphs: [t('mail.placeCancelledBody', params)] };
}

/** The person offered a place takes it through the mailed link. */
export function confirmOffer(db: Db, { token }: { token: string }, now = Date.now()): { signupId: number; eventId: number } {
  return db.transaction(
    (tx) => {
      const signup = tx.select().from(signups).where(eq(signups.offerTokenHash, hashToken(token))).get();
      if (!signup || signup.state !== 'offered') throw new DomainError('signup.offerInvalid', null, 400);
      return takeOffer(tx, signup, now);
    },
    { behavior: 'immediate' },
  );
}

/** The person offered a place takes it on the site, signed in (their home page or the event). */
export function acceptOffer(db: Db, { actor, signupId }: { actor: Actor; signupId: number }, now = Date.now()): { signupId: number; eventId: number } {
  return db.transaction(
    (tx) => {
      const signup = tx.select().from(signups).where(eq(signups.id, signupId)).get();
      if (!signup) throw new NotFoundError();
      if (signup.userId !== actor.userId) throw new ForbiddenError();
      if (signup.state !== 'offered') throw new DomainError('signup.offerGone', null, 409);
      return takeOffer(tx, signup, now);
    },
    { behavior: 'immediate' },
  );
}

/** An offered place becomes the person's, while the offer holds. */
function takeOffer(tx: Tx, signup: typeof signups.$inferSelect, now: number) {
  if (signup.offerExpiresAt !== null && signup.offerExpiresAt <= now) throw new DomainError('signup.offerExpired', null, 410);
  tx.update(signups).set({ state: 'confirmed', offerTokenHash: null, offerExpiresAt: null }).where(eq(signups.id, signup.id)).run();
  const context = shiftContext(tx, signup.shiftId);
  mailAbout(tx, context, userRow(tx, accountOf(signup)), 'signupConfirmed', now, { signupId: signup.id });
  recordAudit(tx, { actorId: signup.userId, action: 'confirm_offer', entity: 'signup', entityId: signup.id, institutionId: context.event.organiserId }, now);
  return { signupId: signup.id, eventId: context.event.id };
}

/** Lets lapsed offers go (their holders are told) and offers each freed place to the next person. */
export function expireOffers(db: Db, now = Date.now()): number {
  return db.transaction(
    (tx) => {
      const lapsed = tx.select().from(signups).where(and(eq(signups.state, 'offered'), lt(signups.offerExpiresAt, now + 1))).orderBy(asc(signups.id)).all();
      for (const signup of lapsed) {
        tx.update(signups).set({ state: 'cancelled', cancelledAt: now, offerTokenHash: null }).where(eq(signups.id, signup.id)).run();
        mailAbout(tx, shiftContext(tx, signup.shiftId), userRow(tx, accountOf(signup)), 'offerExpired', now);
        offerNextPlace(tx, signup.shiftId, now);
      }
      return lapsed.length;
    },
    { behavior: 'immediate' },
  );
}

/** Sign-ups on the same shift waiting before another: the order nextInLine offers places in (first come). */
const waitingAhead = alias(signups, 'waiting_ahead');

/**
 * A person's own sign-ups, newest shift first (those on one event's shifts, given `eventId`), with the hours
 * each counts for and, while waiting, the place in the line (1 is offered the next freed place).
 */
export function listMySignups(tx: Tx, { actor, eventId }: { actor: Actor; eventId?: number }, now = Date.now()) {
  const ahead = tx
    .select({ n: count() })
    .from(waitingAhead)
    .where(and(eq(waitingAhead.shiftId, signups.shiftId), eq(waitingAhead.state, 'waitlisted'), or(lt(waitingAhead.createdAt, signups.createdAt), and(eq(waitingAhead.createdAt, signups.createdAt), lt(waitingAhead.id, signups.id)))));
  return tx
    .select({ signup: signups, shift: shifts, role: eventRoles.kind, specialty: eventRoles.specialty, eventId: events.id, title: events.title, eventState: events.state, ahead: sql<number>`(${ahead})` })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .innerJoin(events, eq(events.id, eventRoles.eventId))
    .where(and(eq(signups.userId, actor.userId), eventId === undefined ? undefined : eq(events.id, eventId)))
    .orderBy(desc(shifts.startsAt))
    .all()
    .map(({ ahead, ...row }) => ({
      ...row,
      hours: hoursWorked(row.signup, row.shift, now),
      waitlistPosition: row.signup.state === 'waitlisted' ? ahead + 1 : null,
      mayCancel: row.signup.state !== 'cancelled' && mayCancel(row.shift.startsAt, now),
    }));
}
