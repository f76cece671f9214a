// Attendance on the day: people check in by scanning the event's QR code with their phone, or the
// organiser ticks them on the roster (and marks no-shows). Hours follow from check-in/out or shift times.
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { eventRoles, events, institutions, MEDICAL_PROFESSIONS, shifts, signups, staff, users } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, canAccess } from '../server/auth/scope.ts';
import { actingOrganisers, assertBringsTo } from '../events/joint.server.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { hoursWorked } from './signups.ts';
import { HOUR_MS } from '../time/beijing.ts';

/** How early before a shift a scan counts as checking in for it. */
export const CHECKIN_OPENS_HOURS = 2;

/** From when until when a scan checks a person in to a shift. */
export function checkInWindow(shift: { startsAt: number; endsAt: number }) {
  return { opensAt: shift.startsAt - CHECKIN_OPENS_HOURS * HOUR_MS, closesAt: shift.endsAt };
}

/** Whether check-in for a shift has not opened yet, is open, or is over. */
export function checkInState(shift: { startsAt: number; endsAt: number }, now: number): 'early' | 'open' | 'over' {
  const { opensAt, closesAt } = checkInWindow(shift);
  return now < opensAt ? 'early' : now <= closesAt ? 'open' : 'over';
}

/**
 * What a scan of the event's code is about for the actor: the event, and of their confirmed shifts on it the one
 * open for check-in now, else the next to open, else the last — and whether check-in for it is open, not yet
 * open or over (or the actor has no place). Null for a wrong code.
 */
export function checkInPrompt(tx: Tx, { actor, eventId, code }: { actor: Actor; eventId: number; code: string }, now = Date.now()) {
  const event = tx.select({ id: events.id, title: events.title, organiserId: events.organiserId, checkinCode: events.checkinCode }).from(events).where(eq(events.id, eventId)).get();
  if (!event || !event.checkinCode || event.checkinCode !== code) return null;
  const mine = tx
    .select({ signup: signups, shift: shifts, kind: eventRoles.kind, specialty: eventRoles.specialty })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .where(and(eq(eventRoles.eventId, eventId), eq(signups.userId, actor.userId), eq(signups.state, 'confirmed')))
    .orderBy(asc(shifts.startsAt))
    .all();
  const shift = mine.find((row) => checkInState(row.shift, now) === 'open') ?? mine.find((row) => checkInState(row.shift, now) === 'early') ?? mine.at(-1) ?? null;
  const state = shift ? checkInState(shift.shift, now) : 'noPlace';
  return { event: { id: event.id, title: event.title, organiserId: event.organiserId }, shift, opensAt: shift ? checkInWindow(shift.shift).opensAt : null, state } as const;
}

/** The actor checks themselves in with the code from the event's QR; scanning twice changes nothing. */
export function checkInByCode(db: Db, { actor, eventId, code }: { actor: Actor; eventId: number; code: string }, now = Date.now()) {
  return db.transaction((tx) => {
    const prompt = checkInPrompt(tx, { actor, eventId, code }, now);
    if (!prompt) throw new DomainError('checkin.badCode', null, 400);
    const { event, shift: mine, state } = prompt;
    if (!mine || state !== 'open') throw new DomainError('checkin.noShiftNow', null, 409);
    if (mine.signup.checkedInAt === null) {
      tx.update(signups).set({ checkedInAt: now }).where(eq(signups.id, mine.signup.id)).run();
      recordAudit(tx, { actorId: actor.userId, action: 'check_in', entity: 'signup', entityId: mine.signup.id, institutionId: event.organiserId }, now);
    }
    return { title: event.title, shiftStartsAt: mine.shift.startsAt, checkedInAt: mine.signup.checkedInAt ?? now };
  });
}

export type AttendanceMark = 'check_in' | 'check_out' | 'no_show' | 'undo';

