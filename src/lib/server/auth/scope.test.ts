import { describe, expect, it } from 'vitest';
import { administersArea, administersInstitution, ANY_VIEW, canAccess, grantableRoles, institutionIdsFor, isAdmin, ownPersonalInstitutionIds, runsSite, type Actor } from './scope.ts';

const actor = (memberships: Actor['memberships'], aggregateInstitutionIds: number[] = [], administered: Actor['administered'] = { areaIds: [], institutionIds: [] }): Actor => ({
  userId: 'u',
  memberships,
  aggregateInstitutionIds,
  administered,
});
const OWN = 1;
const OTHER = 2;
const COUNTY = 50;
const TOWNSHIP = 51;
const ELSEWHERE = 60;

describe('scoping rules', () => {
  // The administrator of bureau 9, placed in a county in which institution OWN sits and OTHER does not.
  const admin = actor([{ institutionId: 9, institutionName: 'bureau', role: 'admin' }], [], { areaIds: [COUNTY, TOWNSHIP], institutionIds: [OWN, 9] });
  const operator = actor([{ institutionId: 9, institutionName: 'bureau', role: 'operator' }]);
  const coordinator = actor([{ institutionId: OWN, institutionName: 'own', role: 'coordinator' }]);
  const member = actor([{ institutionId: OWN, institutionName: 'own', role: 'member' }]);
  const publicity = actor([{ institutionId: 9, institutionName: 'bureau', role: 'publicity' }], [9, OWN, OTHER]);

  it('gives a bureau\'s administrator the institutions of its area in every way, and nothing outside it', () => {
    expect(isAdmin(admin)).toBe(true);
    for (const access of ['aggregate', 'read', 'personal', 'manage'] as const) {
      expect(institutionIdsFor(admin, access)).toEqual([OWN, 9]);
      expect(canAccess(admin, OTHER, access)).toBe(false);
    }
    expect(administersArea(admin, TOWNSHIP)).toBe(true);
    expect(administersArea(admin, ELSEWHERE)).toBe(false);
    expect(administersArea(admin, null)).toBe(false);
    // Its own bureau's households only through its own role; the area's through their institutions.
    expect(ownPersonalInstitutionIds(admin)).toEqual([9]);
  });

  it('lets the system operator shape every area and institution but read no institution\'s data', () => {
    expect(runsSite(operator)).toBe(true);
    expect(runsSite(admin)).toBe(false);
    expect(administersArea(operator, ELSEWHERE)).toBe(true);
    expect(administersInstitution(operator, OTHER)).toBe(true);
    for (const access of ['aggregate', 'read', 'personal', 'manage'] as const) expect(institutionIdsFor(operator, access)).toEqual([]);
  });

  it('gives each role only the roles it may hand out, and administrators only in bureaus', () => {
    const bureau = { id: 9, kind: 'bureau' };
    const hospital = { id: OWN, kind: 'hospital' };
    const elsewhere = { id: OTHER, kind: 'bureau' };
    expect(grantableRoles(operator, elsewhere)).toEqual(['admin', 'operator']);
    expect(grantableRoles(operator, hospital)).toEqual(['operator']);
    expect(grantableRoles(admin, bureau)).toEqual(['admin', 'coordinator', 'member', 'publicity']);
    expect(grantableRoles(admin, hospital)).toEqual(['coordinator', 'member', 'publicity']);
    expect(grantableRoles(admin, elsewhere)).toEqual([]);
    expect(grantableRoles(coordinator, hospital)).toEqual(['coordinator', 'member']);
    expect(grantableRoles(coordinator, elsewhere)).toEqual([]);
    expect(grantableRoles(member, hospital)).toEqual([]);
  });

  it('gives a coordinator their own institution only', () => {
    expect(canAccess(coordinator, OWN, 'personal')).toBe(true);
    expect(canAccess(coordinator, OWN, 'manage')).toBe(true);
    for (const access of ['aggregate', 'read', 'personal', 'manage'] as const) expect(canAccess(coordinator, OTHER, access)).toBe(false);
  });

  it('lets a member read their institution but not its personal data', () => {
    expect(canAccess(member, OWN, 'read')).toBe(true);
    expect(canAccess(member, OWN, 'personal')).toBe(false);
    expect(canAccess(member, OWN, 'manage')).toBe(false);
    expect(canAccess(member, OTHER, 'read')).toBe(false);
  });

  it('gives publicity aggregates of the institutions under its bureau, and never personal data', () => {
    expect(institutionIdsFor(publicity, 'aggregate')).toEqual([OWN, OTHER, 9]);
    expect(canAccess(publicity, OWN, 'personal')).toBe(false);
    expect(canAccess(publicity, OWN, 'read')).toBe(false);
    expect(canAccess(publicity, 3, 'aggregate')).toBe(false);
  });

  it('lets each role see the institutions whose records or tallies it may read', () => {
    expect(institutionIdsFor(member, ANY_VIEW)).toEqual([OWN]);
    expect(institutionIdsFor(publicity, ANY_VIEW)).toEqual([OWN, OTHER, 9]);
    expect(institutionIdsFor(coordinator, ANY_VIEW)).toEqual([OWN]);
  });

  it('gives nobody anything without a session', () => {
    expect(canAccess(null, OWN, 'aggregate')).toBe(false);
  });

  it('combines roles held in several institutions', () => {
    const both = actor([
      { institutionId: OWN, institutionName: 'own', role: 'coordinator' },
      { institutionId: OTHER, institutionName: 'other', role: 'member' },
    ]);
    expect(institutionIdsFor(both, 'personal')).toEqual([OWN]);
    expect(institutionIdsFor(both, 'read')).toEqual([OWN, OTHER]);
  });
});
