// Every page and action × every role × own or other institution, with the expected answer written out.
// "own" is 长春市中心医院 (the coordinator's and member's institution, in 长春市, whose commission's
// administrator and publicity office are "admin" and "publicity"); "other" is 沁源县人民医院 in another
// province's county, whose bureau's administrator is "otherAdmin". Bureaus at three levels: "provinceAdmin"
// administers 吉林省 (Changchun's province, not Qinyuan's), "admin" the city, "otherAdmin" a county. The
// "operator" runs the site and reads no institution's data. Three people who go to the door without a role in
// "own" or "other": "teamMember" is 王军, the village doctor of 沁源县人民医院's family doctor team contracted
// with 王文中 ({contracted}), with no role anywhere; "resident" is 周川, a member of the Gongjing bureau resident in
// 刘家村 ({residentHousehold} is one of its households); "responsible" has no role, but a staff record of "own"
// named as the responsible person (包保责任人) of its 刘家屯村 pairing, which holds {household}.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { areas, campaigns, eventParts, events, followUps, households, institutions, memberships, pairingRequests, pairings, staff, users, villages, visits } from '../../db/schema.ts';
import { pairingRequestSchema } from '../../src/lib/pairings/pairings.ts';
import { requestPairing } from '../../src/lib/pairings/pairings.server.ts';
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { createItem, receiveStock } from '../../src/lib/stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../../src/lib/stock/stock.ts';
import { addRole, createEvent, getEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import { ensureTownship } from '../../src/lib/places/places.server.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { signUpForShift } from '../../src/lib/signups/signups.server.ts';
import { purchaseSchema } from '../../src/lib/purchases/purchases.ts';
import { recordPurchase } from '../../src/lib/purchases/purchases.server.ts';
import { vehicleSchema } from '../../src/lib/vehicles/vehicles.ts';
import { addVehicle } from '../../src/lib/vehicles/vehicles.server.ts';
import { type DemoRole, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { DEMO_INSTITUTIONS } from '../../db/seed/demo.ts';
import { RESIDENT_CADRE_EMAIL } from '../../db/seed/gongjing.ts';
import { VILLAGE_DOCTOR_EMAIL } from '../../db/seed/teams.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

const WHO = ['anonymous', 'member', 'coordinator', 'otherCoordinator', 'publicity', 'admin', 'provinceAdmin', 'otherAdmin', 'operator', 'teamMember', 'resident', 'responsible'] as const satisfies readonly (
  | DemoRole
  | 'anonymous'
  | 'provinceAdmin'
  | 'teamMember'
  | 'resident'
  | 'responsible'
)[];
const DEMO_ROLES = ['member', 'coordinator', 'otherCoordinator', 'publicity', 'admin', 'otherAdmin', 'operator'] as const satisfies readonly DemoRole[];
type Who = (typeof WHO)[number];

// 302 = sent to the login page; 403 = the "access denied" page.
interface Ids {
  own: number;
  other: number;
  household: number;
  village: number;
  event: number;
  campaign: number;
  campaignOrganiser: number;
  item: number;
  visit: number;
  visitor: number;
  followUp: number;
  role: number;
  shift: number;
  part: number;
  /** A part of the programme for each person to try to remove, so that each refusal is of a part that exists. */
  partsToDelete: Record<Who, number>;
  pairing: number;
  vehicle: number;
  purchase: number;
  requestToApprove: number;
  requestToRefuse: number;
  requestToWithdraw: number;
  city: number;
  otherCounty: number;
  areaVillage: number;
  otherBureau: number;
  contracted: number;
  residentHousehold: number;
}

const ID_NAMES = ['own', 'other', 'household', 'village', 'event', 'campaign', 'campaignOrganiser', 'item', 'visit', 'visitor', 'followUp', 'role', 'shift', 'part', 'pairing', 'vehicle', 'purchase', 'requestToApprove', 'requestToRefuse', 'requestToWithdraw', 'city', 'otherCounty', 'areaVillage', 'otherBureau', 'contracted', 'residentHousehold'] as const satisfies readonly (keyof Ids)[];

/** A page's address with its ids named ({own}, {household}…), for the test's name. */
const pathPattern = (path: (ids: Ids) => string) =>
  path(Object.fromEntries(ID_NAMES.map((name, i) => [name, -(i + 1)])) as unknown as Ids).replace(/-(\d+)/g, (_, n: string) => `{${ID_NAMES[Number(n) - 1]}}`);

const PAGES: { path: (ids: Ids) => string; expected: Record<Who, number> }[] = [
  { path: () => '/account', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/institutions', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ own }) => `/institutions/${own}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ own }) => `/institutions/${own}/members`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}/members`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/institutions', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/users', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/mail', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/pairing-requests', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/obligations', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/audit', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ pairing }) => `/pairings/${pairing}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ own }) => `/institutions/${own}/pairings`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}/pairings`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/villages', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ village }) => `/villages/${village}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/households', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ household }) => `/households/${household}`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 200 } },
  { path: () => '/households/new', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/clinics', expected: { anonymous: 200, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/events', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/events/new', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/events/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  // An id that is no id: the login page for a visitor, the 404 page for everyone else (page.recordId).
  { path: () => '/events/abc', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/households/0/edit', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/api/signups.csv', expected: { anonymous: 401, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ event }) => `/events/${event}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ event }) => `/events/${event}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/events/999999/edit', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ event }) => `/events/${event}/roster`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ event }) => `/api/events/${event}/roster.csv`, expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/api/events/999999/roster.csv', expected: { anonymous: 401, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/events/999999/roster', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/campaigns', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/series/new', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/campaigns/new', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ campaign }) => `/campaigns/${campaign}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/campaigns/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ campaign }) => `/api/campaigns/${campaign}/events.geojson`, expected: { anonymous: 401, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ own }) => `/institutions/${own}/stock`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}/stock`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ item }) => `/items/${item}`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/items/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ own }) => `/institutions/${own}/staff`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}/staff`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ own }) => `/institutions/${own}/donations`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ own }) => `/institutions/${own}/purchases`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ own }) => `/institutions/${own}/vehicles`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ event }) => `/events/${event}/vehicles`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: ({ event }) => `/events/${event}/handouts`, expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/signups', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/map', expected: { anonymous: 302, member: 200, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 200 } },
  { path: () => '/imports/new', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/imports/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/households/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ household }) => `/households/${household}/visits/new`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 200 } },
  // The people at the door reach their own households, their files and visit forms, and nobody else's.
  { path: ({ contracted }) => `/households/${contracted}`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 200, resident: 403, responsible: 403 } },
  { path: ({ contracted }) => `/households/${contracted}/visits/new`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 200, resident: 403, responsible: 403 } },
  { path: ({ residentHousehold }) => `/households/${residentHousehold}`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 200, responsible: 403 } },
  { path: ({ residentHousehold }) => `/households/${residentHousehold}/visits/new`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 200, responsible: 403 } },
  { path: ({ household }) => `/households/${household}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ vehicle }) => `/vehicles/${vehicle}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/vehicles/999999/edit', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ item }) => `/items/${item}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ purchase }) => `/purchases/${purchase}/edit`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/purchases/999999/edit', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ campaign }) => `/campaigns/${campaign}/edit`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ village }) => `/villages/${village}/edit`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ household }) => `/households/${household}/handbook`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 200 } },
  { path: ({ visit }) => `/visits/${visit}`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ visit }) => `/visits/${visit}/amend`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/visits/999999/amend', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/visits/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: ({ own }) => `/institutions/${own}/follow-ups`, expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/institutions/${other}/follow-ups`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/api/visit-photos/999999.jpg', expected: { anonymous: 401, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/tallies', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: ({ other }) => `/tallies?institution=${other}`, expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/api/tallies.xlsx', expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/tallies/snapshots', expected: { anonymous: 302, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/tallies/snapshots/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
  { path: () => '/api/tallies/events.geojson', expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/api/tallies.csv', expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/admin/api-tokens', expected: { anonymous: 302, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 } },
  { path: () => '/api/v1/tallies', expected: { anonymous: 401, member: 401, coordinator: 401, otherCoordinator: 401, publicity: 401, admin: 401, provinceAdmin: 401, otherAdmin: 401, operator: 401, teamMember: 401, resident: 401, responsible: 401 } },
  { path: () => '/institutions/999999', expected: { anonymous: 302, member: 404, coordinator: 404, otherCoordinator: 404, publicity: 404, admin: 404, provinceAdmin: 404, otherAdmin: 404, operator: 404, teamMember: 404, resident: 404, responsible: 404 } },
];

