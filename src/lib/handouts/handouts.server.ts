// Handouts at an event: drawn from the organiser's stock (first to expire, first out; never expired
// batches, never below zero), valued at today's price, corrected only by reversal.
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { events, households, institutions, type ItemKind, type ItemUnit, items, stockEntries } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { actingOrganisers, assertBringsTo } from '../events/joint.server.ts';
import { getHousehold } from '../households/households.server.ts';
import { type Actor, ANY_VIEW, canAccess, institutionFilter } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { batchesOf, writeEntry } from '../stock/stock.server.ts';
import { allocate } from '../stock/stock.ts';
import { fromBaseQuantity, storedAmount } from '../units/quantities.ts';
import { filledLines, type HandoutInput, handoutTotals } from './handouts.ts';
import { message } from '../validation/fields.ts';

/**
 * Records the bulk form of an event: every filled line, or none of them, handed out on the event's day (what
 * was usable then, whenever it is written down), from the stock of an institution running the event. Returns
 * how many ledger lines were written.
 */
export function recordHandouts(db: Db, { actor, input }: { actor: Actor; input: HandoutInput }, now = Date.now()): number {
  return db.transaction(
    (tx) => {
      const event = tx.select().from(events).where(eq(events.id, input.eventId)).get();
      if (!event) throw new NotFoundError();
      const institutionId = input.institutionId ?? event.organiserId;
      assertBringsTo(tx, actor, event, institutionId, 'institutionId');
      if (event.state === 'cancelled') throw new DomainError('event.closed', null, 409);
      if (input.householdId !== null) getHousehold(tx, { actor, householdId: input.householdId }, now);
      const lines = filledLines(input.quantities);
      if (lines.length === 0) throw new DomainError('handout.nothing', null);
      const written = handOut(tx, { actor, institutionId, eventId: event.id, visitId: null, householdId: input.householdId, recipient: input.recipient, lines }, event.date, now);
      recordAudit(tx, { actorId: actor.userId, action: 'hand_out', entity: 'event', entityId: event.id, institutionId, after: { lines, householdId: input.householdId, recipient: input.recipient } }, now);
      return written;
    },
    { behavior: 'immediate' },
  );
}

interface Handout {
  actor: Actor;
  institutionId: number;
  eventId: number | null;
  visitId: number | null;
  householdId: number | null;
  recipient: string | null;
  lines: { itemId: number; amount: number }[];
}

/**
 * Writes handout lines from an institution's stock inside an open IMMEDIATE transaction, first to expire
 * first; a shortfall is refused beside its line (`quantities.<itemId>`). Used by an event's bulk form and by
 * a visit record, so goods given at a visit are counted once, in the ledger. The lines are dated `day` (the
 * event's or the visit's) and take what is usable that day, whenever they are written down. Returns how many
 * entries were written.
 */
export function handOut(tx: Tx, handout: Handout, day: string, now: number): number {
  const { actor, institutionId, lines } = handout;
  if (lines.length === 0) return 0;
  const own = new Map(tx.select().from(items).where(and(eq(items.institutionId, institutionId), inArray(items.id, lines.map((l) => l.itemId)))).all().map((i) => [i.id, i]));
  let written = 0;
  for (const line of lines) {
    const field = `quantities.${line.itemId}`;
    const item = own.get(line.itemId);
    if (!item) throw new DomainError('validation.choice', field);
    const wanted = storedAmount(item.unit, line.amount, field);
    const plan = allocate(batchesOf(tx, institutionId, item.id), wanted, day);
    if (!plan.ok) {
      throw new DomainError(message('stock.notEnough', { usable: fromBaseQuantity(item.unit, plan.usable), expired: fromBaseQuantity(item.unit, plan.expired) }), field, 409);
    }
    for (const take of plan.takes) {
      writeEntry(
        tx,
        {
          institutionId,
          item,
          kind: 'handout',
          batchNo: take.batchNo,
          expiryDate: take.expiryDate,
          quantity: -take.quantity,
          unitPriceFen: item.unitPriceFen,
          eventId: handout.eventId,
          visitId: handout.visitId,
          householdId: handout.householdId,
          recipient: handout.recipient,
          occurredOn: day,
          createdBy: actor.userId,
        },
        now,
        field,
      );
      written += 1;
    }
  }
  return written;
}

