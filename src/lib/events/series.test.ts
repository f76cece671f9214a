// The rule of a recurring series, without a database.
import { describe, expect, it } from 'vitest';
import { seriesDates, seriesSchema } from './series.ts';
import { message } from '../validation/fields.ts';

describe('series dates', () => {
  it('every month on its first Tuesday, for a year', () => {
    const dates = seriesDates({ frequency: 'monthly', weekday: 2, weekOfMonth: 1, startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(dates).toEqual(['2026-01-06', '2026-02-03', '2026-03-03', '2026-04-07', '2026-05-05', '2026-06-02', '2026-07-07', '2026-08-04', '2026-09-01', '2026-10-06', '2026-11-03', '2026-12-01']);
  });

  it('every month on its last Friday, and only within the first and last day', () => {
    expect(seriesDates({ frequency: 'monthly', weekday: 5, weekOfMonth: 5, startDate: '2026-01-31', endDate: '2026-05-28' })).toEqual(['2026-02-27', '2026-03-27', '2026-04-24']);
    // The fourth Sunday of February 2026 is the 22nd; a fifth week never spills into the next month.
    expect(seriesDates({ frequency: 'monthly', weekday: 7, weekOfMonth: 4, startDate: '2026-02-01', endDate: '2026-02-28' })).toEqual(['2026-02-22']);
  });

  it('every week on Thursday, from a later day when the rule changes mid-way', () => {
    const rule = { frequency: 'weekly' as const, weekday: 4, weekOfMonth: null, startDate: '2026-11-01', endDate: '2026-12-31' };
    expect(seriesDates(rule)).toEqual(['2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26', '2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31']);
    expect(seriesDates(rule, '2026-12-18')).toEqual(['2026-12-24', '2026-12-31']);
  });
});

describe('the series form', () => {
  const form = { organiserId: '1', kind: 'rounds', title: '专家下乡巡回医疗', frequency: 'monthly', weekday: '2', weekOfMonth: '1', startDate: '2026-01-01', endDate: '2026-12-31', startTime: '08:30', endTime: '16:00', villageId: '', address: '', countyId: '7' };

  it('takes one place, a year at most, and a week of the month for a monthly rule', () => {
    expect(seriesSchema.parse(form)).toMatchObject({ countyId: 7, villageId: null, address: null, weekOfMonth: 1 });
    expect(seriesSchema.parse({ ...form, frequency: 'weekly' }).weekOfMonth).toBeNull();
    const refused = (changes: Record<string, string>) => seriesSchema.safeParse({ ...form, ...changes }).error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(refused({ address: '法中乡卫生院' })).toEqual([['address', message('series.onePlace')]]);
    expect(refused({ countyId: '' })).toEqual([['address', message('series.onePlace')]]);
    expect(refused({ endDate: '2027-01-03' })).toEqual([['endDate', message('series.tooLong')]]);
    expect(refused({ endDate: '2025-12-31' })).toEqual([['endDate', message('series.endBeforeStart')]]);
    expect(refused({ weekOfMonth: '' })).toEqual([['weekOfMonth', message('validation.required')]]);
  });
});
