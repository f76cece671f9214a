import { defineAction } from 'astro:actions';
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from '../lib/memberships/memberships.ts';
import { addMember, changeRole, removeMember } from '../lib/memberships/memberships.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

export const memberships = {
  add: defineAction({
    accept: 'form',
    input: addMemberSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        addMember(getDb(), { actor, ...input });
        return { added: input.email };
      }),
  }),

  changeRole: defineAction({
    accept: 'form',
    input: changeRoleSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        changeRole(getDb(), { actor, ...input });
        return { changed: true };
      }),
  }),

  remove: defineAction({
    accept: 'form',
    input: removeMemberSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        removeMember(getDb(), { actor, ...input });
        return { removed: true };
      }),
  }),
};
