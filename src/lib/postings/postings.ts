// Staff sent away (驻村 / 派驻): the form.
import { z } from 'zod';
import { INSTITUTION_POSTING_ROLES, POSTING_KINDS, POSTING_ROLES, VILLAGE_POSTING_ROLES } from '#db/schema.ts';
import { choiceField, dateField, message, optionalIdField, optionalText } from '../validation/fields.ts';

const optionalDate = z.preprocess((value) => (value === '' || value === null ? undefined : value), dateField.optional());

export const postingSchema = z
  .object({
    staffId: z.coerce.number().int().positive(),
    kind: choiceField(POSTING_KINDS),
    villageId: optionalIdField,
    hostInstitutionId: optionalIdField,
    role: choiceField(POSTING_ROLES),
    fromDate: dateField,
    toDate: optionalDate,
    purpose: optionalText(80),
  })
  .superRefine((value, ctx) => {
    const village = value.kind === 'village';
    if (village && value.villageId === null) ctx.addIssue({ code: 'custom', path: ['villageId'], message: message('validation.required') });
    if (!village && value.hostInstitutionId === null) ctx.addIssue({ code: 'custom', path: ['hostInstitutionId'], message: message('validation.required') });
    const roles: readonly string[] = village ? VILLAGE_POSTING_ROLES : INSTITUTION_POSTING_ROLES;
    if (!roles.includes(value.role)) ctx.addIssue({ code: 'custom', path: ['role'], message: message('posting.roleForKind') });
    if (value.toDate && value.toDate < value.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: message('posting.endsBeforeStart') });
  })
  // Only the target its kind names is kept.
  .transform(({ villageId, hostInstitutionId, toDate, ...rest }) => ({
    ...rest,
    villageId: rest.kind === 'village' ? villageId : null,
    hostInstitutionId: rest.kind === 'institution' ? hostInstitutionId : null,
    toDate: toDate ?? null,
  }));
export type PostingInput = z.output<typeof postingSchema>;

export const postingEndSchema = z.object({ postingId: z.coerce.number().int().positive(), toDate: dateField });
