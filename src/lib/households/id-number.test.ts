import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, isValidIdNumber, maskIdNumber, normaliseIdNumber } from './id-number.ts';

describe('ID numbers', () => {
  it('compute the check character of GB 11643', () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('22012219800101124')).toBe('8');
  });

  it('accept well-formed numbers and refuse a wrong check character, date or length', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('220122198001011248')).toBe(true);
    expect(isValidIdNumber('220122198001011247')).toBe(false);
    expect(isValidIdNumber('220122198002301237')).toBe(false);
    expect(isValidIdNumber('22012219800101123')).toBe(false);
    expect(isValidIdNumber('2201221980010112355')).toBe(false);
  });

  it('normalise full-width digits, spaces and a lowercase x', () => {
    expect(normaliseIdNumber('１１０１０５ 1949 1231 002x')).toBe('11010519491231002X');
  });

  it('mask all but the first and last four characters', () => {
    expect(maskIdNumber('220122198001011248')).toBe('2201**********1248');
  });
});
