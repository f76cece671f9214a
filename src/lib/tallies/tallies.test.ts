// Numbers the way the press writes them, year-over-year change, the press summary's wording, and the periods
// a breakdown by time groups days into.
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../time/beijing.ts';
import { type Figures, figuresOf, HEADLINE_FIGURES, headline, noAdditiveFigures } from './figures.ts';
import { periodDates, periodLabel, periodOfDates, pressNumber, pressRounding, pressSummary, summaryScope, yearOnYear } from './tallies.ts';

describe('press numbers', () => {
  it('rounds down to a round figure with 余, or up with 约 when just short of one', () => {
    expect(pressNumber(8_237)).toEqual({ zh: '8000余', en: 'more than 8,000' });
    expect(pressNumber(53_400)).toEqual({ zh: '5万余', en: 'more than 50,000' });
    expect(pressNumber(150)).toEqual({ zh: '150', en: '150' });
    expect(pressNumber(153).zh).toBe('150余');
    expect(pressNumber(318).zh).toBe('300余');
    expect(pressNumber(3_120).zh).toBe('3000余');
    expect(pressNumber(60_000).zh).toBe('6万');
    expect(pressNumber(7_950)).toEqual({ zh: '约8000', en: 'about 8,000' });
    expect(pressNumber(59_400).zh).toBe('约6万');
    expect(pressNumber(1_250_000).zh).toBe('125万');
    expect(pressNumber(50).zh).toBe('50');
    expect(pressNumber(0).zh).toBe('0');
    // Two significant digits are written as they are, as the reports write their sums (seed 004).
    expect(pressNumber(6_200)).toEqual({ zh: '6200', en: '6,200' });
    expect(pressNumber(1_200).zh).toBe('1200');
    expect(pressNumber(48_000).zh).toBe('4.8万');
    expect(pressNumber(10_150).zh).toBe('1万余');
    expect(pressNumber(4_150).zh).toBe('4000余');
  });

  it('gives the change against the year before, in numbers and per cent', () => {
    expect(yearOnYear(8_237, 7_100)).toEqual({ difference: 1_137, percent: 16 });
    expect(yearOnYear(150, 160)).toEqual({ difference: -10, percent: -6.3 });
    expect(yearOnYear(5, 0)).toEqual({ difference: 5, percent: null });
  });
});

const NOTHING: Figures = { ...figuresOf(noAdditiveFigures(), { institution: 0, ambulance: 0, medical_staff: 0, volunteer: 0, household: 0 }), contractedHouseholds: 0, followUpsDue: 0, followUpsDone: 0 };

describe('the press summary', () => {
  it('reads like the commission\'s release of Poverty Alleviation Day 2019 (seed 002)', () => {
    const figures: Figures = {
      ...NOTHING,
      ambulanceTrips: 153,
      institutions: 50,
      medicalStaff: 318,
      peopleSeen: 8_237,
      materials: [
        { kind: 'drug', unit: 'box', quantity: 3_560, valueFen: 5_340_000 },
        { kind: 'leaflet', unit: 'copy', quantity: 60_000, valueFen: 0 },
        { kind: 'poster', unit: 'sheet', quantity: 3_120, valueFen: 0 },
      ],
    };
    const summary = pressSummary(figures, { zh: '全市', en: 'Across the city' });
    expect(summary.zh).toBe('全市共出动救护车150余辆，50家医疗机构医护人员300余人参与，义诊人数8000余人，发放药品5万余元，发放扶贫济困宣传资料6万份，张贴宣传海报3000余份。');
    expect(summary.en).toBe(
      'Across the city: more than 150 ambulance trips, 50 medical institutions taking part, more than 300 doctors and nurses, more than 8,000 people seen at free clinics, medicines worth more than 50,000 yuan handed out, 60,000 leaflets handed out, more than 3,000 posters put up.',
    );
    // The exact figures travel with the rounded ones.
    expect(summary.parts.map((p) => [p.key, p.exact])).toEqual([
      ['ambulanceTrips', 153],
      ['institutions', 50],
      ['medicalStaff', 318],
      ['peopleSeen', 8_237],
      ['drugsYuan', 53_400],
      ['leaflets', 60_000],
      ['posters', 3_120],
    ]);
  });

  it('leaves out what is zero, and says nothing when nothing was done', () => {
    expect(pressSummary({ ...NOTHING, householdsVisited: 7, visits: 9 }, { zh: '', en: '' })).toMatchObject({ zh: '共走访贫困户7户。', en: '7 poor households visited.' });
    expect(pressSummary(NOTHING, { zh: '全市', en: '' }).zh).toBe('');
    expect(pressSummary({ ...NOTHING, ambulanceTrips: 1, institutions: 1 }, { zh: '', en: '' }).en).toBe('1 ambulance trip, 1 medical institution taking part.');
  });

  it('gives those who took part one clause with its verb, the volunteers after the staff', () => {
    const together = { ...NOTHING, institutions: 3, medicalStaff: 40, volunteers: 12, householdsVisited: 7 };
    expect(pressSummary(together, { zh: '', en: '' }).zh).toBe('共有3家医疗机构医护人员40人、志愿者12人参与，走访贫困户7户。');
    expect(pressSummary({ ...NOTHING, volunteers: 12, householdsVisited: 7 }, { zh: '', en: '' }).zh).toBe('共有志愿者12人参与，走访贫困户7户。');
    expect(pressSummary({ ...NOTHING, ambulanceTrips: 2, institutions: 1 }, { zh: '', en: '' }).zh).toBe('共出动救护车2辆，1家医疗机构参与。');
  });
});

