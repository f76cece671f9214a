// The site's one clock: Beijing dates, times, instants and visit periods, whatever the machine's zone.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, beijingDate, beijingDateTime, beijingDayBounds, beijingInstant, beijingTime, periodStart } from './beijing.ts';

// 2019-10-17 (Thursday) 10:00 in Beijing = 02:00 UTC.
const NOW = Date.UTC(2019, 9, 17, 2, 0);
const beijing = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * 3_600_000;

describe('visit periods in Beijing time', () => {
  it('start on Monday, the first of the month and the first of the quarter', () => {
    expect(periodStart('weekly', NOW)).toBe(beijing(2019, 10, 14));
    expect(periodStart('monthly', NOW)).toBe(beijing(2019, 10, 1));
    expect(periodStart('quarterly', NOW)).toBe(beijing(2019, 10, 1));
    expect(periodStart('quarterly', beijing(2019, 9, 30, 23))).toBe(beijing(2019, 7, 1));
  });

  it('use the Beijing date even when it is still the day before in UTC', () => {
    // 2019-11-01 07:00 in Beijing is 2019-10-31 23:00 UTC: already November.
    const early = beijing(2019, 11, 1, 7);
    expect(beijingDate(early)).toBe('2019-11-01');
    expect(periodStart('monthly', early)).toBe(beijing(2019, 11, 1));
    // Sunday late evening still belongs to the week that began on Monday.
    expect(periodStart('weekly', beijing(2019, 10, 20, 23))).toBe(beijing(2019, 10, 14));
  });
});

describe('Beijing dates and times', () => {
  it('turn a date and a wall-clock time into an instant and back', () => {
    expect(beijingInstant('2019-10-17', '10:00')).toBe(NOW);
    expect(beijingInstant('2019-10-17', '10:00:00.000')).toBe(NOW);
    expect(beijingTime(NOW)).toBe('10:00');
    expect(beijingDateTime(NOW)).toBe('2019-10-17 10:00');
    expect(beijingDate(beijingInstant('2019-10-17', '00:30'))).toBe('2019-10-17');
  });

  it('bound a whole day, and count days across months and years', () => {
    const { start, end } = beijingDayBounds('2019-10-17');
    expect([beijingDate(start), beijingDate(end), beijingDate(end + 1)]).toEqual(['2019-10-17', '2019-10-17', '2019-10-18']);
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });
});

describe('months later', () => {
  it('keep the day, or take the month’s last', () => {
    expect(addMonths('2020-01-15', 1)).toBe('2020-02-15');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2019-11-30', 3)).toBe('2020-02-29');
    expect(addMonths('2019-10-17', 12)).toBe('2020-10-17');
    expect(addMonths('2020-03-31', -1)).toBe('2020-02-29');
  });
});
