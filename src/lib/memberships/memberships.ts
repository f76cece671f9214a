// Memberships: a user's role in an institution. A user may belong to several institutions.
import { z } from 'zod';
import { ROLES, type Role } from '../../../db/schema.ts';
import type { Actor } from '../server/auth/scope.ts';
import { isAdmin } from '../server/auth/scope.ts';
import { choiceField, emailField } from '../validation/fields.ts';

/** Roles this actor may hand out: administrators any; an institution's coordinators member or coordinator. */
export function assignableRoles(actor: Actor): readonly Role[] {
  return isAdmin(actor) ? ROLES : (['member', 'coordinator'] as const);
}

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
