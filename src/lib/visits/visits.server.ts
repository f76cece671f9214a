// Visit records: writing one (with its checks, readings, follow-ups, photos and handouts in one transaction),
// reading one, and a household's whole file. Every read is scoped by visitFilter or getHousehold, and every
// look at a household's file or a visit is written to the audit log.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  events,
  followUps,
  householdMembers,
  households,
  institutions,
  items,
  pairings,
  purchases,
  staff,
  stockEntries,
  visitChecks,
  visitDrafts,
  visitPhotos,
  visitReadings,
  visits,
  visitAmendments,
  visitVisitors,
  users,
  VISIT_CHECK_ITEMS,
  villages,
} from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { handOut } from '../handouts/handouts.server.ts';
import { filledLines } from '../handouts/handouts.ts';
import { doorInstitutionIds, getHousehold, pairedInstitutionIds } from '../households/households.server.ts';
import { contractedTeamStaff, householdContracts, signableTeams } from '../teams/teams.server.ts';
import { residentStaff } from '../postings/postings.server.ts';
import { beijingDate, beijingInstant, beijingTime, DAY_MS } from '../time/beijing.ts';
import { type Actor, assertAccess, canAccess, pairingCovers, pairingInForce, visitDetailFilter } from '../server/auth/scope.ts';
import { markPairingsMet } from '../pairings/pairings.server.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { idVault } from '../server/id-vault.ts';
import { normalisePhoto, readPhoto, removePhoto, savePhoto } from '../server/photos.ts';
import { fromBaseQuantity } from '../units/quantities.ts';
import { glucoseMmol, personKey, type VisitAmendInput, type VisitInput, type VisitSnapshot } from './visits.ts';

// A visit may be written up shortly after it ends, never before it happens (a few minutes' clock skew allowed).
const CLOCK_SKEW_MS = 5 * 60_000;

/** What the visit form offers for a household: who may record it, their staff, events and stock, and any draft. */
export function visitFormContext(tx: Tx, { actor, householdId }: { actor: Actor; householdId: number }, now = Date.now()) {
  const household = getHousehold(tx, { actor, householdId }, now);
  const recording = recordingInstitutions(tx, actor, household, now);
  const institutionIds = recording.all;
  if (institutionIds.length === 0) throw new ForbiddenError();
  const today = beijingDate(now);
  const institutionRows = tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, institutionIds)).orderBy(asc(institutions.name)).all();
  const staffRows = visitorChoices(tx, actor, household, recording, now);
  // Goods are offered from the stock of the actor's own institutions (not to someone of another at the door).
  const stockInstitutionIds = institutionIds.filter((id) => canAccess(actor, id, 'read'));
  // Events a visit can belong to: any earlier one of the institution (visits are written up days later), and
  // those of the coming week; the latest first.
  const to = beijingDate(now + 7 * DAY_MS);
  const eventRows = tx
    .select({ id: events.id, title: events.title, date: events.date, organiserId: events.organiserId })
    .from(events)
    .where(and(inArray(events.organiserId, institutionIds), inArray(events.state, ['published', 'done']), sql`${events.date} <= ${to}`))
    .orderBy(desc(events.date))
    .limit(300)
    .all();
  return { household, institutions: institutionRows, staff: staffRows, events: eventRows, today, stockInstitutionIds, draft: visitDraft(tx, { actor, householdId }) };
}

/**
 * Writes a visit record and everything recorded with it, or nothing. Submitting the same form twice (same
 * submission key) returns the first record and writes nothing more. Photos (the uploaded bytes) are
 * re-encoded only once the actor is known to be allowed to record the visit.
 */
