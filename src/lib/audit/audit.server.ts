// The audit log: who changed what, when, with the record before and after. Domain functions write it
// inside the same transaction as the change, so a change and its log entry stand or fall together.
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { auditLog, users } from '#db/schema.ts';
import { type Actor, institutionIdsFor } from '../server/auth/scope.ts';
import { inIds, perDatabase, type Tx } from '../server/db.ts';

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

/** Looks at the same record by the same person within this long are one entry. */
const LOOK_KEPT_AS_ONE_MS = 60_000;

export function recordAudit(tx: Tx, entry: AuditEntry, now = Date.now()): void {
  if (entry.action === 'view' && entry.actorId !== null && lookedAtJustNow(tx, entry, now)) return;
  // Every change runs this, so the statement is built once (see perDatabase).
  perDatabase(tx, 'recordAudit', (handle) =>
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

/** The fields whose values differ between a record before and after a change, each side with only those fields. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((key) => key in before && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { keys, before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/**
 * Logs a change to a record with the fields that changed, before and after, and returns their names; nothing
 * is logged when nothing changed.
 */
export function recordChange(
  tx: Tx,
  entry: { actorId: string | null; entity: string; entityId: string | number; institutionId?: number | null; before: Record<string, unknown>; after: Record<string, unknown>; reason?: string | null },
  now = Date.now(),
): string[] {
  const changed = changedFields(entry.before, entry.after);
  if (changed.keys.length === 0) return [];
  recordAudit(
    tx,
    { actorId: entry.actorId, action: 'update', entity: entry.entity, entityId: entry.entityId, institutionId: entry.institutionId, before: changed.before, after: entry.reason ? { ...changed.after, reason: entry.reason } : changed.after },
    now,
  );
  return changed.keys;
}

/** Whether the same person looked at the same record a moment ago (a reload, a back and forth). */
function lookedAtJustNow(tx: Tx, entry: AuditEntry, now: number): boolean {
  return !!tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, entry.entity),
        eq(auditLog.entityId, String(entry.entityId)),
        eq(auditLog.action, 'view'),
        eq(auditLog.actorId, entry.actorId!),
        sql`${auditLog.createdAt} > ${now - LOOK_KEPT_AS_ONE_MS}`,
      ),
    )
    .limit(1)
    .get();
}

/** Records of one kind, by id: a record and the parts it is made of (an event, its roles and shifts). */
export interface HistoryRecords {
  entity: string;
  ids: (number | string)[];
}

/**
 * The history of a record (its 修改记录), newest first, with who did what and the fields before and after: the
 * entries of the institutions the actor may read. The page showing it has already loaded the record in scope.
 */
export function recordHistory(tx: Tx, { actor, records }: { actor: Actor; records: HistoryRecords[] }) {
  const readable = institutionIdsFor(actor, 'read');
  const wanted = records.filter((r) => r.ids.length > 0).map((r) => and(eq(auditLog.entity, r.entity), inArray(auditLog.entityId, r.ids.map(String))));
  if (wanted.length === 0) return [];
  return tx
    .select({ id: auditLog.id, at: auditLog.createdAt, action: auditLog.action, entity: auditLog.entity, before: auditLog.before, after: auditLog.after, who: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        or(...wanted),
        ne(auditLog.action, 'view'),
        or(isNull(auditLog.institutionId), inIds(auditLog.institutionId, readable)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(200)
    .all()
    .map((row) => ({ ...row, before: parseSnapshot(row.before), after: parseSnapshot(row.after) }));
}

/** A logged record (before or after) as fields; an entry that logged no object has none. */
export function parseSnapshot(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const value = JSON.parse(text) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
