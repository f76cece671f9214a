import { accounts } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { donations } from './donations.ts';
import { events } from './events.ts';
import { handouts } from './handouts.ts';
import { households } from './households.ts';
import { imports } from './imports.ts';
import { institutions } from './institutions.ts';
import { memberships } from './memberships.ts';
import { pairings } from './pairings.ts';
import { places } from './places.ts';
import { purchases } from './purchases.ts';
import { signups } from './signups.ts';
import { staff } from './staff.ts';
import { stock } from './stock.ts';
import { vehicles } from './vehicles.ts';
import { visits } from './visits.ts';

export const server = { accounts, institutions, memberships, places, households, pairings, imports, campaigns, events, signups, stock, handouts, vehicles, staff, purchases, donations, visits };
