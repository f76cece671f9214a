import { describe, expect, it } from 'vitest';
import { ANY_VIEW, canAccess, institutionIdsFor, isAdmin, type Actor } from './scope.ts';

const actor = (memberships: Actor['memberships'], aggregateInstitutionIds: number[] = []): Actor => ({
  userId: 'u',
  memberships,
  aggregateInstitutionIds,
});
const OWN = 1;
const OTHER = 2;

describe('scoping rules', () => {
  const admin = actor([{ institutionId: 9, institutionName: 'bureau', role: 'admin' }]);
  const coordinator = actor([{ institutionId: OWN, institutionName: 'own', role: 'coordinator' }]);
  const member = actor([{ institutionId: OWN, institutionName: 'own', role: 'member' }]);
  const publicity = actor([{ institutionId: 9, institutionName: 'bureau', role: 'publicity' }], [9, OWN, OTHER]);

  it('gives an administrator every institution in every way', () => {
    expect(isAdmin(admin)).toBe(true);
    for (const access of ['aggregate', 'read', 'personal', 'manage'] as const) {
      expect(institutionIdsFor(admin, access)).toBe('all');
      expect(canAccess(admin, OTHER, access)).toBe(true);
    }
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
