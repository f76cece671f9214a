// Recurring series: the rule is kept, and it makes draft events for the coordinator to review and publish. An
// event made by a series is an ordinary event: renamed, moved, given roles or cancelled alone. Changing the rule
// remakes only the drafts still to come that nobody changed alone.
import { and, asc, eq, gte, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { areas, eventRoles, events, eventSeries, institutions, villages } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, institutionIdsFor } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { beijingDate } from '../time/beijing.ts';
import { publishDraft } from './events.server.ts';
import { type SeriesInput, seriesDates } from './series.ts';

type Series = typeof eventSeries.$inferSelect;

/** Where each of the series' events is held: one place, or each township of its county (keyed by the township). */
function seriesPlaces(tx: Tx, series: Series) {
  if (series.countyId === null) return [{ key: 0, title: series.title, villageId: series.villageId, address: series.address, townshipId: null }];
  return tx
    .select({ id: areas.id, name: areas.name })
    .from(areas)
    .where(and(eq(areas.parentId, series.countyId), eq(areas.level, 'township')))
    .orderBy(asc(areas.name))
    .all()
    .map((township) => ({ key: township.id, title: `${series.title}（${township.name}）`, villageId: null, address: township.name, townshipId: township.id }));
}

/** Makes the series' draft events from `from` on, for each date and place it has none for yet. Returns how many. */
function generate(tx: Tx, series: Series, from: string, now: number): number {
  const places = seriesPlaces(tx, series);
  let made = 0;
  for (const date of seriesDates(series, from)) {
    for (const place of places) {
      const made1 = tx
        .insert(events)
        .values({
          organiserId: series.organiserId,
          kind: series.kind,
          title: place.title,
          date,
          startTime: series.startTime,
          endTime: series.endTime,
          villageId: place.villageId,
          address: place.address,
          townshipId: place.townshipId,
          state: 'draft',
          seriesId: series.id,
          seriesDate: date,
          seriesPlace: place.key,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
      made += made1.changes;
    }
  }
  return made;
}

/** Refused unless the place exists: the village, or a county (an area at that level). */
function assertPlace(tx: Tx, input: SeriesInput) {
  if (input.villageId !== null && !tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId)).get()) throw new DomainError('validation.choice', 'villageId');
  if (input.countyId !== null && tx.select({ level: areas.level }).from(areas).where(eq(areas.id, input.countyId)).get()?.level !== 'county') throw new DomainError('validation.choice', 'countyId');
}

/** A coordinator starts a series; its drafts are made at once, from its first day. */
export function createSeries(db: Db, { actor, input }: { actor: Actor; input: SeriesInput }, now = Date.now()) {
  assertAccess(actor, input.organiserId, 'manage');
  return db.transaction((tx) => {
    assertPlace(tx, input);
    const series = tx.insert(eventSeries).values({ ...input, createdAt: now }).returning().get();
    const generated = generate(tx, series, series.startDate, now);
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'series', entityId: series.id, institutionId: series.organiserId, after: { ...series, generated } }, now);
    return { id: series.id, generated };
  });
}

function seriesForChange(tx: Tx, actor: Actor, seriesId: number): Series {
  const series = tx.select().from(eventSeries).where(eq(eventSeries.id, seriesId)).get();
  if (!series) throw new NotFoundError();
  assertAccess(actor, series.organiserId, 'manage');
  return series;
}

/**
 * Changes the rule from today on: the drafts to come that nobody changed alone (no edit, no roles) are
 * removed and made again by the new rule; published, done and cancelled events, past ones and those changed
 * alone stay as they are, and keep their date and place taken.
 */
export function updateSeries(db: Db, { actor, seriesId, input }: { actor: Actor; seriesId: number; input: SeriesInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const series = seriesForChange(tx, actor, seriesId);
    if (input.organiserId !== series.organiserId) throw new DomainError('validation.choice', 'organiserId');
    assertPlace(tx, input);
    const changed = recordChange(tx, { actorId: actor.userId, entity: 'series', entityId: seriesId, institutionId: series.organiserId, before: series, after: input }, now);
    if (changed.length === 0) return { removed: 0, generated: 0 };
    const today = beijingDate(now);
    const removed = tx
      .delete(events)
      .where(
        and(
          eq(events.seriesId, seriesId),
          eq(events.state, 'draft'),
          isNull(events.changedAloneAt),
          gte(events.date, today),
          notInArray(events.id, tx.select({ id: eventRoles.eventId }).from(eventRoles)),
        ),
      )
      .run().changes;
    const updated = tx.update(eventSeries).set(input).where(eq(eventSeries.id, seriesId)).returning().get();
    return { removed, generated: generate(tx, updated, today, now) };
  });
}

/** A series with its events, for those who may read its organiser's events. */
export function getSeries(tx: Tx, { actor, seriesId }: { actor: Actor; seriesId: number }) {
  const row = tx
    .select({ series: eventSeries, organiser: institutions.name, village: villages.name, county: areas.name })
    .from(eventSeries)
    .innerJoin(institutions, eq(institutions.id, eventSeries.organiserId))
    .leftJoin(villages, eq(villages.id, eventSeries.villageId))
    .leftJoin(areas, eq(areas.id, eventSeries.countyId))
    .where(eq(eventSeries.id, seriesId))
    .get();
  if (!row) throw new NotFoundError();
  assertAccess(actor, row.series.organiserId, 'read');
  const made = tx
    .select({ id: events.id, title: events.title, date: events.date, state: events.state, changedAloneAt: events.changedAloneAt })
    .from(events)
    .where(eq(events.seriesId, seriesId))
    .orderBy(asc(events.date), asc(events.title))
    .all();
  return { ...row.series, organiser: row.organiser, village: row.village, county: row.county, events: made };
}

/** The series of the institutions the actor manages, newest first. */
export function listSeries(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  return tx
    .select({ id: eventSeries.id, title: eventSeries.title, frequency: eventSeries.frequency, startDate: eventSeries.startDate, endDate: eventSeries.endDate, drafts: sql<number>`(SELECT count(*) FROM ${events} WHERE ${events.seriesId} = ${eventSeries.id} AND ${events.state} = 'draft')` })
    .from(eventSeries)
    .where(inArray(eventSeries.organiserId, ids))
    .orderBy(sql`${eventSeries.id} DESC`)
    .all();
}

/** Publishes the series' drafts from today on, once the coordinator has reviewed them. Returns how many. */
export function publishSeriesDrafts(db: Db, { actor, seriesId }: { actor: Actor; seriesId: number }, now = Date.now()): number {
  return db.transaction((tx) => {
    seriesForChange(tx, actor, seriesId);
    const drafts = tx.select({ id: events.id }).from(events).where(and(eq(events.seriesId, seriesId), eq(events.state, 'draft'), gte(events.date, beijingDate(now)))).all();
    for (const draft of drafts) publishDraft(tx, actor, draft.id, now);
    return drafts.length;
  });
}
