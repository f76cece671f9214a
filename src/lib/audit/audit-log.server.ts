// Reading the audit log: filtered, a page at a time, each entry with the person's name and the record's name.
// A bureau's administrators only, and only their area's entries: those about its institutions' records, and
// those made by people holding a role there (a look at a household's file names no institution). The log names
// every household and person that was looked at or changed.
import { and, count, desc, eq, gte, inArray, like, lte, or, type SQL } from 'drizzle-orm';
import { auditLog, events, households, institutions, memberships, staff, users, villages } from '#db/schema.ts';
import { beijingInstant } from '../time/beijing.ts';
import { type Actor, assertAdmin, institutionIdsFor } from '../server/auth/scope.ts';
import { inIds, type Tx } from '../server/db.ts';
import { AUDIT_PAGE_SIZE, type AuditFilters } from './audit-log.ts';

function conditions(tx: Tx, actor: Actor, filters: AuditFilters): SQL | undefined {
  const contains = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const readable = institutionIdsFor(actor, 'manage');
  const areaPeople = tx.select({ userId: memberships.userId }).from(memberships).where(inIds(memberships.institutionId, readable));
  return and(
    or(inIds(auditLog.institutionId, readable), inArray(auditLog.actorId, areaPeople)),
    filters.who ? or(like(users.name, contains(filters.who)), like(users.email, contains(filters.who))) : undefined,
    filters.institution ? eq(auditLog.institutionId, filters.institution) : undefined,
    filters.kind ? eq(auditLog.entity, filters.kind) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.from ? gte(auditLog.createdAt, beijingInstant(filters.from, '00:00')) : undefined,
    filters.to ? lte(auditLog.createdAt, beijingInstant(filters.to, '23:59') + 59_999) : undefined,
    filters.q ? or(like(auditLog.before, contains(filters.q)), like(auditLog.after, contains(filters.q)), eq(auditLog.entityId, filters.q)) : undefined,
  );
}

/** One page of the log, newest first, and how many entries the filters match; `all` gives every one (the download). */
export function searchAuditLog(tx: Tx, { actor, filters, all = false }: { actor: Actor; filters: AuditFilters; all?: boolean }) {
  assertAdmin(actor);
  const where = conditions(tx, actor, filters);
  const total = tx.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where).get()!.n;
  const query = tx
    .select({ entry: auditLog, who: users.name, institution: institutions.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(institutions, eq(institutions.id, auditLog.institutionId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .$dynamic();
  const rows = all ? query.all() : query.limit(AUDIT_PAGE_SIZE).offset((filters.page - 1) * AUDIT_PAGE_SIZE).all();
  const names = recordNames(tx, rows.map((r) => r.entry));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    rows: rows.map((r) => ({ ...r.entry, who: r.who, institution: r.institution, record: names.get(`${r.entry.entity}:${r.entry.entityId}`) ?? null })),
  };
}

/** The names of the records some entries are about (an event's title, a household's head…), read once per kind. */
function recordNames(tx: Tx, entries: { entity: string; entityId: string | null }[]): Map<string, string> {
  const idsOf = (kind: string) => [...new Set(entries.filter((e) => e.entity === kind && e.entityId !== null && /^\d+$/.test(e.entityId)).map((e) => Number(e.entityId)))];
  const named = new Map<string, string>();
  const put = (kind: string, rows: { id: number | string; name: string }[]) => rows.forEach((row) => named.set(`${kind}:${row.id}`, row.name));
  const lookups: [string, () => { id: number | string; name: string }[]][] = [
    ['event', () => tx.select({ id: events.id, name: events.title }).from(events).where(inArray(events.id, idsOf('event'))).all()],
    ['household', () => tx.select({ id: households.id, name: households.headName }).from(households).where(inArray(households.id, idsOf('household'))).all()],
    ['village', () => tx.select({ id: villages.id, name: villages.name }).from(villages).where(inArray(villages.id, idsOf('village'))).all()],
    ['staff', () => tx.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, idsOf('staff'))).all()],
    ['institution', () => tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, idsOf('institution'))).all()],
  ];
  for (const [kind, read] of lookups) if (idsOf(kind).length) put(kind, read());
  const userIds = [...new Set(entries.filter((e) => e.entity === 'user' && e.entityId).map((e) => e.entityId!))];
  if (userIds.length) put('user', tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)).all());
  return named;
}