// Actions posted through their RPC endpoint, as any client could; 401 = not logged in.
const ACTIONS: { name: string; fields: (ids: Ids, who: Who) => Record<string, string>; expected: Record<Who, number> }[] = [
  {
    name: 'institutions.update (own)',
    fields: ({ own, city }) => ({ _: 'institutions.update', institutionId: String(own), name: OWN_INSTITUTION, kind: 'hospital', contactPhone: '0431-88888888', areaId: String(city) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'institutions.update (other)',
    fields: ({ other, otherCounty }) => ({ _: 'institutions.update', institutionId: String(other), name: OTHER_INSTITUTION, kind: 'hospital', contactPhone: '0355-1234567', areaId: String(otherCounty) }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'institutions.create',
    fields: ({ city }) => ({ _: 'institutions.create', name: `新机构`, kind: 'township_centre', areaId: String(city) }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 400, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'memberships.add (own)',
    fields: ({ own }) => ({ _: 'memberships.add', institutionId: String(own), email: 'qinyuan@yizhen.demo', role: 'member' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'memberships.add (other)',
    fields: ({ other }) => ({ _: 'memberships.add', institutionId: String(other), email: 'member@yizhen.demo', role: 'member' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    // Administrators are made by the system operator, or by the administrators of an area above the bureau.
    name: 'memberships.add (an administrator of the other county’s bureau)',
    fields: ({ otherBureau }) => ({ _: 'memberships.add', institutionId: String(otherBureau), email: 'qinyuan@yizhen.demo', role: 'admin' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'places.createVillage (in the other county)',
    fields: () => ({ _: 'places.createVillage', province: '山西省', city: '长治市', county: '沁源县', township: '赤石桥乡', name: '矩阵村', status: 'poverty_village' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'households.revealIdNumber',
    fields: ({ household }) => ({ _: 'households.revealIdNumber', householdId: String(household) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.update (own)',
    fields: ({ pairing }) => ({ _: 'pairings.update', pairingId: String(pairing), responsibleName: '周丽华', obligation: 'monthly' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    // The attack: 沁源县人民医院 pairing itself with 刘家屯村 to read its households. Only an administrator makes pairings.
    // 沁源县人民医院 with a village in 吉林省: no bureau below the two provinces covers both sides.
    name: 'pairings.create (another institution’s village)',
    fields: ({ other, village }) => ({ _: 'pairings.create', institutionId: String(other), targetRef: `village:${village}`, startDate: '2026-01-01', obligation: 'monthly' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.create (an institution and a village of one city)',
    fields: ({ own, areaVillage }) => ({ _: 'pairings.create', institutionId: String(own), targetRef: `village:${areaVillage}`, startDate: '2026-01-01', obligation: 'monthly' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.request (for the other institution)',
    fields: ({ other, village }) => ({ _: 'pairings.request', institutionId: String(other), targetRef: `village:${village}`, startDate: '2026-01-01', obligation: 'monthly', note: '县卫健局安排' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.refuse',
    fields: ({ requestToRefuse }) => ({ _: 'pairings.refuse', requestId: String(requestToRefuse), reason: '不在本县' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.approve',
    fields: ({ requestToApprove }) => ({ _: 'pairings.approve', requestId: String(requestToApprove) }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.withdraw (the other institution’s request)',
    fields: ({ requestToWithdraw }) => ({ _: 'pairings.withdraw', requestId: String(requestToWithdraw) }),
    // The other coordinator withdraws its own request; the administrator then finds it decided (409).
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 409, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'pairings.addProject (own village pairing)',
    fields: ({ pairing }) => ({ _: 'pairings.addProject', pairingId: String(pairing), name: '村卫生室改造', committed: '50000', committedOn: '2026-03-01' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'stock.receive (own item)',
    fields: ({ item }) => ({ _: 'stock.receive', itemId: String(item), amount: '1', source: 'bought' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'staff.add (own institution)',
    fields: ({ own }) => ({ _: 'staff.add', institutionId: String(own), name: '王建国', profession: 'doctor', phone: '13904310001' }),
    // The administrators come after the coordinator and find the same person already listed (409).
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 409, provinceAdmin: 409, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'donations.record (own institution)',
    fields: ({ own, village }) => ({ _: 'donations.record', institutionId: String(own), kind: 'in_kind', date: '2026-10-17', amount: '4000', description: '课桌椅', recipientKind: 'village', villageId: String(village) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'purchases.update (own, not yet paid)',
    fields: ({ own, village, purchase }) => ({ _: 'purchases.update', purchaseId: String(purchase), institutionId: String(own), villageId: String(village), sellerKind: 'village_collective', sellerName: '刘家屯村集体', product: '土豆', unit: 'jin', quantityOrdered: '1200', unitPrice: '0.8', deliveryDate: '2026-10-12' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'vehicles.update (own)',
    fields: ({ own, vehicle }) => ({ _: 'vehicles.update', vehicleId: String(vehicle), institutionId: String(own), plate: '吉A54321', kind: 'ambulance', seats: '6' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'stock.updateItem (own)',
    fields: ({ own, item }) => ({ _: 'stock.updateItem', itemId: String(item), institutionId: String(own), name: '棉衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '160' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'campaigns.update (the commission’s)',
    fields: ({ campaign, campaignOrganiser }) => ({ _: 'campaigns.update', campaignId: String(campaign), organiserId: String(campaignOrganiser), name: '2019年全国扶贫日健康扶贫活动', startDate: '2019-10-10', endDate: '2019-10-20' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'purchases.record (own institution)',
    fields: ({ own, village }) => ({ _: 'purchases.record', institutionId: String(own), villageId: String(village), sellerKind: 'village_collective', sellerName: '刘家屯村集体', product: '土豆', unit: 'jin', quantityOrdered: '1000', unitPrice: '0.8', deliveryDate: '2026-10-12' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'vehicles.add (own institution)',
    fields: ({ own }) => ({ _: 'vehicles.add', institutionId: String(own), plate: '吉A12345', kind: 'ambulance' }),
    // The administrators come after the coordinator and find the plate taken (409): registered once, by the coordinator.
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 409, provinceAdmin: 409, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'handouts.record (own event)',
    fields: ({ event, item }) => ({ _: 'handouts.record', eventId: String(event), [`quantities.${item}`]: '1', recipient: '孙广森' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'signups.message (own event)',
    fields: ({ event }) => ({ _: 'signups.message', eventId: String(event), audience: 'placed', subject: '集合时间', text: '早上8点' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'campaigns.respond (own institution)',
    fields: ({ campaign, own }) => ({ _: 'campaigns.respond', campaignId: String(campaign), institutionId: String(own), answer: 'accept' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'campaigns.invite (the bureau’s campaign)',
    fields: ({ campaign, other }) => ({ _: 'campaigns.invite', campaignId: String(campaign), institutionIds: String(other) }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 400, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'visits.record (a household paired through the village)',
    fields: ({ household, own, visitor }) => ({ _: 'visits.record', householdId: String(household), institutionId: String(own), submissionKey: randomUUID(), visitedOn: '2026-10-17', visitedTime: '10:00', purpose: 'care', visitors: String(visitor) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'visits.saveDraft',
    fields: ({ household }) => ({ _: 'visits.saveDraft', householdId: String(household), difficulties: '取暖用煤不足' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'visits.completeFollowUp (own institution)',
    fields: ({ followUp }) => ({ _: 'visits.completeFollowUp', followUpId: String(followUp), note: '已办好' }),
    // The administrator comes last and finds it already done (409).
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 409, provinceAdmin: 409, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.update (own event)',
    fields: ({ event, own }) => ({ _: 'events.update', eventId: String(event), organiserId: String(own), kind: 'free_clinic', title: '矩阵义诊', date: '2099-10-17', startTime: '09:00', endTime: '12:00', address: '卫生院', services: 'ecg' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    // Somebody is signed up: deleting is refused to its organiser too (409), and it is cancelled instead.
    name: 'events.delete (own event, signed up for)',
    fields: ({ event }) => ({ _: 'events.delete', eventId: String(event) }),
    expected: { anonymous: 401, member: 403, coordinator: 409, otherCoordinator: 403, publicity: 403, admin: 409, provinceAdmin: 409, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.deleteShift (own event, signed up for)',
    fields: ({ shift }) => ({ _: 'events.deleteShift', shiftId: String(shift) }),
    expected: { anonymous: 401, member: 403, coordinator: 409, otherCoordinator: 403, publicity: 403, admin: 409, provinceAdmin: 409, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.updateShift (own event)',
    fields: ({ shift }) => ({ _: 'events.updateShift', shiftId: String(shift), startTime: '09:00', endTime: '12:00', capacity: '5' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.updateRole (own event)',
    fields: ({ role }) => ({ _: 'events.updateRole', roleId: String(role), kind: 'nurse', requirement: 'none' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.addPart (own event)',
    fields: ({ event }) => ({ _: 'events.addPart', eventId: String(event), kind: 'talk', startTime: '10:00', endTime: '11:00', place: '村委会' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.updatePart (own event)',
    fields: ({ part }) => ({ _: 'events.updatePart', partId: String(part), kind: 'ceremony', startTime: '09:00', endTime: '09:30', place: '卫生院门前' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.deletePart (own event)',
    fields: ({ partsToDelete }, who) => ({ _: 'events.deletePart', partId: String(partsToDelete[who]) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'events.inviteCoorganisers (own event)',
    fields: ({ event, other }) => ({ _: 'events.inviteCoorganisers', eventId: String(event), institutionIds: String(other) }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 400, provinceAdmin: 400, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    // Only the invited institution answers (it declines, so the matrix's event stays the own institution's alone).
    name: 'events.respondCoorganising (the invited institution)',
    fields: ({ event, other }) => ({ _: 'events.respondCoorganising', eventId: String(event), institutionId: String(other), answer: 'decline' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 200, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'series.create (own institution)',
    fields: ({ own }) => ({ _: 'series.create', organiserId: String(own), kind: 'rounds', title: '矩阵巡诊', frequency: 'weekly', weekday: '4', startDate: '2099-01-01', endDate: '2099-01-31', startTime: '08:30', endTime: '12:00', address: '卫生院' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'households.update (a household paired through the village)',
    fields: ({ household, village }) => ({ _: 'households.update', householdId: String(household), villageId: String(village), headName: '孙广森', cause: 'illness', status: 'registered', villageDoctor: '王村医' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'places.updateVillage',
    fields: ({ village }) => ({ _: 'places.updateVillage', villageId: String(village), province: '吉林省', city: '长春市', county: '农安县', township: '高家店镇', name: '刘家屯村', status: 'poverty_village' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'visits.amend (the own institution’s visit)',
    fields: ({ visit, visitor }) => ({ _: 'visits.amend', visitId: String(visit), visitedOn: '2019-10-15', visitedTime: '10:00', purpose: 'care', visitors: String(visitor), reason: '补录走访人员' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 403, publicity: 403, admin: 200, provinceAdmin: 200, otherAdmin: 403, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'tallies.publish',
    fields: () => ({ _: 'tallies.publish', title: '新闻通稿' }),
    expected: { anonymous: 401, member: 403, coordinator: 200, otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 403, teamMember: 403, resident: 403, responsible: 403 },
  },
  {
    name: 'apiTokens.issue',
    fields: ({ own }) => ({ _: 'apiTokens.issue', institutionId: String(own), name: '大屏' }),
    expected: { anonymous: 401, member: 403, coordinator: 403, otherCoordinator: 403, publicity: 403, admin: 403, provinceAdmin: 403, otherAdmin: 403, operator: 200, teamMember: 403, resident: 403, responsible: 403 },
  },
];

/** A published event of the own institution, with one shift that the member has signed up for. */
function publishedEvent(db: Db): number {
  const coordinator = loadActor(db, db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
  const organiserId = institutionId(db, OWN_INSTITUTION);
  const event = createEvent(db, { actor: coordinator, input: eventSchema.parse({ organiserId: String(organiserId), kind: 'free_clinic', title: '矩阵义诊', date: '2099-10-17', startTime: '09:00', endTime: '12:00', address: '卫生院' }) });
  addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'nurse', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '5' }] }) });
  publishEvent(db, { actor: coordinator, eventId: event.id });
  const member = loadActor(db, db.select().from(users).where(eq(users.email, 'member@yizhen.demo')).get()!.id);
  signUpForShift(db, { actor: member, shiftId: getEvent(db, { actor: coordinator, eventId: event.id }).roles[0].shifts[0].id });
  return event.id;
}

/** The first part of the programme of the own institution's 2019 visit to 刘家屯村 (db/seed/outreach.ts), and a health talk on it for each person to try to remove. */
function programmeOf(db: Db) {
  const part = db.select({ id: eventParts.id, eventId: eventParts.eventId }).from(eventParts).innerJoin(events, eq(events.id, eventParts.eventId)).where(eq(events.title, '刘家屯村入户走访慰问')).orderBy(eventParts.startTime).get()!;
  const talk = () => db.insert(eventParts).values({ eventId: part.eventId, kind: 'talk', startTime: '10:00', endTime: '11:00' }).returning().get().id;
  return { part: part.id, partsToDelete: Object.fromEntries(WHO.map((who) => [who, talk()])) as Record<Who, number> };
}

/** An item of the own institution, with stock. */
function ownItem(db: Db): number {
  const coordinator = loadActor(db, db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
  const item = createItem(db, { actor: coordinator, input: itemSchema.parse({ institutionId: String(institutionId(db, OWN_INSTITUTION)), name: '棉衣', kind: 'cotton_coat', unit: 'piece', unitPrice: '150' }) });
  receiveStock(db, { actor: coordinator, input: receiptSchema.parse({ itemId: String(item.id), amount: '7', source: 'donated_staff' }) }, '2026-01-01');
  return item.id;
}

/** An ambulance and a purchase not yet paid, of the own institution. */
function ownVehicleAndPurchase(db: Db) {
  const coordinator = loadActor(db, db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
  const own = String(institutionId(db, OWN_INSTITUTION));
  const village = String(db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id);
  return {
    vehicle: addVehicle(db, { actor: coordinator, input: vehicleSchema.parse({ institutionId: own, plate: '吉A54321', kind: 'ambulance', seats: '4' }) }).id,
    purchase: recordPurchase(db, { actor: coordinator, input: purchaseSchema.parse({ institutionId: own, villageId: village, sellerKind: 'village_collective', sellerName: '刘家屯村集体', product: '土豆', unit: 'jin', quantityOrdered: '1000', unitPrice: '0.8', deliveryDate: '2026-10-12' }) }).id,
  };
}

/**
 * Three requests of the other institution, for townships of its own county (which its county's bureau decides):
 * one to approve, one to refuse, one to withdraw.
 */
function pairingRequestsOfTheOther(db: Db) {
  const qinyuan = loadActor(db, db.select().from(users).where(eq(users.email, 'qinyuan@yizhen.demo')).get()!.id);
  const ask = (township: string) =>
    requestPairing(db, {
      actor: qinyuan,
      input: pairingRequestSchema.parse({ institutionId: String(institutionId(db, OTHER_INSTITUTION)), targetRef: `township:${ensureTownship(db, { province: '山西省', city: '长治市', county: '沁源县', township })}`, startDate: '2026-03-01', obligation: 'monthly' }),
    }).id;
  return { requestToApprove: ask('法中乡'), requestToRefuse: ask('王和镇'), requestToWithdraw: ask('郭道镇') };
}

/** The administrator of a provincial commission placed in 吉林省, above the Changchun commission: its session cookie. */
async function provinceAdminCookie(db: Db): Promise<string> {
  const province = db.select().from(areas).where(eq(areas.name, '吉林省')).get()!.id;
  const bureau = db.insert(institutions).values({ name: '吉林省卫生健康委员会', kind: 'bureau', areaId: province }).returning().get();
  const userId = randomUUID();
  db.insert(users).values({ id: userId, email: `${userId}@jilin.test`, name: '省卫健委管理员', passwordHash: 'x', emailVerifiedAt: 1 }).run();
  db.insert(memberships).values({ userId, institutionId: bureau.id, role: 'admin' }).run();
  const cookie = await startSession(db, userId);
  return `${cookie.name}=${cookie.value}`;
}

async function cookieOf(db: Db, userId: string): Promise<string> {
  const cookie = await startSession(db, userId);
  return `${cookie.name}=${cookie.value}`;
}

/** An account with no role, whose staff record of "own" is the responsible person of its 刘家屯村 pairing. */
async function responsibleCookie(db: Db): Promise<string> {
  const userId = randomUUID();
  db.insert(users).values({ id: userId, email: `${userId}@test.example`, name: '包保责任人', passwordHash: 'x', emailVerifiedAt: 1 }).run();
  const own = institutionId(db, OWN_INSTITUTION);
  const person = db.insert(staff).values({ institutionId: own, name: '包保责任人', profession: 'doctor', userId, createdAt: 1 }).returning().get().id;
  const village = db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id;
  db.update(pairings).set({ responsibleStaffId: person, responsibleName: '包保责任人' }).where(and(eq(pairings.institutionId, own), eq(pairings.villageId, village))).run();
  return cookieOf(db, userId);
}

/** The demo data's first visit to 孙广森, one of its visitors and its follow-up. */
function demoVisit(db: Db) {
  const visit = db.select().from(visits).orderBy(visits.id).get()!;
  return {
    visit: visit.id,
    visitor: db.select().from(staff).where(eq(staff.name, '周丽华')).get()!.id,
    followUp: db.select().from(followUps).where(eq(followUps.visitId, visit.id)).get()!.id,
  };
}

describe('access matrix', () => {
  let site: Site;
  let ids: Ids;
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    site = await startSite();
    ids = {
      own: institutionId(site.db, OWN_INSTITUTION),
      other: institutionId(site.db, OTHER_INSTITUTION),
      household: site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id,
      village: site.db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id,
      event: publishedEvent(site.db),
      role: 0,
      shift: 0,
      ...programmeOf(site.db),
      pairing: site.db.select().from(pairings).where(eq(pairings.institutionId, institutionId(site.db, OWN_INSTITUTION))).get()!.id,
      campaign: site.db.select().from(campaigns).get()!.id,
      campaignOrganiser: site.db.select().from(campaigns).get()!.organiserId,
      item: ownItem(site.db),
      ...ownVehicleAndPurchase(site.db),
      ...pairingRequestsOfTheOther(site.db),
      city: site.db.select().from(areas).where(eq(areas.name, '长春市')).get()!.id,
      otherCounty: site.db.select().from(areas).where(eq(areas.name, '沁源县')).get()!.id,
      areaVillage: site.db.select().from(villages).where(eq(villages.name, '东道村')).get()!.id,
      otherBureau: institutionId(site.db, '沁源县卫生健康局'),
      contracted: site.db.select().from(households).where(eq(households.headName, '王文中')).get()!.id,
      residentHousehold: site.db.select().from(households).where(eq(households.headName, '刘德全')).get()!.id,
      ...demoVisit(site.db),
    };
    const coordinator = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const [role] = getEvent(site.db, { actor: coordinator, eventId: ids.event }).roles;
    ids.role = role.id;
    ids.shift = role.shifts[0].id;
    cookies.set('anonymous', '');
    for (const who of DEMO_ROLES) cookies.set(who, await sessionCookieFor(site.db, who));
    cookies.set('provinceAdmin', await provinceAdminCookie(site.db));
    cookies.set('teamMember', await cookieOf(site.db, site.db.select().from(users).where(eq(users.email, VILLAGE_DOCTOR_EMAIL)).get()!.id));
    cookies.set('resident', await cookieOf(site.db, site.db.select().from(users).where(eq(users.email, RESIDENT_CADRE_EMAIL)).get()!.id));
    cookies.set('responsible', await responsibleCookie(site.db));
  });
  afterAll(() => site?.stop());

  const visitorFor = (who: Who) => {
    const visitor = new Visitor(site);
    visitor.cookie = cookies.get(who)!;
    return visitor;
  };

  for (const page of PAGES) {
    for (const who of WHO) {
      it(`${who} GET ${pathPattern(page.path)} → ${page.expected[who]}`, async () => {
        for (const prefix of page.path(ids).startsWith('/api/') ? [''] : ['', '/en']) {
          const response = await visitorFor(who).get(prefix + page.path(ids));
          expect(response.status, `${prefix || 'zh'} ${page.path(ids)}`).toBe(page.expected[who]);
          if (response.status === 302) expect(response.headers.get('location')).toMatch(new RegExp(`^${prefix}/login\\?next=`));
          const html = await response.text();
          if (response.status === 403 && !page.path(ids).startsWith('/api/')) expect(html).toContain(prefix ? 'Access denied' : '无权访问');
          if (response.status !== 200) {
            // Nothing of the protected page leaks into a refusal.
            expect(html).not.toContain('@yizhen.demo');
            expect(html).not.toContain('孙广森');
            // The member signed up for the event; nobody else may see that on a refused page.
            if (who !== 'member') expect(html).not.toContain('胡少红');
          }
        }
      });
    }
  }

  it('lists for each role exactly the institutions it may see', async () => {
    const names = async (who: Who) => {
      const html = await (await visitorFor(who).get('/institutions')).text();
      return [...html.matchAll(/<td[^>]*><a href="\/institutions\/\d+">([^<]+)</g)].map((m) => m[1]).sort();
    };
    const all = site.db.select({ name: institutions.name }).from(institutions).all().map((r) => r.name).sort();
    expect(await names('member')).toEqual([OWN_INSTITUTION]);
    expect(await names('coordinator')).toEqual([OWN_INSTITUTION]);
    expect(await names('otherCoordinator')).toEqual([OTHER_INSTITUTION]);
    const inQinyuan = (name: string) => DEMO_INSTITUTIONS.some((i) => i.name === name && i.area.includes('沁源县'));
    const changchun = all.filter((name) => DEMO_INSTITUTIONS.some((i) => i.name === name && i.area.includes('长春市')));
    expect(await names('publicity')).toEqual(changchun);
    expect(await names('admin')).toEqual(changchun);
    expect(await names('provinceAdmin')).toEqual([...changchun, '吉林省卫生健康委员会'].sort());
    expect(await names('otherAdmin')).toEqual(all.filter(inQinyuan));
    expect(await names('operator')).toEqual([]);
    expect(await names('teamMember')).toEqual([]);
    expect(await names('resident')).toEqual(['自贡市贡井区卫生健康局']);
    expect(await names('responsible')).toEqual([]);
  });

  it('offers adding a household on the households list exactly to those the form admits', async () => {
    for (const who of WHO) {
      const list = await visitorFor(who).get('/households');
      if (list.status !== 200) continue;
      const offered = (await list.text()).includes('href="/households/new"');
      const admitted = (await visitorFor(who).get('/households/new')).status === 200;
      expect(offered, who).toBe(admitted);
    }
  });

  it('puts households in the map feed only for those who may see them', async () => {
    site.db.update(households).set({ lat: 44.52, lng: 124.97 }).where(eq(households.id, ids.household)).run();
    // The map shows the households the viewer may open from its own institutions or at the door (the responsible
    // person's village holds 孙广森): an administrator at the bureau sees villages only.
    const expected: Record<Who, number | 'household'> = { anonymous: 401, member: 200, coordinator: 'household', otherCoordinator: 200, publicity: 200, admin: 200, provinceAdmin: 200, otherAdmin: 200, operator: 200, teamMember: 200, resident: 200, responsible: 'household' };
    for (const who of WHO) {
      const response = await visitorFor(who).get('/api/map.geojson');
      const wanted = expected[who];
      expect(response.status, who).toBe(wanted === 401 ? 401 : 200);
      if (response.status !== 200) continue;
      const { features } = (await response.json()) as { features: { properties: { kind: string; name: string } }[] };
      expect(features.some((f) => f.properties.name === '刘家屯村'), who).toBe(true);
      expect(features.some((f) => f.properties.kind === 'household' && f.properties.name === '孙广森'), who).toBe(wanted === 'household');
    }
  });

  // Actions run in order; each role's attempt is judged by the answer and, for refusals, by an unchanged database.
  for (const action of ACTIONS) {
    for (const who of WHO) {
      it(`${who} POST ${action.name} → ${action.expected[who]}`, async () => {
        const { _: name, ...fields } = action.fields(ids, who);
        const before = {
          institutions: JSON.stringify(site.db.select().from(institutions).all()),
          memberships: site.db.select({ n: count() }).from(memberships).get()!.n,
          pairings: site.db.select({ n: count() }).from(pairings).get()!.n,
        };
        const response = await visitorFor(who).post(`/_actions/${name}`, fields);
        expect(response.status).toBe(action.expected[who]);
        if (response.status >= 400) {
          expect(JSON.stringify(site.db.select().from(institutions).all())).toBe(before.institutions);
          expect(site.db.select({ n: count() }).from(memberships).get()!.n).toBe(before.memberships);
          expect(site.db.select({ n: count() }).from(pairings).get()!.n).toBe(before.pairings);
          expect(await response.text()).not.toMatch(/\d{17}[\dX]/);
        } else {
          // Undo, so that the next role meets the same starting point.
          if (name === 'memberships.add') site.db.delete(memberships).where(eq(memberships.id, site.db.select({ id: memberships.id }).from(memberships).orderBy(memberships.id).all().at(-1)!.id)).run();
          if (name === 'institutions.create') site.db.delete(institutions).where(eq(institutions.name, '新机构')).run();
          if (name === 'pairings.create') site.db.delete(pairings).where(eq(pairings.startDate, '2026-01-01')).run();
          if (name === 'pairings.request') site.db.delete(pairingRequests).where(eq(pairingRequests.startDate, '2026-01-01')).run();
          if (name === 'places.createVillage') site.db.delete(villages).where(eq(villages.name, '矩阵村')).run();
        }
      });
    }
  }
});
