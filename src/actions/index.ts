import { accounts } from './accounts.ts';
import { institutions } from './institutions.ts';
import { memberships } from './memberships.ts';

export const server = { accounts, institutions, memberships };
