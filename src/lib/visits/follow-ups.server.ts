// Follow-ups promised at visits (帮扶措施): an institution's list, overdue first, and marking one done.
import { and, asc, count, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { followUps, households, villages } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';

export const FOLLOW_UP_PAGE = 100;

/**
 * An institution's follow-ups: the open ones by due date (so the overdue ones, due earliest, come first) or
 * the done ones, newest first; a page at a time, with the counts the list's heading shows.
 */
export function listFollowUps(
  tx: Tx,
  { actor, institutionId, state = 'open', page = 1 }: { actor: Actor; institutionId: number; state?: 'open' | 'done'; page?: number },
  today: string,
) {
  assertAccess(actor, institutionId, 'personal');
  const open = state === 'open';
  const rows = tx
    .select({
      id: followUps.id,
      visitId: followUps.visitId,
      householdId: followUps.householdId,
      action: followUps.action,
      owner: followUps.owner,
      dueDate: followUps.dueDate,
      doneAt: followUps.doneAt,
      doneNote: followUps.doneNote,
      headName: households.headName,
      village: villages.name,
    })
    .from(followUps)
    .innerJoin(households, eq(households.id, followUps.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(eq(followUps.institutionId, institutionId), open ? isNull(followUps.doneAt) : isNotNull(followUps.doneAt)))
    .orderBy(open ? asc(followUps.dueDate) : sql`${followUps.doneAt} DESC`, asc(followUps.id))
    .limit(FOLLOW_UP_PAGE)
    .offset((page - 1) * FOLLOW_UP_PAGE)
    .all()
    .map((row) => ({ ...row, overdue: row.doneAt === null && row.dueDate < today }));
  return { rows, ...followUpCounts(tx, institutionId, today) };
}

/** How many of an institution's follow-ups are still open, and how many of those are past their day. */
export function followUpCounts(tx: Tx, institutionId: number, today: string) {
  const openOnly = and(eq(followUps.institutionId, institutionId), isNull(followUps.doneAt));
  const [{ openCount }] = tx.select({ openCount: count() }).from(followUps).where(openOnly).all();
  const [{ overdueCount }] = tx.select({ overdueCount: count() }).from(followUps).where(and(openOnly, lt(followUps.dueDate, today))).all();
  return { openCount, overdueCount };
}

/** Marks a follow-up done, with an optional note; done once. */
export function completeFollowUp(db: Db, { actor, followUpId, note }: { actor: Actor; followUpId: number; note: string | null }, now = Date.now()) {
  db.transaction((tx) => {
    const before = tx.select().from(followUps).where(eq(followUps.id, followUpId)).get();
    if (!before) throw new NotFoundError();
    assertAccess(actor, before.institutionId, 'personal');
    if (before.doneAt !== null) throw new DomainError('followUp.alreadyDone', null, 409);
    const after = tx.update(followUps).set({ doneAt: now, doneNote: note, doneBy: actor.userId }).where(eq(followUps.id, followUpId)).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'complete', entity: 'follow_up', entityId: followUpId, institutionId: before.institutionId, before, after }, now);
  });
}
