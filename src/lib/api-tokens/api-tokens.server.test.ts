// API tokens against a real database: only administrators issue, list and revoke them; only a hash is kept;
// a token acts as its institution's publicity office (counts, nothing personal); a revoked one is refused.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiTokens, institutions } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { type Actor, canAccess, institutionIdsFor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { bearerToken, issueApiTokenSchema } from './api-tokens.ts';
import { actorForApiToken, issueApiToken, listApiTokens, revokeApiToken } from './api-tokens.server.ts';

const NOW = Date.parse('2019-10-20T10:00:00+08:00');
let db: Db;
let operator: Actor;
let commission: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  operator = actorWithRole(db, 'operator', '长春市卫生健康委员会');
  commission = db.select().from(institutions).where(eq(institutions.name, '长春市卫生健康委员会')).get()!.id;
});

const issue = (actor = operator) => issueApiToken(db, { actor, input: issueApiTokenSchema.parse({ institutionId: String(commission), name: '市融媒体中心大屏' }) }, NOW);

describe('API tokens', () => {
  it('are issued by the system operator, kept as a hash, and act as the institution\'s publicity office', () => {
    const { token } = issue();
    expect(token).toMatch(/^yz_[A-Za-z0-9_-]{43}$/);
    const row = db.select().from(apiTokens).get()!;
    expect(row.tokenHash).not.toContain(token.slice(3));
    expect(row.prefix).toBe(token.slice(0, 9));
    const holder = actorForApiToken(db, token, NOW)!;
    // Counts for the commission and every institution in its city (its ten, and 宽城区's four bodies); nothing
    // to read, nothing personal.
    const counted = institutionIdsFor(holder.actor, 'aggregate');
    expect(counted).toContain(commission);
    expect(counted.length).toBe(15);
    expect(canAccess(holder.actor, commission, 'read')).toBe(false);
    expect(canAccess(holder.actor, commission, 'personal')).toBe(false);
    expect(listApiTokens(db, { actor: operator }).map((t) => [t.name, t.lastUsedAt])).toEqual([['市融媒体中心大屏', NOW]]);
  });

  it('are refused when unknown or revoked, and only the system operator issues or revokes', () => {
    const { id, token } = issue();
    expect(actorForApiToken(db, `${token}x`, NOW)).toBeNull();
    for (const role of ['admin', 'publicity', 'coordinator'] as const) {
      const other = actorWithRole(db, role, '长春市卫生健康委员会');
      expect(() => issue(other)).toThrow(ForbiddenError);
      expect(() => revokeApiToken(db, { actor: other, tokenId: id }, NOW)).toThrow(ForbiddenError);
      expect(() => listApiTokens(db, { actor: other })).toThrow(ForbiddenError);
    }
    revokeApiToken(db, { actor: operator, tokenId: id }, NOW);
    expect(actorForApiToken(db, token, NOW)).toBeNull();
    expect(() => revokeApiToken(db, { actor: operator, tokenId: id }, NOW)).toThrow('apiToken.alreadyRevoked');
  });

  it('are read from a bearer header only when well formed', () => {
    expect(bearerToken('Bearer yz_abcdefghijklmnopqrstuvwxyz')).toBe('yz_abcdefghijklmnopqrstuvwxyz');
    expect(bearerToken('bearer yz_abcdefghijklmnopqrstuvwxyz')).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
