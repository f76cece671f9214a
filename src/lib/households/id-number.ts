// 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character.
import { toHalfWidth } from '../validation/fields.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Uppercase, ASCII, without spaces: how an ID number is compared and stored. */
export function normaliseIdNumber(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
}

/** The check character the first 17 digits call for. */
export function idNumberCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/** Whether a (normalised) ID number is well-formed: its birth date exists and its check character matches. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return idNumberCheckCharacter(value.slice(0, 17)) === value[17];
}

/** What everyone but the coordinator who asks to see it is shown: 2201**********1234. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
