// The organiser's hand on the roster: putting a person on a shift directly, moving someone to another
// shift of the same event, and writing to everyone on an event. Places are counted in the same IMMEDIATE
// transaction as sign-ups, so an assignment can never overbook a shift either.
import { and, eq, ne } from 'drizzle-orm';
import { signups, users } from '#db/schema.ts';
import { proseTranslator } from '#src/i18n/index.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { enqueueMail } from '../server/mail/outbox.ts';
import { composeMail, siteLink } from '../server/mail/templates.ts';
import { eventForChange, eventOrganisers } from '../events/events.server.ts';
import { assertBringsTo } from '../events/joint.server.ts';
import { mailAbout, offerNextPlace, overlappingSignups, peopleOnEvent, placesTaken, type ShiftContext, shiftContext, userRow } from './signups.server.ts';
import { belongsTo, holdsDoctorLicence, staffForAssignment } from '../staff/staff.server.ts';
import type { Person } from '../staff/staff.ts';
import { holdsPlace } from './signups.ts';

/**
 * A shift an institution running the event (`sender`: the organiser, or a co-organiser placing its own staff)
 * may put people on, published or done. A shift that is over takes people after the fact (a report written
 * up days later): they count as having come unless marked absent.
 */
function shiftForOrganiser(tx: Tx, actor: Actor, shiftId: number, sender?: number): ShiftContext {
  const context = shiftContext(tx, shiftId);
  assertBringsTo(tx, actor, context.event, sender ?? context.event.organiserId, 'staffId');
  if (context.event.state !== 'published' && context.event.state !== 'done') throw new DomainError('signup.notOpen', 'shiftId', 409);
  return context;
}

function assertRoomOn(tx: Tx, context: ShiftContext) {
  if (placesTaken(tx, context.shift.id) >= context.shift.capacity) throw new DomainError('assign.full', 'shiftId', 409);
}

/** Whether a person meets the role's requirement (members only, licensed doctor); refused beside `field`. */
function assertMayHold(tx: Tx, context: ShiftContext, person: Person, field: string) {
  if (context.role.requirement === 'licensed_doctor' && !holdsDoctorLicence(tx, person)) throw new DomainError('assign.licenceRequired', field, 403);
  if (context.role.requirement === 'members_only' && !eventOrganisers(tx, context.event).some((id) => belongsTo(tx, person, id))) throw new DomainError('signup.membersOnly', field, 403);
}

const samePerson = (person: Person) => (person.staffId !== undefined ? eq(signups.staffId, person.staffId) : eq(signups.userId, person.userId));

/**
 * Puts a person on a shift for an institution running the event (`sentBy`) or for a volunteer team
 * (`teamId`): requirement, duplicate, overlap and room checked; mailed if they have an account.
 */
export function place(
  tx: Tx,
  actor: Actor,
  context: ShiftContext,
  person: Person,
  { field, acceptOverlap, teamId = null, sentBy = null }: { field: string; acceptOverlap: boolean; teamId?: number | null; sentBy?: number | null },
  now: number,
) {
  assertMayHold(tx, context, person, field);
  const live = tx
    .select({ id: signups.id })
    .from(signups)
    .where(and(eq(signups.shiftId, context.shift.id), samePerson(person), ne(signups.state, 'cancelled')))
    .get();
  if (live) throw new DomainError('assign.already', field, 409);
  if (!acceptOverlap && overlappingSignups(tx, person, context.shift).length > 0) throw new DomainError('assign.overlap', 'acceptOverlap', 409);
  assertRoomOn(tx, context);
  const created = tx
    .insert(signups)
    .values({ shiftId: context.shift.id, userId: person.userId ?? null, staffId: person.staffId ?? null, state: 'confirmed', assignedBy: actor.userId, teamId, sentBy, createdAt: now })
    .returning({ id: signups.id })
    .get();
  // A place on a shift that is over is a record of what happened: nobody is mailed about it.
  const mailed = person.userId !== undefined && context.shift.endsAt > now;
  if (mailed) mailAbout(tx, context, userRow(tx, person.userId!), 'assigned', now, { signupId: created.id });
  recordAudit(tx, { actorId: actor.userId, action: 'assign', entity: 'signup', entityId: created.id, institutionId: context.event.organiserId, after: { shiftId: context.shift.id, teamId, ...person } }, now);
  return { signupId: created.id, mailed };
}

/** The organiser puts a person with an account on a shift; they are mailed the place with its .ics file. */
export function assignToShift(
  db: Db,
  { actor, shiftId, email, acceptOverlap = false }: { actor: Actor; shiftId: number; email: string; acceptOverlap?: boolean },
  now = Date.now(),
): { signupId: number; mailed: boolean } {
  return db.transaction(
    (tx) => {
      const context = shiftForOrganiser(tx, actor, shiftId);
      const account = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
      if (!account) throw new DomainError('assign.noAccount', 'email', 404);
      return place(tx, actor, context, { userId: account.id }, { field: 'email', acceptOverlap, sentBy: context.event.organiserId }, now);
    },
    { behavior: 'immediate' },
  );
}

