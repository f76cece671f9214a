import { defineAction } from 'astro:actions';
import { getDb } from '../lib/server/db.ts';
import { contractEndSchema, contractSchema, memberLeavingSchema, teamMemberSchema, teamSchema } from '../lib/teams/teams.ts';
import { addTeamMember, createTeam, endContract, memberLeaves, signContract } from '../lib/teams/teams.server.ts';
import { signUpTeam } from '../lib/teams/team-signups.server.ts';
import { teamSignUpSchema } from '../lib/teams/teams.ts';
import { act, requireActor } from './errors.ts';

export const teams = {
  create: defineAction({
    accept: 'form',
    input: teamSchema,
    handler: (input, context) => act(() => ({ id: createTeam(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  addMember: defineAction({
    accept: 'form',
    input: teamMemberSchema,
    handler: (input, context) => act(() => ({ id: addTeamMember(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  memberLeaves: defineAction({
    accept: 'form',
    input: memberLeavingSchema,
    handler: ({ memberId, leftOn }, context) =>
      act(() => {
        memberLeaves(getDb(), { actor: requireActor(context.locals.actor), memberId, leftOn });
        return { memberId };
      }),
  }),

  sign: defineAction({
    accept: 'form',
    input: contractSchema,
    handler: (input, context) => act(() => ({ id: signContract(getDb(), { actor: requireActor(context.locals.actor), input }).id })),
  }),

  signUp: defineAction({
    accept: 'form',
    input: teamSignUpSchema,
    handler: ({ teamId, shiftId, memberIds }, context) =>
      act(() => {
        signUpTeam(getDb(), { actor: requireActor(context.locals.actor), teamId, shiftId, memberIds });
        return { teamId };
      }),
  }),

  end: defineAction({
    accept: 'form',
    input: contractEndSchema,
    handler: (input, context) =>
      act(() => {
        endContract(getDb(), { actor: requireActor(context.locals.actor), input });
        return { contractId: input.contractId };
      }),
  }),
};
