// Institutions (医疗机构 / 单位): the form and its rules.
import { z } from 'zod';
import { INSTITUTION_KINDS } from '#db/schema.ts';
import { choiceField, optionalIdField, optionalPhoneField, optionalText, requiredText } from '../validation/fields.ts';
import { listChoiceField, listPageField, listSearchField } from '../lists/list-query.ts';

export const institutionSchema = z.object({
  name: requiredText(80),
  kind: choiceField(INSTITUTION_KINDS),
  level: optionalText(30),
  parentId: optionalIdField,
  contactName: optionalText(40),
  contactPhone: optionalPhoneField,
  address: optionalText(200),
  // Required of an administrator; a coordinator's form keeps the one on file.
  areaId: optionalIdField,
});

export type InstitutionInput = z.output<typeof institutionSchema>;

/** The institutions list's query, from its address: words in the name, kind, page. */
export const institutionListSchema = z.object({
  q: listSearchField,
  kind: listChoiceField(INSTITUTION_KINDS),
  page: listPageField,
});
export type InstitutionListQuery = z.output<typeof institutionListSchema>;
