// A tally's download is named by what it counts and the days it covers, in the reader's language.
import { describe, expect, it } from 'vitest';
import { tallyDownloadName } from './tally-tables.ts';

const today = '2026-12-03';

describe('a tally download’s name', () => {
  it('says what is counted and from when to when', () => {
    expect(tallyDownloadName('zh-CN', { named: ['农安县'], from: '2019-10-01', to: '2019-10-31', today }, 'xlsx')).toBe('义诊统计_农安县_2019-10-01_2019-10-31.xlsx');
    expect(tallyDownloadName('zh-CN', { named: ['2019年扶贫日', '农安县', '长春市中心医院'], from: '2019-10-17', to: '2019-10-17', today }, 'csv')).toBe(
      '义诊统计_2019年扶贫日_农安县_长春市中心医院_2019-10-17_2019-10-17.csv',
    );
    expect(tallyDownloadName('en', { named: ['农安县'], from: '2019-10-01', to: '2019-10-31', today }, 'csv')).toBe('yizhen-tallies_农安县_2019-10-01_2019-10-31.csv');
  });

  it('runs until today without an end, and says until when or as of when without a start', () => {
    expect(tallyDownloadName('zh-CN', { named: [], from: '2019-01-01', to: null, today }, 'csv')).toBe('义诊统计_2019-01-01_2026-12-03.csv');
    expect(tallyDownloadName('zh-CN', { named: [], from: null, to: '2019-12-31', today }, 'csv')).toBe('义诊统计_至2019-12-31.csv');
    expect(tallyDownloadName('zh-CN', { named: [], from: null, to: null, today }, 'xlsx')).toBe('义诊统计_截至2026-12-03.xlsx');
    expect(tallyDownloadName('en', { named: [], from: null, to: null, today }, 'xlsx')).toBe('yizhen-tallies_as-of-2026-12-03.xlsx');
    expect(tallyDownloadName('en', { named: [], from: null, to: '2019-12-31', today }, 'xlsx')).toBe('yizhen-tallies_until-2019-12-31.xlsx');
  });
});
