// Memberships: a user's role in an institution. A user may belong to several institutions.
import { z } from 'zod';
import { ROLES } from '#db/schema.ts';
import { choiceField, emailField } from '../validation/fields.ts';
import { listChoiceField, listPageField, listSearchField } from '../lists/list-query.ts';

export const addMemberSchema = z.object({
  institutionId: z.coerce.number().int().positive(),
  email: emailField,
  role: choiceField(ROLES),
});

export const changeRoleSchema = z.object({
  institutionId: z.coerce.number().int().positive(),
  userId: z.string().min(1).max(64),
  role: choiceField(ROLES),
});

export const removeMemberSchema = z.object({
  institutionId: z.coerce.number().int().positive(),
  userId: z.string().min(1).max(64),
});

/** The users list's query, from its address: words in the name or email, a role held, page. */
export const userListSchema = z.object({
  q: listSearchField,
  role: listChoiceField(ROLES),
  page: listPageField,
});
export type UserListQuery = z.output<typeof userListSchema>;