/**
 * An institution running the event (the organiser or a co-organiser) puts one of its staff on a shift. A staff
 * member linked to an account is placed as that account (and mailed); one without is placed as staff.
 */
export function assignStaffToShift(
  db: Db,
  { actor, shiftId, staffId, acceptOverlap = false }: { actor: Actor; shiftId: number; staffId: number; acceptOverlap?: boolean },
  now = Date.now(),
): { signupId: number; mailed: boolean } {
  return db.transaction(
    (tx) => {
      const record = staffForAssignment(tx, actor, staffId);
      const context = shiftForOrganiser(tx, actor, shiftId, record.institutionId);
      return place(tx, actor, context, record.userId ? { userId: record.userId } : { staffId: record.id }, { field: 'staffId', acceptOverlap, sentBy: record.institutionId }, now);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Moves a person (with a place or waiting) to another shift of the same event, where there must be room.
 * They are mailed the new time; a place freed on the old shift goes to its waiting list.
 */
export function moveSignup(db: Db, { actor, signupId, shiftId }: { actor: Actor; signupId: number; shiftId: number }, now = Date.now()) {
  db.transaction(
    (tx) => {
      const signup = tx.select().from(signups).where(eq(signups.id, signupId)).get();
      if (!signup) throw new NotFoundError();
      const from = shiftContext(tx, signup.shiftId);
      assertAccess(actor, from.event.organiserId, 'manage');
      if (!['confirmed', 'offered', 'waitlisted'].includes(signup.state)) throw new DomainError('assign.notMovable', 'shiftId', 409);
      const to = shiftForOrganiser(tx, actor, shiftId);
      // People are moved between shifts still to come; after the fact they are placed or marked instead.
      if (to.event.state !== 'published' || to.shift.endsAt <= now) throw new DomainError('signup.notOpen', 'shiftId', 409);
      if (to.event.id !== from.event.id || to.shift.id === from.shift.id) throw new DomainError('validation.choice', 'shiftId');
      const person: Person = signup.userId !== null ? { userId: signup.userId } : { staffId: signup.staffId! };
      assertMayHold(tx, to, person, 'shiftId');
      const already = tx
        .select({ id: signups.id })
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId), samePerson(person), ne(signups.state, 'cancelled')))
        .get();
      if (already) throw new DomainError('assign.already', 'shiftId', 409);
      assertRoomOn(tx, to);
      tx.update(signups)
        .set({ shiftId, state: 'confirmed', offerTokenHash: null, offerExpiresAt: null, remindedAt: null, reminderTokenHash: null, reconfirmedAt: null })
        .where(eq(signups.id, signupId))
        .run();
      if (person.userId !== undefined) mailAbout(tx, to, userRow(tx, person.userId), 'moved', now, { signupId });
      recordAudit(tx, { actorId: actor.userId, action: 'move', entity: 'signup', entityId: signupId, institutionId: from.event.organiserId, before: { shiftId: signup.shiftId, state: signup.state }, after: { shiftId, state: 'confirmed' } }, now);
      if (holdsPlace(signup.state)) offerNextPlace(tx, signup.shiftId, now);
    },
    { behavior: 'immediate' },
  );
}

export type Audience = 'placed' | 'everyone';

/**
 * The organiser writes to everyone on an event: those with a place, or those waiting too. Each gets the
 * message in a mail framed in their own language, with a link to the event. Returns how many were mailed.
 */
export function messageEvent(
  db: Db,
  { actor, eventId, audience, subject, text }: { actor: Actor; eventId: number; audience: Audience; subject: string; text: string },
  now = Date.now(),
): number {
  return db.transaction((tx) => {
    const event = eventForChange(tx, actor, eventId);
    const people = peopleOnEvent(tx, eventId, audience === 'placed' ? ['confirmed', 'offered'] : ['confirmed', 'offered', 'waitlisted']);
    if (people.length === 0) throw new DomainError('message.nobody', null, 409);
    for (const person of people) {
      const t = proseTranslator(person.locale);
      enqueueMail(tx, {
        kind: 'event_message',
        recipient: person.email,
        locale: person.locale,
        subject: t('mail.eventMessageSubject', { event: event.title, subject }),
        body: composeMail(person.locale, person.name, [t('mail.eventMessageIntro', { event: event.title }), '', text, '', siteLink(person.locale, `/events/${eventId}`)]),
      }, now);
    }
    recordAudit(tx, { actorId: actor.userId, action: 'message', entity: 'event', entityId: eventId, institutionId: event.organiserId, after: { audience, subject, recipients: people.length } }, now);
    return people.length;
  });
}