/** The organiser marks a person on the roster; a co-organiser marks the people it sent. */
export function markAttendance(db: Db, { actor, signupId, mark }: { actor: Actor; signupId: number; mark: AttendanceMark }, now = Date.now()) {
  db.transaction((tx) => {
    const row = tx
      .select({ signup: signups, eventId: events.id, organiserId: events.organiserId, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
      .innerJoin(events, eq(events.id, eventRoles.eventId))
      .where(eq(signups.id, signupId))
      .get();
    if (!row) throw new NotFoundError();
    if (!canAccess(actor, row.organiserId, 'manage')) assertBringsTo(tx, actor, { id: row.eventId, organiserId: row.organiserId }, row.signup.sentBy ?? row.organiserId);
    if (row.signup.state !== 'confirmed' && row.signup.state !== 'no_show') throw new DomainError('checkin.notConfirmed', null, 409);
    // Marked after the shift (written up later): on time, from its start to its end.
    const over = now >= row.endsAt;
    const change =
      mark === 'check_in'
        ? { state: 'confirmed' as const, checkedInAt: row.signup.checkedInAt ?? (over ? row.startsAt : now) }
        : mark === 'check_out'
          ? { state: 'confirmed' as const, checkedInAt: row.signup.checkedInAt, checkedOutAt: over ? row.endsAt : now }
          : mark === 'no_show'
            ? { state: 'no_show' as const, checkedInAt: null, checkedOutAt: null }
            : { state: 'confirmed' as const, checkedInAt: null, checkedOutAt: null };
    tx.update(signups).set(change).where(eq(signups.id, signupId)).run();
    recordAudit(tx, { actorId: actor.userId, action: mark, entity: 'signup', entityId: signupId, institutionId: row.organiserId, before: row.signup, after: change }, now);
  });
}

/**
 * Everyone signed up for an event, shift by shift, with hours: for the organiser (names are personal data). A
 * co-organiser sees only the people it sent (`sentBy`), and every shift's places.
 */
export function eventRoster(tx: Tx, { actor, eventId }: { actor: Actor; eventId: number }, now = Date.now()) {
  const event = tx.select().from(events).where(eq(events.id, eventId)).get();
  if (!event) throw new NotFoundError();
  const sent: number[] | 'all' = canAccess(actor, event.organiserId, 'personal') ? 'all' : actingOrganisers(tx, actor, event, 'personal');
  const rows = tx
    .select({
      signup: signups,
      shift: shifts,
      role: eventRoles.kind,
      specialty: eventRoles.specialty,
      requirement: eventRoles.requirement,
      // A person with an account, or a staff member placed without one.
      name: sql<string>`coalesce(${users.name}, ${staff.name})`,
      email: users.email,
      isStaff: sql<boolean>`${signups.staffId} is not null`.mapWith(Boolean),
      doctorLicence: sql<string | null>`coalesce(${users.doctorLicence}, ${staff.licenceNumber})`,
      sentBy: institutions.name,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .leftJoin(users, eq(users.id, signups.userId))
    .leftJoin(staff, eq(staff.id, signups.staffId))
    .leftJoin(institutions, eq(institutions.id, signups.sentBy))
    .where(and(eq(eventRoles.eventId, eventId), sent === 'all' ? undefined : inArray(signups.sentBy, sent)))
    .orderBy(asc(shifts.startsAt), asc(eventRoles.id), asc(signups.createdAt))
    .all()
    .map((row) => ({ ...row, hours: hoursWorked(row.signup, row.shift, now) }));
  const eventShifts = tx
    .select({ id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt, capacity: shifts.capacity, role: eventRoles.kind, specialty: eventRoles.specialty })
    .from(shifts)
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .where(eq(eventRoles.eventId, eventId))
    .orderBy(asc(eventRoles.id), asc(shifts.startsAt))
    .all();
  return { event, rows, shifts: eventShifts, sent };
}

/**
 * Medical staff-times (人次) at an event: each place held and not missed by a doctor, nurse, pharmacist or
 * technician on an institution's staff list, whether placed as staff or through their linked account.
 */
export function staffTimes(tx: Tx, eventId: number): number {
  const medical = tx.select({ userId: staff.userId }).from(staff).where(and(isNotNull(staff.userId), inArray(staff.profession, [...MEDICAL_PROFESSIONS])));
  const row = tx
    .select({ n: sql<number>`count(*)` })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .leftJoin(staff, eq(staff.id, signups.staffId))
    .where(and(eq(eventRoles.eventId, eventId), eq(signups.state, 'confirmed'), or(inArray(staff.profession, [...MEDICAL_PROFESSIONS]), inArray(signups.userId, medical))))
    .get();
  return row?.n ?? 0;
}
