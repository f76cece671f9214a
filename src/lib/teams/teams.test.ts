import { describe, expect, it } from 'vitest';
import { followUpSchedule, nextFollowUp, type ScheduledContract } from './teams.ts';

const quarterly: ScheduledContract = { signedOn: '2020-01-31', endsOn: '2021-01-31', endedOn: null, followUpEvery: 'quarterly' };

describe('a contract’s follow-up schedule', () => {
  it('falls due every interval from signing to the end of the term, counted from signing so short months do not drift', () => {
    expect(followUpSchedule(quarterly, []).map((f) => f.due)).toEqual(['2020-04-30', '2020-07-31', '2020-10-31', '2021-01-31']);
    expect(followUpSchedule({ ...quarterly, followUpEvery: 'monthly' }, []).slice(0, 3).map((f) => f.due)).toEqual(['2020-02-29', '2020-03-31', '2020-04-30']);
  });

  it('stops the day before a contract ended early (renewed, moved, ended)', () => {
    expect(followUpSchedule({ ...quarterly, endedOn: '2020-07-31' }, []).map((f) => f.due)).toEqual(['2020-04-30']);
    expect(followUpSchedule({ ...quarterly, endedOn: '2020-08-01' }, []).map((f) => f.due)).toEqual(['2020-04-30', '2020-07-31']);
  });

  it('is met by a follow-up in each interval, the signing day counting for the first and a due day for its own', () => {
    const schedule = followUpSchedule(quarterly, ['2020-01-31', '2020-07-31', '2020-08-01', '2020-09-15']);
    expect(schedule.map((f) => f.met)).toEqual([true, true, true, false]);
    // Two visits in one interval meet it once; none before signing counts.
    expect(followUpSchedule(quarterly, ['2019-12-01', '2020-02-01', '2020-03-01']).map((f) => f.met)).toEqual([true, false, false, false]);
  });
});

describe('the next follow-up', () => {
  const schedule = followUpSchedule(quarterly, ['2020-03-01']);
  it('is the first not met, and overdue while a missed one has nothing done since', () => {
    expect(nextFollowUp(schedule, '2020-03-02')).toEqual({ due: '2020-07-31', overdue: false });
    expect(nextFollowUp(schedule, '2020-07-31')).toEqual({ due: '2020-07-31', overdue: false });
    expect(nextFollowUp(schedule, '2020-08-01')).toEqual({ due: '2020-07-31', overdue: true });
    // A visit after the missed one meets the interval under way: no longer overdue.
    expect(nextFollowUp(followUpSchedule(quarterly, ['2020-03-01', '2020-08-20']), '2020-09-01')).toEqual({ due: '2021-01-31', overdue: false });
  });

  it('is none once the term has no more, unless the last was missed', () => {
    const all = followUpSchedule(quarterly, ['2020-03-01', '2020-06-01', '2020-09-01', '2020-12-01']);
    expect(nextFollowUp(all, '2020-12-02')).toBeNull();
    expect(nextFollowUp(followUpSchedule(quarterly, ['2020-03-01', '2020-06-01', '2020-09-01']), '2021-02-01')).toEqual({ due: '2021-01-31', overdue: true });
  });
});
