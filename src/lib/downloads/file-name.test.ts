import { describe, expect, it } from 'vitest';
import { fileName } from './file-name.ts';

describe('a download’s file name', () => {
  it('joins its words by underscores', () => {
    expect(fileName(['名单', '刘家屯村义诊', '2019-10-15'], 'csv')).toBe('名单_刘家屯村义诊_2019-10-15.csv');
  });

  it('turns what no file name may hold into a hyphen', () => {
    expect(fileName(['卫生院/分院: "东区"  *', 'a\\b?c<d>e|f'], 'csv')).toBe('卫生院-分院-东区-_a-b-c-d-e-f.csv');
  });
});
