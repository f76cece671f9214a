import { describe, expect, it } from 'vitest';
import { isActive, isOverdue, pairingSchema } from './pairings.ts';

// 2019-10-17 (Thursday) 10:00 in Beijing = 02:00 UTC.
const NOW = Date.UTC(2019, 9, 17, 2, 0);
const beijing = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * 3_600_000;

describe('overdue pairings', () => {
  const monthly = { startDate: '2019-01-01', endDate: null, obligation: 'monthly' as const, lastVisitedAt: null, endedAt: null };

  it('are overdue when never visited, or last visited before this period', () => {
    expect(isOverdue(monthly, NOW)).toBe(true);
    expect(isOverdue({ ...monthly, lastVisitedAt: beijing(2019, 9, 30, 15) }, NOW)).toBe(true);
    expect(isOverdue({ ...monthly, lastVisitedAt: beijing(2019, 10, 1) }, NOW)).toBe(false);
  });

  it('a weekly village visit last Sunday is overdue on Thursday', () => {
    expect(isOverdue({ ...monthly, obligation: 'weekly', lastVisitedAt: beijing(2019, 10, 13, 16) }, NOW)).toBe(true);
    expect(isOverdue({ ...monthly, obligation: 'weekly', lastVisitedAt: beijing(2019, 10, 14, 9) }, NOW)).toBe(false);
  });

  it('never when there is no obligation, before the start or after the end', () => {
    expect(isOverdue({ ...monthly, obligation: 'none' }, NOW)).toBe(false);
    expect(isOverdue({ ...monthly, startDate: '2019-10-18' }, NOW)).toBe(false);
    expect(isOverdue({ ...monthly, endDate: '2019-10-16' }, NOW)).toBe(false);
    expect(isActive({ startDate: '2019-10-17', endDate: '2019-10-17', endedAt: null }, NOW)).toBe(true);
    // Ended by hand this morning: over at once, not at midnight.
    expect(isActive({ startDate: '2019-10-01', endDate: '2019-10-17', endedAt: NOW - 3_600_000 }, NOW)).toBe(false);
    expect(isOverdue({ ...monthly, endedAt: NOW - 1 }, NOW)).toBe(false);
  });
});

describe('pairing form', () => {
  it('needs a target and an end no earlier than the start', () => {
    const noTarget = pairingSchema.safeParse({ institutionId: '1', targetRef: '', startDate: '2019-10-01', obligation: 'monthly' });
    expect(noTarget.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['targetRef', 'validation.required']]);
    const backwards = pairingSchema.safeParse({ institutionId: '1', targetRef: 'village:3', startDate: '2019-10-01', endDate: '2019-09-01', obligation: 'monthly' });
    expect(backwards.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['endDate', 'pairing.endBeforeStart']]);
    expect(pairingSchema.safeParse({ institutionId: '1', targetRef: 'planet:3', startDate: '2019-10-01', obligation: 'monthly' }).error?.issues[0].message).toBe('validation.choice');
    expect(pairingSchema.safeParse({ institutionId: '1', targetRef: 'village:3', startDate: '2019-13-45', obligation: 'monthly' }).error?.issues[0].message).toBe(
      'validation.date',
    );
  });

  it('reads the target from one select box', () => {
    expect(pairingSchema.parse({ institutionId: '1', targetRef: 'household:40', startDate: '2019-10-01', obligation: 'weekly' })).toMatchObject({
      target: 'household',
      targetId: 40,
    });
  });
});