/**
 * What was handed out at an event, line by line with reversals, and the totals: all of it for the organiser,
 * its own for a co-organiser. Households and people are named only to those who may see the giver's personal data.
 */
export function eventHandouts(tx: Tx, { actor, eventId }: { actor: Actor; eventId: number }) {
  const event = tx.select().from(events).where(eq(events.id, eventId)).get();
  if (!event) throw new NotFoundError();
  const givers: number[] | 'all' = canAccess(actor, event.organiserId, 'read') ? 'all' : actingOrganisers(tx, actor, event, 'read');
  const lines = tx
    .select({ entry: stockEntries, item: items, household: households.headName, giver: institutions.name })
    .from(stockEntries)
    .innerJoin(items, eq(items.id, stockEntries.itemId))
    .innerJoin(institutions, eq(institutions.id, stockEntries.institutionId))
    .leftJoin(households, eq(households.id, stockEntries.householdId))
    .where(and(eq(stockEntries.eventId, eventId), inArray(stockEntries.kind, ['handout', 'reversal']), givers === 'all' ? undefined : inArray(stockEntries.institutionId, givers)))
    .orderBy(asc(stockEntries.id))
    .all();
  const reversed = new Set(lines.map((l) => l.entry.reversesId).filter((id) => id !== null));
  return {
    event,
    lines: lines.map((l) => ({
      ...l.entry,
      item: l.item,
      amount: fromBaseQuantity(l.item.unit, -l.entry.quantity),
      reversed: reversed.has(l.entry.id),
      giver: l.giver,
      household: canAccess(actor, l.entry.institutionId, 'personal') ? l.household : null,
      recipient: canAccess(actor, l.entry.institutionId, 'personal') ? l.entry.recipient : null,
    })),
    totals: handoutTotals(lines.map((l) => ({ kind: l.item.kind, quantity: l.entry.quantity, valueFen: l.entry.valueFen }))),
  };
}

/**
 * What reached a village: handouts at events held there or to its households, net of reversals, by kind
 * of item with their value. No names: every signed-in user may read it.
 */
export function villageHandoutTotals(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }) {
  // Two reads driven from the village's few events and households through the ledger's indexes, rather than
  // one OR across the whole ledger.
  const columns = { kind: items.kind, unit: items.unit, quantity: sql<number>`sum(${stockEntries.quantity})`, valueFen: sql<number>`sum(${stockEntries.valueFen})` };
  const given = and(inArray(stockEntries.kind, ['handout', 'reversal']), institutionFilter(actor, ANY_VIEW, stockEntries.institutionId));
  const atEvents = tx
    .select(columns)
    .from(events)
    .innerJoin(stockEntries, and(eq(stockEntries.eventId, events.id), isNull(stockEntries.householdId)))
    .innerJoin(items, eq(items.id, stockEntries.itemId))
    .where(and(eq(events.villageId, villageId), given))
    .groupBy(items.kind, items.unit)
    .all();
  const toHouseholds = tx
    .select(columns)
    .from(households)
    .innerJoin(stockEntries, and(eq(stockEntries.householdId, households.id), isNotNull(stockEntries.householdId)))
    .innerJoin(items, eq(items.id, stockEntries.itemId))
    .where(and(eq(households.villageId, villageId), given))
    .groupBy(items.kind, items.unit)
    .all();
  const merged = new Map<string, { kind: ItemKind; unit: ItemUnit; quantity: number; valueFen: number }>();
  for (const row of [...atEvents, ...toHouseholds]) {
    const key = `${row.kind}:${row.unit}`;
    const total = merged.get(key) ?? { kind: row.kind, unit: row.unit, quantity: 0, valueFen: 0 };
    total.quantity += row.quantity;
    total.valueFen += row.valueFen;
    merged.set(key, total);
  }
  return [...merged.values()]
    .map((r) => ({ kind: r.kind, unit: r.unit, amount: fromBaseQuantity(r.unit, -r.quantity), valueFen: -r.valueFen }))
    .filter((r) => r.amount !== 0);
}
