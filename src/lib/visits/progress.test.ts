import { describe, expect, it } from 'vitest';
import { checkAnswered, visitProgress } from './progress.ts';

describe("a visit form's progress", () => {
  it('counts an item answered once its finding is chosen, with a note where 否 or 有隐患 needs one', () => {
    expect(checkAnswered('', '')).toBe(false);
    expect(checkAnswered('yes', '')).toBe(true);
    expect(checkAnswered('no', '  ')).toBe(false);
    expect(checkAnswered('no', '井水浑浊')).toBe(true);
    expect(checkAnswered('concern', '')).toBe(false);
  });

  it('counts the items answered and the people with any reading written', () => {
    const values: Record<string, string> = {
      'checks.food.state': 'yes',
      'checks.water.state': 'no',
      'checks.housing.state': 'concern',
      'checks.housing.note': '西屋墙体开裂',
      'readings.head.systolic': '152',
      'readings.m4.findings': '无',
      'readings.m5.glucose': ' ',
    };
    const progress = visitProgress((name) => values[name] ?? '', ['food', 'clothing', 'housing', 'water'], ['head', 'm4', 'm5']);
    expect(progress).toEqual({ answered: 2, items: 4, personsRead: 1 });
  });
});
