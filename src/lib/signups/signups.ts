// Sign-up rules that need no database: who gets a place, who waits, how offers lapse, what overlaps and
// how hours are counted. Capacity counts confirmed people and people holding an offer.
import type { SignupState } from '#db/schema.ts';
import { HOUR_MS } from '../time/beijing.ts';

/** How long a freed place is held for the person offered it. */
export const OFFER_HOURS = 12;
/** Until how long before the shift starts a person may cancel on the site. */
export const CANCEL_CUTOFF_HOURS = 12;

/** States that hold one of the shift's places. */
export function holdsPlace(state: SignupState): boolean {
  return state === 'confirmed' || state === 'offered';
}

/** Whether a new sign-up gets a place or joins the waiting list. */
export function admission(capacity: number, placesTaken: number): 'confirmed' | 'waitlisted' {
  return placesTaken < capacity ? 'confirmed' : 'waitlisted';
}

/** The next person on the waiting list: first come, first offered. */
export function nextInLine<T extends { state: SignupState; createdAt: number; id: number }>(signups: T[]): T | null {
  return (
    signups
      .filter((s) => s.state === 'waitlisted')
      .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)[0] ?? null
  );
}

export function offerExpiry(now: number): number {
  return now + OFFER_HOURS * HOUR_MS;
}

/** How long before a shift its reminder goes out (the day before), with links to confirm or cancel. */
export const REMINDER_HOURS = 24;

/** Shifts starting in this window are due their reminders (for places taken before the window opened). */
export function reminderWindow(now: number): { startsAfter: number; startsBy: number } {
  return { startsAfter: now, startsBy: now + REMINDER_HOURS * HOUR_MS };
}

export function mayCancel(shiftStartsAt: number, now: number): boolean {
  return now <= shiftStartsAt - CANCEL_CUTOFF_HOURS * HOUR_MS;
}

export interface Interval {
  startsAt: number;
  endsAt: number;
}

/** Whether two shifts share any time (one ending as the other starts does not count). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/**
 * Hours a person gave: from check-in to check-out where recorded, otherwise the shift's own times, once
 * the shift is over. Nothing for a no-show, a cancellation or anyone who never had a place.
 */
export function hoursWorked(
  signup: { state: SignupState; checkedInAt: number | null; checkedOutAt: number | null },
  shift: Interval,
  now: number,
): number {
  if (signup.state !== 'confirmed') return 0;
  const start = signup.checkedInAt ?? shift.startsAt;
  const end = signup.checkedOutAt ?? (signup.checkedInAt !== null && now < shift.endsAt ? now : shift.endsAt);
  if (signup.checkedInAt === null && now < shift.endsAt) return 0;
  return Math.round((Math.max(0, end - start) / HOUR_MS) * 100) / 100;
}
