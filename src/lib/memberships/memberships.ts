// Memberships: a user's role in an institution. A user may belong to several institutions.
import { z } from 'zod';
import { ROLES } from '#db/schema.ts';
import { choiceField, emailField } from '../validation/fields.ts';

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
