// Issuing, listing and revoking API tokens (those who run the site: administrators and system operators), and turning a presented token into the actor
// it acts as. Only a hash of each token is stored; the token itself is shown once, when issued.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens, institutions } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertRunsSite, tokenActor } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { hashToken, newToken } from '../server/tokens.ts';
import type { IssueApiTokenInput } from './api-tokens.ts';

// "Last used" is written at most once a minute, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export function issueApiToken(db: Db, { actor, input }: { actor: Actor; input: IssueApiTokenInput }, now = Date.now()): { id: number; token: string } {
  assertRunsSite(actor);
  return db.transaction((tx) => {
    if (!tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.institutionId)).get()) throw new DomainError('validation.choice', 'institutionId');
    const token = `yz_${newToken()}`;
    const row = tx
      .insert(apiTokens)
      .values({ institutionId: input.institutionId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 9), createdBy: actor.userId, createdAt: now })
      .returning({ id: apiTokens.id })
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'issue', entity: 'api_token', entityId: row.id, institutionId: input.institutionId, after: { name: input.name } }, now);
    return { id: row.id, token };
  });
}

/** The institutions a token may be issued to: every one, by name (nothing personal). */
export function tokenInstitutions(tx: Tx, { actor }: { actor: Actor }) {
  assertRunsSite(actor);
  return tx.select({ id: institutions.id, name: institutions.name }).from(institutions).orderBy(asc(institutions.name)).all();
}

export function listApiTokens(tx: Tx, { actor }: { actor: Actor }) {
  assertRunsSite(actor);
  return tx
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, institution: institutions.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(institutions, eq(institutions.id, apiTokens.institutionId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all();
}

export function revokeApiToken(db: Db, { actor, tokenId }: { actor: Actor; tokenId: number }, now = Date.now()) {
  assertRunsSite(actor);
  db.transaction((tx) => {
    const row = tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).get();
    if (!row) throw new NotFoundError();
    if (row.revokedAt !== null) throw new DomainError('apiToken.alreadyRevoked', null, 409);
    tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, tokenId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'revoke', entity: 'api_token', entityId: tokenId, institutionId: row.institutionId }, now);
  });
}

/** The actor a presented token acts as, with the token's id (for its rate limit); null for an unknown or revoked token. */
export function actorForApiToken(db: Db, token: string, now = Date.now()): { tokenId: number; actor: Actor } | null {
  const row = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt))).get();
  if (!row) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS) db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return { tokenId: row.id, actor: tokenActor(db, row.id, row.institutionId) };
}
