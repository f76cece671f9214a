import { describe, expect, it } from 'vitest';
import { csvValue, dayCell, EXCEL_DAY_FORMAT, excelSheet } from './spreadsheet.ts';

describe('tables as downloads', () => {
  it('make each column as wide as its longest cell, a Chinese character counting two, within bounds', () => {
    const sheet = excelSheet({ name: '已统计的活动', rows: [['日期', '活动', '人数'], [dayCell('2019-10-15'), '刘家屯村入户走访慰问', 7], [null, 'x'.repeat(100), 12345]] });
    expect(sheet.columns).toEqual([{ width: 12 }, { width: 60 }, { width: 7 }]);
  });

  it('write a day as a date cell in Excel, one format for every sheet, and as the day itself in a CSV', () => {
    const [[cell, text, number, empty]] = excelSheet({ name: 'x', rows: [[dayCell('2019-10-15'), '刘家屯村', 7, null]] }).data;
    expect(cell).toEqual({ value: new Date(Date.UTC(2019, 9, 15)), type: Date, format: EXCEL_DAY_FORMAT });
    expect([text, number, empty]).toEqual([{ value: '刘家屯村' }, { value: 7 }, null]);
    expect(csvValue(dayCell('2019-10-15'))).toBe('2019-10-15');
    expect(csvValue(7)).toBe(7);
  });

  it('keep sheet names to what Excel allows', () => {
    expect(excelSheet({ name: '按县/区: [统计]', rows: [] }).sheet).toBe('按县 区   统计 ');
  });
});
