import { describe, expect, it } from 'vitest';
import { admission, holdsPlace, hoursWorked, mayCancel, nextInLine, OFFER_HOURS, offerExpiry, overlaps } from './signups.ts';

const HOUR = 3_600_000;
const shift = { startsAt: 10 * HOUR, endsAt: 14 * HOUR };

describe('capacity', () => {
  it('gives places until the shift is full, then the waiting list', () => {
    expect(admission(20, 19)).toBe('confirmed');
    expect(admission(20, 20)).toBe('waitlisted');
    expect(admission(0, 0)).toBe('waitlisted');
  });

  it('counts people holding an offer as taking a place', () => {
    expect(['confirmed', 'offered', 'waitlisted', 'cancelled', 'no_show'].filter((s) => holdsPlace(s as never))).toEqual(['confirmed', 'offered']);
  });
});

describe('waiting list', () => {
  it('offers the place to whoever joined first, ignoring other states', () => {
    const list = [
      { id: 4, state: 'waitlisted' as const, createdAt: 300 },
      { id: 2, state: 'cancelled' as const, createdAt: 100 },
      { id: 3, state: 'waitlisted' as const, createdAt: 200 },
      { id: 1, state: 'waitlisted' as const, createdAt: 200 },
    ];
    expect(nextInLine(list)?.id).toBe(1);
    expect(nextInLine([{ id: 1, state: 'confirmed' as const, createdAt: 1 }])).toBeNull();
  });

  it('holds an offer for 12 hours', () => {
    expect(OFFER_HOURS).toBe(12);
    expect(offerExpiry(1_000)).toBe(1_000 + 12 * HOUR);
  });

  it('lets people cancel up to 12 hours before the shift', () => {
    expect(mayCancel(shift.startsAt, shift.startsAt - 12 * HOUR)).toBe(true);
    expect(mayCancel(shift.startsAt, shift.startsAt - 12 * HOUR + 1)).toBe(false);
  });
});

describe('overlaps', () => {
  it('detects shared time but not back-to-back shifts', () => {
    expect(overlaps(shift, { startsAt: 13 * HOUR, endsAt: 15 * HOUR })).toBe(true);
    expect(overlaps(shift, { startsAt: 11 * HOUR, endsAt: 12 * HOUR })).toBe(true);
    expect(overlaps(shift, { startsAt: 14 * HOUR, endsAt: 16 * HOUR })).toBe(false);
    expect(overlaps(shift, { startsAt: 8 * HOUR, endsAt: 10 * HOUR })).toBe(false);
  });
});

describe('hours', () => {
  const confirmed = { state: 'confirmed' as const, checkedInAt: null, checkedOutAt: null };
  it('use check-in and check-out when recorded', () => {
    expect(hoursWorked({ ...confirmed, checkedInAt: 10.5 * HOUR, checkedOutAt: 13.25 * HOUR }, shift, 20 * HOUR)).toBe(2.75);
  });

  it('use the shift times once it is over, and nothing before', () => {
    expect(hoursWorked(confirmed, shift, 20 * HOUR)).toBe(4);
    expect(hoursWorked(confirmed, shift, 12 * HOUR)).toBe(0);
    expect(hoursWorked({ ...confirmed, checkedInAt: 10 * HOUR }, shift, 12 * HOUR)).toBe(2);
    expect(hoursWorked({ ...confirmed, checkedInAt: 11 * HOUR }, shift, 20 * HOUR)).toBe(3);
  });

  it('count nothing for no-shows, cancellations and the waiting list', () => {
    for (const state of ['no_show', 'cancelled', 'waitlisted', 'offered'] as const) {
      expect(hoursWorked({ state, checkedInAt: 10 * HOUR, checkedOutAt: 14 * HOUR }, shift, 20 * HOUR)).toBe(0);
    }
  });
});
