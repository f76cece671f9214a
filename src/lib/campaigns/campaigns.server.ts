// Campaigns such as 2019年全国扶贫日: a bureau runs one, invites institutions, and each accepts or declines
// for itself. Campaigns and their published events are open to every signed-in user; drafts stay with
// their organiser. Nothing here is personal data.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import { campaignParticipants, campaigns, events, institutions, villages } from '#db/schema.ts';
import { recordAudit, recordChange } from '../audit/audit.server.ts';
import { type Actor, assertAccess, canAccess, institutionFilter, institutionIdsFor, ownManagedInstitutionIds } from '../server/auth/scope.ts';
import { mailInvitedCoordinators } from '../memberships/memberships.server.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import { eventFeatures } from '../map/map.ts';
import { message } from '../validation/fields.ts';
import { addDays } from '../time/beijing.ts';
import { type CampaignInput, withinCampaign } from './campaigns.ts';

export function createCampaign(db: Db, { actor, input }: { actor: Actor; input: CampaignInput }, now = Date.now()) {
  assertAccess(actor, input.organiserId, 'manage');
  return db.transaction((tx) => {
    const organiser = tx.select({ kind: institutions.kind }).from(institutions).where(eq(institutions.id, input.organiserId)).get();
    if (organiser?.kind !== 'bureau') throw new DomainError('campaign.organiserBureau', 'organiserId');
    const created = tx.insert(campaigns).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'campaign', entityId: created.id, institutionId: input.organiserId, after: created }, now);
    return created;
  });
}

/** A campaign, for a correction by its organiser's coordinators. */
export function campaignForChange(tx: Tx, actor: Actor, campaignId: number) {
  const campaign = tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).get();
  if (!campaign) throw new NotFoundError();
  assertAccess(actor, campaign.organiserId, 'manage');
  return campaign;
}

/**
 * Corrects a campaign's name, dates or description; its organiser stays. The dates may not leave out any
 * of its events that still stand: those must be moved or cancelled first.
 */
export function updateCampaign(db: Db, { actor, campaignId, input }: { actor: Actor; campaignId: number; input: CampaignInput }, now = Date.now()) {
  db.transaction((tx) => {
    const before = campaignForChange(tx, actor, campaignId);
    if (input.organiserId !== before.organiserId) throw new DomainError('validation.choice', 'organiserId');
    const outside = tx
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.campaignId, campaignId), ne(events.state, 'cancelled'), or(lt(events.date, input.startDate), gt(events.date, input.endDate))))
      .get()!.n;
    if (outside > 0) throw new DomainError(message('campaign.eventsOutside', { count: outside }), input.startDate > before.startDate ? 'startDate' : 'endDate', 409);
    const { organiserId: _organiser, ...after } = input;
    if (recordChange(tx, { actorId: actor.userId, entity: 'campaign', entityId: campaignId, institutionId: before.organiserId, before, after }, now).length) {
      tx.update(campaigns).set(after).where(eq(campaigns.id, campaignId)).run();
    }
  });
}

/** Bureaus the actor may run a campaign for. */
export function campaignOrganisers(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  return tx
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(and(eq(institutions.kind, 'bureau'), inArray(institutions.id, ids)))
    .orderBy(asc(institutions.name))
    .all();
}

function campaignRow(tx: Tx, campaignId: number) {
  const row = tx
    .select({ campaign: campaigns, organiser: institutions.name })
    .from(campaigns)
    .innerJoin(institutions, eq(institutions.id, campaigns.organiserId))
    .where(eq(campaigns.id, campaignId))
    .get();
  if (!row) throw new NotFoundError();
  return { ...row.campaign, organiser: row.organiser };
}

/** Events of a campaign the actor can see: everything but other institutions' drafts. */
function visibleEvents(actor: Actor) {
  return or(ne(events.state, 'draft'), institutionFilter(actor, 'read', events.organiserId));
}