describe('the press column of the figures', () => {
  it('is left empty where the press writes the number itself, in each language', () => {
    expect(pressRounding(50, 'zh')).toBeNull();
    expect(pressRounding(6_200, 'zh')).toBeNull();
    expect(pressRounding(6_200, 'en')).toBeNull();
    expect([pressRounding(153, 'zh'), pressRounding(153, 'en')]).toEqual(['150余', 'more than 150']);
    expect([pressRounding(60_000, 'zh'), pressRounding(60_000, 'en')]).toEqual(['6万', null]);
    expect(pressRounding(750.5, 'zh')).toBe('750');
  });
});

describe('the area a summary opens with', () => {
  it('is the whole of the area by the kind its name ends with, without bracketed alternatives', () => {
    expect(summaryScope({ level: 'city', name: '长春市' })).toEqual({ zh: '全市', en: 'Across Changchun (长春市)' });
    expect(summaryScope({ level: 'county', name: '农安县' })).toEqual({ zh: '全县', en: "Across Nong'an County (农安县)" });
    expect(summaryScope({ level: 'county', name: '宽城区' }).zh).toBe('全区');
    expect(summaryScope({ level: 'county', name: '榆树市' }).zh).toBe('全市');
    expect(summaryScope({ level: 'township', name: '兰家镇' }).zh).toBe('全镇');
    expect(summaryScope({ level: 'township', name: '东风街道' })).toEqual({ zh: '东风街道', en: 'Across Dongfeng Subdistrict (东风街道)' });
    expect(summaryScope(null)).toEqual({ zh: '', en: '' });
  });
});

describe('headline figures', () => {
  it('are given in yuan, 斤 and hours, in a fixed order', () => {
    const drugs = { kind: 'drug' as const, unit: 'box' as const, quantity: 10, valueFen: 5_340_050 };
    const values = headline({ ...NOTHING, materials: [drugs], purchaseGrams: 11_490_000, volunteerMs: 12.5 * HOUR_MS });
    expect(Object.keys(values).sort()).toEqual([...HEADLINE_FIGURES].sort());
    expect([values.drugsYuan, values.purchaseJin, values.volunteerHours]).toEqual([53_400.5, 22_980, 12.5]);
  });
});

describe('periods of a breakdown by time', () => {
  it('are days over two months at most, weeks over half a year, months beyond or with no end', () => {
    expect(periodOfDates('2019-10-01', '2019-12-01')).toBe('day');
    expect(periodOfDates('2019-10-01', '2019-12-02')).toBe('week');
    expect(periodOfDates('2019-01-01', '2019-07-02')).toBe('week');
    expect(periodOfDates('2019-01-01', '2019-07-03')).toBe('month');
    expect(periodOfDates(null, '2019-10-17')).toBe('month');
    expect(periodOfDates('2019-10-17', undefined)).toBe('month');
  });

  it('run from a Monday or the first of a month to its end, within the dates asked', () => {
    expect(periodDates('day', '2019-10-17')).toEqual({ from: '2019-10-17', to: '2019-10-17' });
    expect(periodDates('week', '2019-10-14')).toEqual({ from: '2019-10-14', to: '2019-10-20' });
    expect(periodDates('week', '2019-12-30')).toEqual({ from: '2019-12-30', to: '2020-01-05' });
    expect(periodDates('month', '2020-02')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(periodDates('month', '2019-10', { from: '2019-10-10', to: '2019-12-31' })).toEqual({ from: '2019-10-10', to: '2019-10-31' });
    expect(periodDates('week', '2019-10-14', { from: null, to: '2019-10-17' })).toEqual({ from: '2019-10-14', to: '2019-10-17' });
    expect(periodLabel('week', '2019-10-14', { from: '2019-10-16' })).toBe('2019-10-16～2019-10-20');
    expect(periodLabel('month', '2019-10')).toBe('2019-10');
  });
});
