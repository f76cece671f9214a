// The organiser's next step with an event, and when it may be marked done: rules without a database.
import { describe, expect, it } from 'vitest';
import { mayComplete, nextStep } from './events.ts';

const clinic = (state: 'draft' | 'published' | 'done' | 'cancelled', roles: number, date = '2019-10-17') => ({ state, date, roles: Array.from({ length: roles }) });

describe('an event’s next step', () => {
  it('goes add roles → publish → the roster until the day → record what it came to from the day on', () => {
    expect(nextStep(clinic('draft', 0), '2019-10-01')).toBe('addRoles');
    expect(nextStep(clinic('draft', 2), '2019-10-01')).toBe('publish');
    expect(nextStep(clinic('published', 2), '2019-10-16')).toBe('roster');
    expect(nextStep(clinic('published', 2), '2019-10-17')).toBe('complete');
    expect(nextStep(clinic('published', 2), '2019-11-02')).toBe('complete');
    expect(nextStep(clinic('done', 2), '2019-11-02')).toBeNull();
    expect(nextStep(clinic('cancelled', 2), '2019-11-02')).toBeNull();
  });

  it('offers marking it done only once its day has come, and only while published', () => {
    expect(mayComplete(clinic('published', 1), '2019-10-16')).toBe(false);
    expect(mayComplete(clinic('published', 1), '2019-10-17')).toBe(true);
    expect(mayComplete(clinic('draft', 1), '2019-10-18')).toBe(false);
    expect(mayComplete(clinic('done', 1), '2019-10-18')).toBe(false);
  });
});