/** Every campaign, newest first, with its organiser and how many institutions and events it has. */
export function listCampaigns(tx: Tx, { actor }: { actor: Actor }) {
  const joined = tx
    .select({ campaignId: campaignParticipants.campaignId, n: count().as('joined_n') })
    .from(campaignParticipants)
    .where(eq(campaignParticipants.state, 'accepted'))
    .groupBy(campaignParticipants.campaignId)
    .as('joined');
  const planned = tx
    .select({ campaignId: events.campaignId, n: count().as('planned_n') })
    .from(events)
    .where(visibleEvents(actor))
    .groupBy(events.campaignId)
    .as('planned');
  return tx
    .select({
      id: campaigns.id,
      name: campaigns.name,
      startDate: campaigns.startDate,
      endDate: campaigns.endDate,
      organiser: institutions.name,
      institutions: sql<number>`coalesce(${joined.n}, 0)`,
      events: sql<number>`coalesce(${planned.n}, 0)`,
    })
    .from(campaigns)
    .innerJoin(institutions, eq(institutions.id, campaigns.organiserId))
    .leftJoin(joined, eq(joined.campaignId, campaigns.id))
    .leftJoin(planned, eq(planned.campaignId, campaigns.id))
    .orderBy(desc(campaigns.startDate), desc(campaigns.id))
    .all();
}

/** How long after its last day a campaign still counts as the work in hand (its records come in late). */
const CAMPAIGN_IN_HAND_DAYS = 30;

/**
 * The campaigns run by the institutions the actor holds a managing role in, from those on or to come to those
 * ended within the last month, soonest first: how many institutions were invited, joined and declined, and how
 * many of its events are planned, done and cancelled.
 */
export function campaignProgress(tx: Tx, { actor }: { actor: Actor }, today: string) {
  const runIds = ownManagedInstitutionIds(actor);
  if (runIds.length === 0) return [];
  const rows = tx
    .select({ id: campaigns.id, name: campaigns.name, startDate: campaigns.startDate, endDate: campaigns.endDate })
    .from(campaigns)
    .where(and(inArray(campaigns.organiserId, runIds), gte(campaigns.endDate, addDays(today, -CAMPAIGN_IN_HAND_DAYS))))
    .orderBy(asc(campaigns.startDate), asc(campaigns.id))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((c) => c.id);
  const answers = tx
    .select({ campaignId: campaignParticipants.campaignId, state: campaignParticipants.state, n: count() })
    .from(campaignParticipants)
    .where(inArray(campaignParticipants.campaignId, ids))
    .groupBy(campaignParticipants.campaignId, campaignParticipants.state)
    .all();
  const planned = tx
    .select({ campaignId: events.campaignId, state: events.state, n: count() })
    .from(events)
    .where(and(inArray(events.campaignId, ids), visibleEvents(actor)))
    .groupBy(events.campaignId, events.state)
    .all();
  const counted = <S extends string>(found: { campaignId: number | null; state: S; n: number }[], campaignId: number, ...states: S[]) =>
    found.filter((row) => row.campaignId === campaignId && states.includes(row.state)).reduce((sum, row) => sum + row.n, 0);
  return rows.map((campaign) => ({
    ...campaign,
    invited: counted(answers, campaign.id, 'invited', 'accepted', 'declined'),
    joined: counted(answers, campaign.id, 'accepted'),
    declined: counted(answers, campaign.id, 'declined'),
    eventsPlanned: counted(planned, campaign.id, 'draft', 'published'),
    eventsDone: counted(planned, campaign.id, 'done'),
    eventsCancelled: counted(planned, campaign.id, 'cancelled'),
  }));
}

/** Invitations waiting for an answer from institutions the actor manages. */
export function pendingInvitations(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  return tx
    .select({ campaignId: campaigns.id, campaign: campaigns.name, startDate: campaigns.startDate, institutionId: institutions.id, institution: institutions.name })
    .from(campaignParticipants)
    .innerJoin(campaigns, eq(campaigns.id, campaignParticipants.campaignId))
    .innerJoin(institutions, eq(institutions.id, campaignParticipants.institutionId))
    .where(and(eq(campaignParticipants.state, 'invited'), inArray(campaignParticipants.institutionId, ids)))
    .orderBy(asc(campaigns.startDate))
    .all();
}

