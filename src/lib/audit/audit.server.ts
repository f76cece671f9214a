// The audit log: who changed what, when, with the record before and after. Domain functions write it
// inside the same transaction as the change, so a change and its log entry stand or fall together.
import { desc, eq, sql } from 'drizzle-orm';
import { auditLog, users } from '../../../db/schema.ts';
import { type Actor, assertAdmin } from '../server/auth/scope.ts';
import { preparedQuery, type Tx } from '../server/db.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  institutionId?: number | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the log, whatever record is passed in.
const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? '[redacted]' : v));
}

export function recordAudit(tx: Tx, entry: AuditEntry, now = Date.now()): void {
  // Every change runs this, so the statement is built once (see preparedQuery).
  preparedQuery(tx, 'recordAudit', (handle) =>
    handle
      .insert(auditLog)
      .values({
        createdAt: sql.placeholder('createdAt'),
        actorId: sql.placeholder('actorId'),
        action: sql.placeholder('action'),
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        institutionId: sql.placeholder('institutionId'),
        before: sql.placeholder('before'),
        after: sql.placeholder('after'),
      })
      .prepare(),
  ).run({
    createdAt: now,
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    institutionId: entry.institutionId ?? null,
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  });
}

/** The latest audit entries with the actor's name, for an administrator. */
export function listAuditEntries(tx: Tx, { actor, limit = 200 }: { actor: Actor; limit?: number }) {
  assertAdmin(actor);
  return tx
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
