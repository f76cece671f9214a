// The household register (一户一档): the forms and their rules.
import { z } from 'zod';
import { HOUSEHOLD_STATUSES, MEMBER_REMOVAL_REASONS, POVERTY_CAUSES, SEXES } from '#db/schema.ts';
import { listChoiceField, listIdField, listPageField, listSearchField } from '../lists/list-query.ts';
import { checkLocationPair, locationFields, optionalCount } from '../places/places.ts';
import { choiceField, dateField, message, optionalPhoneField, optionalText, requiredText } from '../validation/fields.ts';
import { isValidIdNumber, normaliseIdNumber } from './id-number.ts';

export const idNumberField = z
  .string({ error: message('validation.required') })
  .transform(normaliseIdNumber)
  .pipe(
    z
      .string()
      .min(1, { error: message('validation.required') })
      .refine(isValidIdNumber, { error: message('household.idNumberInvalid') }),
  );

const householdFields = {
  villageId: z.coerce.number({ error: message('validation.choice') }).int().positive({ error: message('validation.choice') }),
  hamlet: optionalText(20),
  headName: requiredText(20),
  idNumber: idNumberField,
  phone: optionalPhoneField,
  address: optionalText(100),
  cause: choiceField(POVERTY_CAUSES),
  status: z.preprocess((value) => value || 'registered', choiceField(HOUSEHOLD_STATUSES)),
  liftedYear: optionalCount(2013, 2035),
  countyDoctor: optionalText(20),
  townshipDoctor: optionalText(20),
  villageDoctor: optionalText(20),
  ...locationFields,
};

export const householdSchema = z.object(householdFields).superRefine(checkLocationPair);

export type HouseholdInput = z.output<typeof householdSchema>;

/** Correcting a household: every field of the form; the ID number only when a new one is typed. */
export const householdUpdateSchema = z
  .object({
    householdId: z.coerce.number().int().positive(),
    ...householdFields,
    idNumber: z.preprocess((value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value), idNumberField.optional()),
  })
  .superRefine(checkLocationPair);

export type HouseholdUpdateInput = z.output<typeof householdUpdateSchema>;

export const householdMemberSchema = z.object({
  householdId: z.coerce.number().int().positive(),
  name: requiredText(20),
  relation: requiredText(10),
  birthYear: optionalCount(1900, 2030),
  sex: z.preprocess((value) => (value === '' || value === null ? undefined : value), choiceField(SEXES).optional()),
  disabilityGrade: optionalCount(1, 4),
  chronicIllness: optionalText(100),
  majorIllness: optionalText(100),
});

export type HouseholdMemberInput = z.output<typeof householdMemberSchema>;

export const householdMemberUpdateSchema = householdMemberSchema.omit({ householdId: true }).extend({ memberId: z.coerce.number().int().positive() });

/** A member leaving the household: when and why. */
export const memberRemovalSchema = z
  .object({
    memberId: z.coerce.number().int().positive(),
    removedOn: dateField,
    reason: choiceField(MEMBER_REMOVAL_REASONS),
    note: optionalText(100),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'other' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: message('household.removalNoteRequired') });
  });

export type MemberRemovalInput = z.output<typeof memberRemovalSchema>;

/** The household register's query, from its address: words in the head's name or the hamlet, village, status, cause, page. */
export const householdListSchema = z.object({
  q: listSearchField,
  village: listIdField,
  status: listChoiceField(HOUSEHOLD_STATUSES),
  cause: listChoiceField(POVERTY_CAUSES),
  page: listPageField,
});
export type HouseholdListQuery = z.output<typeof householdListSchema>;
