// Cash support (慰问金), support funds (帮扶资金) and donated goods, recorded by the giving institution. Recipients who are people are
// named only to those who may see personal data; villages see totals.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { donations, events, households, institutions, villages } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { getHousehold } from '../households/households.server.ts';
import { type Actor, ANY_VIEW, assertAccess, canAccess, institutionFilter } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { type DonationInput, donationHeading } from './donations.ts';

export function recordDonation(db: Db, { actor, input }: { actor: Actor; input: DonationInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    // Every donation is placed in a village: the household's, or the one given for a village, a person or a group.
    const villageId = input.recipientKind === 'household' ? getHousehold(tx, { actor, householdId: input.householdId! }, now).villageId : input.villageId;
    if (villageId !== null && !tx.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId)).get()) throw new DomainError('validation.choice', 'villageId');
    if (input.eventId !== null && !tx.select({ id: events.id }).from(events).where(and(eq(events.id, input.eventId), eq(events.organiserId, input.institutionId))).get()) {
      throw new DomainError('validation.choice', 'eventId');
    }
    const { amount, ...fields } = input;
    const created = tx
      .insert(donations)
      .values({
        ...fields,
        amountFen: amount,
        villageId,
        householdId: input.recipientKind === 'household' ? input.householdId : null,
        recipientName: input.recipientKind === 'person' || input.recipientKind === 'group' ? input.recipientName : null,
        groupSize: input.recipientKind === 'group' ? input.groupSize : null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'donation', entityId: created.id, institutionId: input.institutionId, after: created }, now);
    return created;
  });
}

/** A mistaken entry is voided, with a reason, never edited or deleted. */
export function voidDonation(db: Db, { actor, donationId, reason }: { actor: Actor; donationId: number; reason: string }, now = Date.now()) {
  db.transaction((tx) => {
    const donation = tx.select().from(donations).where(eq(donations.id, donationId)).get();
    if (!donation) throw new NotFoundError();
    assertAccess(actor, donation.institutionId, 'manage');
    if (donation.voidedAt !== null) throw new DomainError('donation.alreadyVoided', null, 409);
    tx.update(donations).set({ voidedAt: now, voidReason: reason }).where(eq(donations.id, donationId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'void', entity: 'donation', entityId: donationId, institutionId: donation.institutionId, after: { reason } }, now);
  });
}

/** The institution's donations, newest first; people are named only to those who may see personal data. */
export function listDonations(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }) {
  assertAccess(actor, institutionId, 'read');
  const personal = canAccess(actor, institutionId, 'personal');
  return tx
    .select({ donation: donations, village: villages.name, household: households.headName, event: events.title })
    .from(donations)
    .leftJoin(villages, eq(villages.id, donations.villageId))
    .leftJoin(households, eq(households.id, donations.householdId))
    .leftJoin(events, eq(events.id, donations.eventId))
    .where(eq(donations.institutionId, institutionId))
    .orderBy(desc(donations.date), desc(donations.id))
    .limit(500)
    .all()
    .map((row) => ({
      ...row.donation,
      recipientName: personal || row.donation.recipientKind === 'group' ? row.donation.recipientName : null,
      household: personal ? row.household : null,
      village: row.village,
      event: row.event,
    }));
}

/**
 * Donations that reached a village (to it, its households, its people and groups), by giver and heading (慰问金,
 * 帮扶资金, 捐赠物资); voided ones excluded.
 */
export function villageDonationTotals(tx: Tx, { actor, villageId }: { actor: Actor; villageId: number }) {
  const rows = tx
    .select({ institutionId: institutions.id, institution: institutions.name, kind: donations.kind, recipientKind: donations.recipientKind, amountFen: sql<number>`sum(${donations.amountFen})` })
    .from(donations)
    .innerJoin(institutions, eq(institutions.id, donations.institutionId))
    .where(and(eq(donations.villageId, villageId), isNull(donations.voidedAt), institutionFilter(actor, ANY_VIEW, donations.institutionId)))
    .groupBy(institutions.id, donations.kind, donations.recipientKind)
    .orderBy(institutions.name)
    .all();
  const totals = new Map<string, { institution: string; heading: ReturnType<typeof donationHeading>; amountFen: number }>();
  for (const row of rows) {
    const heading = donationHeading(row);
    const key = `${row.institutionId} ${heading}`;
    const total = totals.get(key) ?? { institution: row.institution, heading, amountFen: 0 };
    totals.set(key, { ...total, amountFen: total.amountFen + row.amountFen });
  }
  return [...totals.values()];
}
