// An institution's staff: the form (and the import, which uses the same rules).
import { z } from 'zod';
import { PROFESSIONS, SEXES } from '#db/schema.ts';
import { choiceField, message, optionalPhoneField, optionalText, requiredText, toHalfWidth } from '../validation/fields.ts';
import { listChoiceField, listPageField, listSearchField } from '../lists/list-query.ts';

/** Someone on a shift: a person with an account, or a staff member without one. */
export type Person = { userId: string; staffId?: undefined } | { staffId: number; userId?: undefined };

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), choiceField(values).nullable());

export const staffSchema = z.object({
  institutionId: z.coerce.number().int().positive(),
  name: requiredText(30),
  sex: optionalChoice(SEXES),
  title: optionalText(30),
  department: optionalText(30),
  profession: choiceField(PROFESSIONS),
  // 医师执业证书编码 or 护士执业证书编号: letters and digits, as printed.
  licenceNumber: optionalText(40)
    .transform((v) => (v === null ? null : toHalfWidth(v).replace(/\s+/g, '').toUpperCase()))
    .pipe(z.string().regex(/^[0-9A-Z]{8,30}$/, { error: message('staff.licenceFormat') }).nullable()),
  phone: optionalPhoneField,
});
export type StaffInput = z.output<typeof staffSchema>;

/** The staff list's query, from its address: words in the name, department or title, profession, page. */
export const staffListSchema = z.object({
  q: listSearchField,
  profession: listChoiceField(PROFESSIONS),
  page: listPageField,
});
export type StaffListQuery = z.output<typeof staffListSchema>;