export async function recordVisit(db: Db, { actor, input, photos = [] }: { actor: Actor; input: Omit<VisitInput, 'photos'>; photos?: Uint8Array[] }, now = Date.now()): Promise<{ id: number; created: boolean }> {
  assertMayRecord(db, actor, input, now);
  const jpegs: Buffer[] = [];
  for (const bytes of photos) jpegs.push(await normalisePhoto(bytes, 'photos'));
  const written: string[] = [];
  try {
    return db.transaction(
      (tx) => {
        const earlier = tx.select({ id: visits.id, householdId: visits.householdId, createdBy: visits.createdBy }).from(visits).where(eq(visits.submissionKey, input.submissionKey)).get();
        if (earlier) {
          if (earlier.householdId !== input.householdId || earlier.createdBy !== actor.userId) throw new DomainError('visit.alreadySubmitted', null, 409);
          return { id: earlier.id, created: false };
        }
        const { household, recording } = assertMayRecord(tx, actor, input, now);
        const visitedAt = beijingInstant(input.visitedOn, input.visitedTime);
        if (visitedAt > now + CLOCK_SKEW_MS) throw new DomainError('visit.inFuture', 'visitedOn');
        checkVisitors(visitorChoices(tx, actor, household, recording, now), input.visitors);
        // Goods come out of an institution's stock, which only its own people hand out.
        if (filledLines(input.quantities).length > 0 && !canAccess(actor, input.institutionId, 'read')) throw new DomainError('validation.choice', 'quantities', 403);
        if (input.eventId !== null) checkEvent(tx, input.institutionId, input.eventId);
        checkMembers(tx, input.householdId, input.readings.map((r) => r.memberId));

        const { visitors, checks, readings, followUps: promised, quantities, visitedOn: _on, visitedTime: _at, ...fields } = input;
        const visit = tx.insert(visits).values({ ...fields, visitedAt, createdBy: actor.userId, createdAt: now }).returning().get();
        tx.insert(visitVisitors).values([...new Set(visitors)].map((staffId) => ({ visitId: visit.id, staffId }))).run();
        const answered = Object.entries(checks).filter(([, check]) => check.state !== null);
        if (answered.length > 0) {
          tx.insert(visitChecks)
            .values(answered.map(([item, check]) => ({ visitId: visit.id, item: item as keyof typeof checks, state: check.state!, note: check.note })))
            .run();
        }
        if (readings.length > 0) tx.insert(visitReadings).values(readings.map((r) => ({ ...r, visitId: visit.id, householdId: visit.householdId }))).run();
        if (promised.length > 0) {
          tx.insert(followUps)
            .values(promised.map((f) => ({ ...f, visitId: visit.id, householdId: visit.householdId, institutionId: visit.institutionId })))
            .run();
        }
        handOut(
          tx,
          { actor, institutionId: visit.institutionId, eventId: visit.eventId, visitId: visit.id, householdId: visit.householdId, recipient: null, lines: filledLines(quantities) },
          input.visitedOn,
          now,
        );
        for (const jpeg of jpegs) {
          const path = savePhoto('visits', randomUUID(), jpeg);
          written.push(path);
          tx.insert(visitPhotos).values({ visitId: visit.id, path, createdAt: now }).run();
        }
        markPairingsVisited(tx, visit.institutionId, household, visitedAt);
        tx.delete(visitDrafts).where(and(eq(visitDrafts.userId, actor.userId), eq(visitDrafts.householdId, visit.householdId))).run();
        recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'visit', entityId: visit.id, institutionId: visit.institutionId, after: { ...visit, visitors, checks, readings, followUps: promised, photos: jpegs.length } }, now);
        return { id: visit.id, created: true };
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    // The transaction rolled back: photos written for it must not stay behind.
    for (const path of written) removePhoto(path);
    throw error;
  }
}

/** The household, if the actor may see it and record a visit for the chosen institution (one paired with it). */
function assertMayRecord(tx: Tx, actor: Actor, input: { householdId: number; institutionId: number }, now: number) {
  const household = getHousehold(tx, { actor, householdId: input.householdId }, now);
  const recording = recordingInstitutions(tx, actor, household, now);
  if (!recording.all.includes(input.institutionId)) throw new DomainError('visit.notPaired', 'institutionId', 403);
  return { household, recording };
}

/** The institutions a visit may be recorded under, and those of them the actor coordinates. */
interface RecordingInstitutions {
  paired: number[];
  all: number[];
}