/** A campaign with its participants and the events the actor can see (with where each is, for the map). */
export function getCampaign(tx: Tx, { actor, campaignId }: { actor: Actor; campaignId: number }) {
  const campaign = campaignRow(tx, campaignId);
  const participants = tx
    .select({ institutionId: institutions.id, name: institutions.name, state: campaignParticipants.state, respondedAt: campaignParticipants.respondedAt })
    .from(campaignParticipants)
    .innerJoin(institutions, eq(institutions.id, campaignParticipants.institutionId))
    .where(eq(campaignParticipants.campaignId, campaignId))
    .orderBy(asc(institutions.name))
    .all()
    .map((p) => ({ ...p, mayRespond: canAccess(actor, p.institutionId, 'manage') }));
  const campaignEvents = tx
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      state: events.state,
      date: events.date,
      startTime: events.startTime,
      endTime: events.endTime,
      organiserId: events.organiserId,
      organiser: institutions.name,
      village: villages.name,
      address: events.address,
      lat: sql<number | null>`coalesce(${events.lat}, ${villages.lat})`,
      lng: sql<number | null>`coalesce(${events.lng}, ${villages.lng})`,
      peopleSeen: events.peopleSeen,
    })
    .from(events)
    .innerJoin(institutions, eq(institutions.id, events.organiserId))
    .leftJoin(villages, eq(villages.id, events.villageId))
    .where(and(eq(events.campaignId, campaignId), visibleEvents(actor)))
    .orderBy(asc(events.date), asc(events.startTime))
    .all();
  const joinedIds = participants.filter((p) => p.state === 'accepted').map((p) => p.institutionId);
  return {
    campaign,
    participants,
    events: campaignEvents,
    mayManage: canAccess(actor, campaign.organiserId, 'manage'),
    /** The actor's institutions that may plan events in this campaign. */
    plannerIds: [campaign.organiserId, ...joinedIds].filter((id) => canAccess(actor, id, 'manage')),
  };
}

/** Institutions that could still be invited: not yet in the campaign, the organiser's own institutions first. */
export function invitableInstitutions(tx: Tx, { actor, campaignId }: { actor: Actor; campaignId: number }) {
  const campaign = campaignRow(tx, campaignId);
  assertAccess(actor, campaign.organiserId, 'manage');
  const already = tx.select({ id: campaignParticipants.institutionId }).from(campaignParticipants).where(eq(campaignParticipants.campaignId, campaignId));
  return tx
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(and(ne(institutions.id, campaign.organiserId), notInArray(institutions.id, already)))
    .orderBy(sql`case when ${institutions.parentId} = ${campaign.organiserId} then 0 else 1 end`, asc(institutions.name))
    .all();
}

/** The organiser invites institutions; each one's coordinators are told by mail, in their language. */
export function inviteInstitutions(db: Db, { actor, campaignId, institutionIds }: { actor: Actor; campaignId: number; institutionIds: number[] }, now = Date.now()) {
  return db.transaction((tx) => {
    const campaign = campaignRow(tx, campaignId);
    assertAccess(actor, campaign.organiserId, 'manage');
    const known = new Set(invitableInstitutions(tx, { actor, campaignId }).map((i) => i.id));
    const invited = [...new Set(institutionIds)].filter((id) => known.has(id));
    if (invited.length === 0) throw new DomainError('campaign.pickInstitutions', 'institutionIds');
    for (const institutionId of invited) tx.insert(campaignParticipants).values({ campaignId, institutionId, state: 'invited' }).run();
    mailInvitedCoordinators(
      tx,
      {
        institutionIds: invited,
        kind: 'campaign_invitation',
        path: `/campaigns/${campaignId}`,
        lines: (t, institution) => {
          const params = { campaign: campaign.name, organiser: campaign.organiser, institution, start: campaign.startDate, end: campaign.endDate };
          return { subject: t('mail.campaignInvitationSubject', params), body: t('mail.campaignInvitationBody', params) };
        },
      },
      now,
    );
    recordAudit(tx, { actorId: actor.userId, action: 'invite', entity: 'campaign', entityId: campaignId, institutionId: campaign.organiserId, after: { institutionIds: invited } }, now);
    return invited.length;
  });
}

