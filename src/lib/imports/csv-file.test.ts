import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, decodeCsv, parseCsv } from './csv-file.ts';
import { autoMapColumns, rowInput } from './import-columns.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${name}`, import.meta.url)));
const example = (name: string) => new Uint8Array(readFileSync(new URL(`../../../docs/examples/${name}`, import.meta.url)));

describe('CSV encodings', () => {
  it('reads GBK as Excel saves it in China', () => {
    const { text, encoding } = decodeCsv(fixture('households-gbk.csv'));
    expect(encoding).toBe('GB18030');
    expect(text.startsWith('县,乡镇,村,屯/组,户主姓名')).toBe(true);
  });

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeCsv(example('households.csv'))).toMatchObject({ encoding: 'UTF-8 (BOM)' });
    expect(decodeCsv(example('households.csv')).text.startsWith('县,')).toBe(true);
    expect(decodeCsv(fixture('villages-utf8.csv')).encoding).toBe('UTF-8');
  });
});

describe('CSV rows', () => {
  it('numbers rows by their line in the file and skips blank lines', () => {
    const table = parseCsv('a,b\r\n1,2\r\n\r\n3,"多\n行"\r\n4,5\r\n');
    expect(table.headers).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '多\n行'] },
      { line: 6, cells: ['4', '5'] },
    ]);
  });

  it('reports a broken file with its line', () => {
    expect(() => parseCsv('a,b\n1,"unterminated\n2,3\n')).toThrow(CsvFormatError);
  });
});

describe('columns', () => {
  it('map Chinese headings to fields and known words to stored values', () => {
    const { text } = decodeCsv(fixture('households-gbk.csv'));
    const table = parseCsv(text);
    const mapping = autoMapColumns('households', table.headers);
    expect(mapping).toMatchObject({ county: 0, township: 1, village: 2, hamlet: 3, headName: 4, idNumber: 5, phone: 6, cause: 7, status: 8, villageDoctor: 9, lat: 10, lng: 11, enteredIn: 12, address: -1 });
    expect(rowInput('households', table.rows[0].cells, mapping)).toMatchObject({ headName: '王守义', cause: 'illness', status: 'registered', enteredIn: 'WGS84' });
    expect(rowInput('households', table.rows[2].cells, mapping)).toMatchObject({ cause: 'lack_of_labour', status: 'lifted', enteredIn: 'GCJ02' });
    expect(rowInput('households', table.rows[5].cells, mapping)).toMatchObject({ cause: '因穷' });
  });

  it('recognise the village file’s headings', () => {
    const table = parseCsv(decodeCsv(example('villages.csv')).text);
    const mapping = autoMapColumns('villages', table.headers);
    expect(Object.values(mapping).every((index) => index >= 0)).toBe(true);
    expect(rowInput('villages', table.rows[1].cells, mapping)).toMatchObject({ name: '四家子村', status: 'lifted', liftedYear: '2019', enteredIn: 'GCJ02' });
  });
});