/**
 * The institutions a visit to the household may be recorded under: those the actor coordinates that are paired
 * with it, and those it goes to the door for (the visitor's right: a team, a pairing naming it, a posting).
 */
function recordingInstitutions(tx: Tx, actor: Actor, household: { id: number; villageId: number }, now: number): RecordingInstitutions {
  const paired = pairedInstitutionIds(tx, actor, household, now);
  return { paired, all: [...new Set([...paired, ...doorInstitutionIds(tx, actor, household.id, now)])] };
}

const visitorColumns = { id: staff.id, name: staff.name, department: staff.department, institutionId: staff.institutionId, userId: staff.userId };

/**
 * Who may be named as a visitor: the staff of the paired institutions the actor coordinates, the household's
 * contracted team and the village's residents (whichever institution employs them), and the actor's own staff
 * records in the institutions it records under (a responsible person names themselves).
 */
function visitorChoices(tx: Tx, actor: Actor, household: { id: number; villageId: number }, recording: RecordingInstitutions, now: number) {
  const self = tx
    .select(visitorColumns)
    .from(staff)
    .where(and(eq(staff.userId, actor.userId), inArray(staff.institutionId, recording.all)))
    .all();
  const ownStaff =
    recording.paired.length === 0
      ? []
      : tx
          .select(visitorColumns)
          .from(staff)
          .where(inArray(staff.institutionId, recording.paired))
          .orderBy(asc(staff.department), asc(staff.name))
          .all();
  const choices = new Map(ownStaff.map((person) => [person.id, person]));
  for (const person of [...contractedTeamStaff(tx, household.id, now), ...residentStaff(tx, household.villageId, now), ...self]) if (!choices.has(person.id)) choices.set(person.id, person);
  return [...choices.values()];
}

function checkVisitors(allowed: { id: number }[], staffIds: number[]) {
  const ids = new Set(allowed.map((s) => s.id));
  if (!staffIds.every((id) => ids.has(id))) throw new DomainError('validation.choice', 'visitors');
}

function checkEvent(tx: Tx, institutionId: number, eventId: number) {
  const event = tx.select({ organiserId: events.organiserId, state: events.state }).from(events).where(eq(events.id, eventId)).get();
  if (!event || event.organiserId !== institutionId || event.state === 'cancelled' || event.state === 'draft') throw new DomainError('validation.choice', 'eventId');
}