/** An invited institution accepts or declines (and may change its mind while the campaign runs). */
export function respondToInvitation(db: Db, { actor, campaignId, institutionId, accept }: { actor: Actor; campaignId: number; institutionId: number; accept: boolean }, now = Date.now()) {
  assertAccess(actor, institutionId, 'manage');
  db.transaction((tx) => {
    const where = and(eq(campaignParticipants.campaignId, campaignId), eq(campaignParticipants.institutionId, institutionId));
    const before = tx.select().from(campaignParticipants).where(where).get();
    if (!before) throw new NotFoundError();
    const state = accept ? 'accepted' : 'declined';
    tx.update(campaignParticipants).set({ state, respondedAt: now }).where(where).run();
    recordAudit(tx, { actorId: actor.userId, action: accept ? 'accept' : 'decline', entity: 'campaign', entityId: campaignId, institutionId, before: { state: before.state }, after: { state } }, now);
  });
}

/** Campaigns each of the actor's institutions may hold events in: as organiser or as a participant that accepted. */
export function campaignsOpenTo(tx: Tx, { actor }: { actor: Actor }) {
  const ids = institutionIdsFor(actor, 'manage');
  if (ids.length === 0) return [];
  const accepted = tx
    .select({ campaignId: campaignParticipants.campaignId, institutionId: campaignParticipants.institutionId })
    .from(campaignParticipants)
    .where(and(eq(campaignParticipants.state, 'accepted'), inArray(campaignParticipants.institutionId, ids)))
    .all();
  const rows = tx.select().from(campaigns).orderBy(desc(campaigns.startDate)).all();
  return rows
    .map((c) => ({
      id: c.id,
      name: c.name,
      startDate: c.startDate,
      endDate: c.endDate,
      institutionIds: [
        ...(ids.includes(c.organiserId) ? [c.organiserId] : []),
        ...accepted.filter((a) => a.campaignId === c.id).map((a) => a.institutionId),
      ],
    }))
    .filter((c) => c.institutionIds.length > 0);
}

/**
 * Whether an event may be placed in a campaign: its organiser must run the campaign or have accepted the
 * invitation, and its date must fall inside the campaign.
 */
export function assertEventFitsCampaign(tx: Tx, { campaignId, institutionId, date }: { campaignId: number; institutionId: number; date: string }) {
  const campaign = tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).get();
  if (!campaign) throw new DomainError('validation.choice', 'campaignId');
  if (!withinCampaign(campaign, date)) throw new DomainError(message('event.outsideCampaign', { start: campaign.startDate, end: campaign.endDate }), 'date');
  if (campaign.organiserId === institutionId) return;
  const joined = tx
    .select({ state: campaignParticipants.state })
    .from(campaignParticipants)
    .where(and(eq(campaignParticipants.campaignId, campaignId), eq(campaignParticipants.institutionId, institutionId), eq(campaignParticipants.state, 'accepted')))
    .get();
  if (!joined) throw new DomainError('event.notInCampaign', 'campaignId', 403);
}

/** The campaign's events that have a place on the map, as GeoJSON points (WGS-84 unless told otherwise). */
export function campaignEventFeatures(events: ReturnType<typeof getCampaign>['events'], point: (lat: number, lng: number) => [number, number]) {
  return eventFeatures(
    events.map((e) => ({ ...e, place: `${e.date} ${e.startTime} · ${e.village ?? e.address ?? ''}` })),
    point,
  );
}