function checkMembers(tx: Tx, householdId: number, memberIds: (number | null)[]) {
  const wanted = [...new Set(memberIds.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return;
  const found = tx.select({ id: householdMembers.id }).from(householdMembers).where(and(eq(householdMembers.householdId, householdId), inArray(householdMembers.id, wanted))).all();
  if (found.length !== wanted.length) throw new DomainError('validation.choice', 'readings');
}

/** A visit counts for the institution's pairings with the household, its village, township and county. */
function markPairingsVisited(tx: Tx, institutionId: number, household: { id: number; villageId: number }, visitedAt: number) {
  markPairingsMet(tx, { institutionIds: [institutionId], place: { householdId: household.id, villageId: household.villageId }, at: visitedAt });
}

// Read in full: the actor's own institutions' visits and those it went on (decision 12).
const readable = (actor: Actor) => visitDetailFilter(actor, { id: visits.id, institutionId: visits.institutionId });

/** A visit the actor may read, with its household's head and village, its institution and event; else 403 or 404. */
function readableVisit(tx: Tx, actor: Actor, visitId: number) {
  const row = tx
    .select({ visit: visits, headName: households.headName, villageId: households.villageId, village: villages.name, institution: institutions.name, event: events.title })
    .from(visits)
    .innerJoin(households, eq(households.id, visits.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .innerJoin(institutions, eq(institutions.id, visits.institutionId))
    .leftJoin(events, eq(events.id, visits.eventId))
    .where(and(eq(visits.id, visitId), readable(actor)))
    .get();
  if (!row) {
    const exists = tx.select({ id: visits.id }).from(visits).where(eq(visits.id, visitId)).get();
    throw exists ? new ForbiddenError() : new NotFoundError();
  }
  return row;
}

/** One visit with everything recorded at it, if the actor may read it; the look is audit-logged. */
export function getVisit(db: Db, { actor, visitId }: { actor: Actor; visitId: number }, now = Date.now()) {
  return db.transaction((tx) => {
    const row = readableVisit(tx, actor, visitId);
    const details = visitDetails(tx, [visitId]);
    recordAudit(tx, { actorId: actor.userId, action: 'view', entity: 'visit', entityId: visitId, institutionId: row.visit.institutionId }, now);
    const amendments = tx
      .select({ id: visitAmendments.id, previous: visitAmendments.previous, reason: visitAmendments.reason, amendedAt: visitAmendments.amendedAt, by: users.name })
      .from(visitAmendments)
      .leftJoin(users, eq(users.id, visitAmendments.amendedBy))
      .where(eq(visitAmendments.visitId, visitId))
      .orderBy(desc(visitAmendments.id))
      .all()
      .map(({ previous, ...amendment }) => ({ ...amendment, previous: JSON.parse(previous) as VisitSnapshot }));
    return {
      ...row.visit,
      headName: row.headName,
      villageId: row.villageId,
      village: row.village,
      institution: row.institution,
      event: row.event,
      ...details.of(visitId),
      amendments,
      mayAmend: canAccess(actor, row.visit.institutionId, 'manage'),
    };
  });
}

/** A visit the actor may amend: one of the recording institution's, for its coordinators (or an administrator). */
function visitForAmendment(tx: Tx, actor: Actor, visitId: number) {
  const row = readableVisit(tx, actor, visitId);
  assertAccess(actor, row.visit.institutionId, 'manage');
  return row;
}

/** The record as it stands, whole, with names as they are now: what an amendment keeps. */
function snapshotOf(tx: Tx, visit: typeof visits.$inferSelect, event: string | null): VisitSnapshot {
  const details = visitDetails(tx, [visit.id]).of(visit.id);
  return {
    visitedAt: visit.visitedAt,
    purpose: visit.purpose,
    event,
    visitors: details.visitors,
    checks: details.checks.map(({ item, state, note }) => ({ item, state, note })),
    readings: details.readings.map(({ id: _id, visitId: _visit, householdId: _household, memberId: _memberId, ...reading }) => reading),
    incomeChange: visit.incomeChange,
    workChange: visit.workChange,
    housingChange: visit.housingChange,
    healthChange: visit.healthChange,
    difficulties: visit.difficulties,
    satisfaction: visit.satisfaction,
    notes: visit.notes,
  };
}

/**
 * The amendment form of a visit: its sections filled in as the record stands (the same names the visit form
 * posts), with the visitors, events and people it may name.
 */
export function visitToAmend(tx: Tx, { actor, visitId }: { actor: Actor; visitId: number }, now = Date.now()) {
  const row = visitForAmendment(tx, actor, visitId);
  const visit = row.visit;
  const form = visitFormContext(tx, { actor, householdId: visit.householdId }, now);
  const { checks, readings } = visitDetails(tx, [visitId]).of(visitId);
  const visitors = tx.select({ staffId: visitVisitors.staffId }).from(visitVisitors).where(eq(visitVisitors.visitId, visitId)).all();
  const values: Record<string, string> = {
    visitedOn: beijingDate(visit.visitedAt),
    visitedTime: beijingTime(visit.visitedAt),
    purpose: visit.purpose,
    eventId: visit.eventId === null ? '' : String(visit.eventId),
    visitors: visitors.map((v) => v.staffId).join(','),
    ...Object.fromEntries(
      (['incomeChange', 'workChange', 'housingChange', 'healthChange', 'difficulties', 'satisfaction', 'notes'] as const).map((key) => [key, visit[key] ?? '']),
    ),
  };
  for (const check of checks) {
    values[`checks.${check.item}.state`] = check.state;
    values[`checks.${check.item}.note`] = check.note ?? '';
  }
  for (const reading of readings) {
    const person = personKey(reading.memberId);
    const put = (field: string, value: string | number | null) => (values[`readings.${person}.${field}`] = value === null ? '' : String(value));
    put('systolic', reading.systolic);
    put('diastolic', reading.diastolic);
    put('glucose', reading.glucoseTenths === null ? null : glucoseMmol(reading.glucoseTenths));
    put('glucoseTiming', reading.glucoseTiming);
    put('findings', reading.findings);
    put('advice', reading.advice);
    put('referralTo', reading.referralTo);
    put('referralState', reading.referralState);
  }
  // The visit's institution only; its staff, events and the household's people, those who left it included
  // when they were read at this visit.
  const institutions = form.institutions.filter((i) => i.id === visit.institutionId);
  const readPeople = new Set(readings.map((r) => r.memberId));
  const household = getHousehold(tx, { actor, householdId: visit.householdId }, now);
  const persons = [
    { key: personKey(null), name: household.headName },
    ...[...household.members, ...household.formerMembers.filter((m) => readPeople.has(m.id))].map((m) => ({ key: personKey(m.id), name: m.name })),
  ];
  return {
    visit: { id: visit.id, headName: row.headName, village: row.village },
    values,
    institutions: institutions.length ? institutions : [{ id: visit.institutionId, name: '' }],
    staff: form.staff.filter((s) => s.institutionId === visit.institutionId),
    events: form.events.filter((e) => e.organiserId === visit.institutionId),
    persons,
  };
}

/**
 * Amends a visit record: the earlier version is kept whole (visit_amendments) with who changed it, when and
 * why, and the record is corrected — its time, purpose, event, visitors, checks, readings, changes,
 * satisfaction and notes. Goods handed over move to its new day; follow-ups and photos keep their own ways.
 */
export function amendVisit(db: Db, { actor, visitId, input }: { actor: Actor; visitId: number; input: Omit<VisitAmendInput, 'visitId'> }, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const { visit, event } = visitForAmendment(tx, actor, visitId);
      const { reason, visitedOn, visitedTime, visitors, checks, readings, ...fields } = input;
      // The institution's staff, the household's team, and whoever was named before.
      const named = tx.select({ id: visitVisitors.staffId }).from(visitVisitors).where(eq(visitVisitors.visitId, visitId)).all();
      const ownStaff = tx.select({ id: staff.id }).from(staff).where(eq(staff.institutionId, visit.institutionId)).all();
      checkVisitors([...ownStaff, ...contractedTeamStaff(tx, visit.householdId, now), ...named], visitors);
      if (fields.eventId !== null) checkEvent(tx, visit.institutionId, fields.eventId);
      checkMembers(tx, visit.householdId, readings.map((r) => r.memberId));
      const visitedAt = beijingInstant(visitedOn, visitedTime);
      if (visitedAt > now + CLOCK_SKEW_MS) throw new DomainError('visit.inFuture', 'visitedOn');
      const previous = snapshotOf(tx, visit, event);
      tx.insert(visitAmendments).values({ visitId, previous: JSON.stringify(previous), reason, amendedBy: actor.userId, amendedAt: now }).run();
      tx.update(visits).set({ ...fields, visitedAt }).where(eq(visits.id, visitId)).run();
      tx.delete(visitVisitors).where(eq(visitVisitors.visitId, visitId)).run();
      tx.insert(visitVisitors).values([...new Set(visitors)].map((staffId) => ({ visitId, staffId }))).run();
      tx.delete(visitChecks).where(eq(visitChecks.visitId, visitId)).run();
      const answered = Object.entries(checks).filter(([, check]) => check.state !== null);
      if (answered.length > 0) tx.insert(visitChecks).values(answered.map(([item, check]) => ({ visitId, item: item as keyof typeof checks, state: check.state!, note: check.note }))).run();
      tx.delete(visitReadings).where(eq(visitReadings.visitId, visitId)).run();
      if (readings.length > 0) tx.insert(visitReadings).values(readings.map((r) => ({ ...r, visitId, householdId: visit.householdId }))).run();
      tx.update(stockEntries).set({ occurredOn: visitedOn }).where(eq(stockEntries.visitId, visitId)).run();
      const household = tx.select({ id: households.id, villageId: households.villageId }).from(households).where(eq(households.id, visit.householdId)).get()!;
      markPairingsVisited(tx, visit.institutionId, household, visitedAt);
      recordAudit(tx, { actorId: actor.userId, action: 'amend', entity: 'visit', entityId: visitId, institutionId: visit.institutionId, after: { reason } }, now);
      return { id: visitId };
    },
    { behavior: 'immediate' },
  );
}

/** Visitors, checks, readings, photos, follow-ups and handouts of some visits, read once for all of them. */
function visitDetails(tx: Tx, visitIds: number[]) {
  const visitors = tx
    .select({ visitId: visitVisitors.visitId, name: staff.name })
    .from(visitVisitors)
    .innerJoin(staff, eq(staff.id, visitVisitors.staffId))
    .where(inArray(visitVisitors.visitId, visitIds))
    .orderBy(asc(staff.name))
    .all();
  // In the order of the form (两不愁 first, then the three guarantees).
  const checks = tx
    .select()
    .from(visitChecks)
    .where(inArray(visitChecks.visitId, visitIds))
    .all()
    .sort((a, b) => VISIT_CHECK_ITEMS.indexOf(a.item) - VISIT_CHECK_ITEMS.indexOf(b.item));
  const readings = tx
    .select({ reading: visitReadings, member: householdMembers.name })
    .from(visitReadings)
    .leftJoin(householdMembers, eq(householdMembers.id, visitReadings.memberId))
    .where(inArray(visitReadings.visitId, visitIds))
    .orderBy(asc(visitReadings.id))
    .all();
  const photos = tx.select({ id: visitPhotos.id, visitId: visitPhotos.visitId }).from(visitPhotos).where(inArray(visitPhotos.visitId, visitIds)).orderBy(asc(visitPhotos.id)).all();
  const promised = tx.select().from(followUps).where(inArray(followUps.visitId, visitIds)).orderBy(asc(followUps.dueDate)).all();
  const handouts = tx
    .select({ visitId: stockEntries.visitId, kind: stockEntries.kind, quantity: stockEntries.quantity, valueFen: stockEntries.valueFen, name: items.name, unit: items.unit })
    .from(stockEntries)
    .innerJoin(items, eq(items.id, stockEntries.itemId))
    .where(and(inArray(stockEntries.visitId, visitIds), inArray(stockEntries.kind, ['handout', 'reversal'])))
    .all();
  const amendments = tx
    .select({ visitId: visitAmendments.visitId, reason: visitAmendments.reason, amendedAt: visitAmendments.amendedAt })
    .from(visitAmendments)
    .where(inArray(visitAmendments.visitId, visitIds))
    .orderBy(desc(visitAmendments.id))
    .all();
  const amendmentsOf = byVisit(amendments);
  const visitorsOf = byVisit(visitors);
  const checksOf = byVisit(checks);
  const readingsOf = byVisit(readings.map((r) => ({ ...r.reading, member: r.member })));
  const photosOf = byVisit(photos);
  const followUpsOf = byVisit(promised);
  const handoutsOf = byVisit(handouts);
  return {
    of: (id: number) => ({
      visitors: visitorsOf(id).map((v) => v.name),
      checks: checksOf(id),
      readings: readingsOf(id),
      photoIds: photosOf(id).map((p) => p.id),
      followUps: followUpsOf(id),
      handouts: netHandouts(handoutsOf(id)),
      // How often the record was amended, and the latest reason (the versions are on the visit's page).
      amended: { count: amendmentsOf(id).length, latest: amendmentsOf(id)[0] ?? null },
    }),
  };
}

/** Rows grouped by their visit once, so that a file of many visits does not search every list for each. */
function byVisit<T extends { visitId: number | null }>(rows: T[]): (visitId: number) => T[] {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    if (row.visitId === null) continue;
    const group = groups.get(row.visitId);
    if (group) group.push(row);
    else groups.set(row.visitId, [row]);
  }
  return (visitId) => groups.get(visitId) ?? [];
}

/** Handout lines netted per item (a reversed line cancels out), in the item's own unit. */
function netHandouts(lines: { name: string; unit: (typeof items.$inferSelect)['unit']; quantity: number; valueFen: number }[]) {
  const byItem = new Map<string, { name: string; unit: (typeof items.$inferSelect)['unit']; quantity: number; valueFen: number }>();
  for (const line of lines) {
    const key = `${line.name}:${line.unit}`;
    const total = byItem.get(key) ?? { name: line.name, unit: line.unit, quantity: 0, valueFen: 0 };
    total.quantity -= line.quantity;
    total.valueFen -= line.valueFen;
    byItem.set(key, total);
  }
  return [...byItem.values()].filter((t) => t.quantity !== 0).map((t) => ({ name: t.name, unit: t.unit, amount: fromBaseQuantity(t.unit, t.quantity), valueFen: t.valueFen }));
}

/**
 * A household's file (一户一档): the household, its visits newest first with what was recorded, the health
 * readings over time, what it received and sold, and its open follow-ups. The look is audit-logged.
 */
export function householdFile(db: Db, { actor, householdId }: { actor: Actor; householdId: number }, now = Date.now()) {
  return db.transaction((tx) => {
    const household = getHousehold(tx, { actor, householdId }, now);
    const visitRows = tx
      .select({ visit: visits, institution: institutions.name, event: events.title, inFull: sql<number>`${readable(actor)}` })
      .from(visits)
      .innerJoin(institutions, eq(institutions.id, visits.institutionId))
      .leftJoin(events, eq(events.id, visits.eventId))
      .where(eq(visits.householdId, householdId))
      .orderBy(desc(visits.visitedAt), desc(visits.id))
      .all();
    const details = visitDetails(tx, visitRows.filter((v) => v.inFull).map((v) => v.visit.id));
    // Another institution's visit is a line (when, who, why; no details were read for it): what it found
    // stays with that institution.
    const timeline = visitRows.map((v) => ({ ...(v.inFull ? v.visit : asLine(v.visit)), institution: v.institution, event: v.event, inFull: v.inFull === 1, ...details.of(v.visit.id) }));
    const received = tx
      .select({ kind: stockEntries.kind, quantity: stockEntries.quantity, valueFen: stockEntries.valueFen, createdAt: stockEntries.createdAt, occurredOn: stockEntries.occurredOn, name: items.name, unit: items.unit, institution: institutions.name, event: events.title, reversesId: stockEntries.reversesId, id: stockEntries.id })
      .from(stockEntries)
      .innerJoin(items, eq(items.id, stockEntries.itemId))
      .innerJoin(institutions, eq(institutions.id, stockEntries.institutionId))
      .leftJoin(events, eq(events.id, stockEntries.eventId))
      .where(and(eq(stockEntries.householdId, householdId), inArray(stockEntries.kind, ['handout', 'reversal'])))
      .orderBy(desc(stockEntries.createdAt))
      .all();
    const reversed = new Set(received.map((r) => r.reversesId).filter((id) => id !== null));
    const sold = tx
      .select({ id: purchases.id, product: purchases.product, unit: purchases.unit, quantityOrdered: purchases.quantityOrdered, quantityDelivered: purchases.quantityDelivered, totalFen: purchases.totalFen, deliveryDate: purchases.deliveryDate, institution: institutions.name })
      .from(purchases)
      .innerJoin(institutions, eq(institutions.id, purchases.institutionId))
      .where(eq(purchases.householdId, householdId))
      .orderBy(desc(purchases.deliveryDate))
      .all();
    // Who helps the household: each institution paired with it (or its village, township, county), its
    // responsible person and a phone to reach them (theirs, else the institution's).
    const responsible = tx
      .select({
        institution: institutions.name,
        responsibleName: pairings.responsibleName,
        phone: sql<string | null>`coalesce(${staff.phone}, ${institutions.contactPhone})`,
        target: pairings.target,
      })
      .from(pairings)
      .innerJoin(institutions, eq(institutions.id, pairings.institutionId))
      .leftJoin(staff, eq(staff.id, pairings.responsibleStaffId))
      .where(
        and(
          pairingInForce(beijingDate(now)),
          pairingCovers(household),
        ),
      )
      .all();
    recordAudit(tx, { actorId: actor.userId, action: 'view', entity: 'household', entityId: householdId }, now);
    return {
      household,
      visits: timeline,
      received: received.filter((r) => r.kind === 'handout' && !reversed.has(r.id)).map((r) => ({ ...r, amount: fromBaseQuantity(r.unit, -r.quantity), valueFen: -r.valueFen })),
      sold,
      responsible,
      openFollowUps: timeline.flatMap((v) => v.followUps).filter((f) => f.doneAt === null),
      latestPhotoId: timeline.find((v) => v.photoIds.length > 0)?.photoIds[0] ?? null,
      mayRecordVisit: recordingInstitutions(tx, actor, household, now).all.length > 0,
      contracts: householdContracts(tx, { householdId }, now),
      // The teams a coordinator may sign it with (or renew, or move it to).
      signableTeams: household.mayRevealIdNumber ? signableTeams(tx, actor) : [],
    };
  });
}

/** A visit as another institution knows it: the date, the purpose and who recorded it, nothing it found. */
function asLine(visit: typeof visits.$inferSelect): typeof visits.$inferSelect {
  return { ...visit, incomeChange: null, workChange: null, housingChange: null, healthChange: null, difficulties: null, satisfaction: null, notes: null };
}

/** The visits the actor went on (through the staff record linked to their account), newest first. */
export function visitsWentOn(tx: Tx, { actor, limit = 50 }: { actor: Actor; limit?: number }) {
  return tx
    .select({ id: visits.id, visitedAt: visits.visitedAt, purpose: visits.purpose, headName: households.headName, village: villages.name, institution: institutions.name })
    .from(visitVisitors)
    .innerJoin(staff, eq(staff.id, visitVisitors.staffId))
    .innerJoin(visits, eq(visits.id, visitVisitors.visitId))
    .innerJoin(households, eq(households.id, visits.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .innerJoin(institutions, eq(institutions.id, visits.institutionId))
    .where(eq(staff.userId, actor.userId))
    .orderBy(desc(visits.visitedAt))
    .limit(limit)
    .all();
}

/** A visit photo's bytes, for those who may read the visit. */
export function visitPhoto(tx: Tx, { actor, photoId }: { actor: Actor; photoId: number }): Buffer {
  const row = tx
    .select({ path: visitPhotos.path })
    .from(visitPhotos)
    .innerJoin(visits, eq(visits.id, visitPhotos.visitId))
    .innerJoin(households, eq(households.id, visits.householdId))
    .where(and(eq(visitPhotos.id, photoId), readable(actor)))
    .get();
  if (!row) {
    const exists = tx.select({ id: visitPhotos.id }).from(visitPhotos).where(eq(visitPhotos.id, photoId)).get();
    throw exists ? new ForbiddenError() : new NotFoundError();
  }
  return readPhoto(row.path);
}

/** Saves what the visit form holds so far (text fields only), for the actor and household; encrypted at rest. */
export function saveVisitDraft(db: Db, { actor, householdId, fields }: { actor: Actor; householdId: number; fields: Record<string, string> }, now = Date.now()) {
  db.transaction((tx) => {
    getHousehold(tx, { actor, householdId }, now);
    const payload = idVault().encrypt(JSON.stringify(fields));
    tx.insert(visitDrafts)
      .values({ userId: actor.userId, householdId, payload, savedAt: now })
      .onConflictDoUpdate({ target: [visitDrafts.userId, visitDrafts.householdId], set: { payload, savedAt: now } })
      .run();
  });
  return { savedAt: now };
}

/** The actor's draft for a household, if one is saved. */
export function visitDraft(tx: Tx, { actor, householdId }: { actor: Actor; householdId: number }) {
  const row = tx.select().from(visitDrafts).where(and(eq(visitDrafts.userId, actor.userId), eq(visitDrafts.householdId, householdId))).get();
  if (!row) return null;
  return { fields: JSON.parse(idVault().decrypt(row.payload)) as Record<string, string>, savedAt: row.savedAt };
}
