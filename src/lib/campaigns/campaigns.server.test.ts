// Campaigns: who may run one, invitations and answers, which events may join, what each actor sees.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { institutions, outbox } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole, volunteer } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { eventSchema } from '../events/events.ts';
import { cancelEvent, copyEvent, createEvent, getEvent, publishEvent } from '../events/events.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { DomainError, ForbiddenError } from '../server/errors.ts';
import { campaignSchema, invitationSchema, timeline } from './campaigns.ts';
import {
  campaignEventFeatures,
  campaignOrganisers,
  campaignsOpenTo,
  createCampaign,
  getCampaign,
  invitableInstitutions,
  inviteInstitutions,
  listCampaigns,
  pendingInvitations,
  respondToInvitation,
  updateCampaign,
} from './campaigns.server.ts';

const NOW = Date.parse('2020-09-01T10:00:00+08:00');
let db: Db;
let bureau: Actor;
let hospital: Actor;
const idOf = (name: string) => db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get()!.id;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  bureau = actorWithRole(db, 'coordinator', '长春市卫生健康委员会');
  hospital = actorWithRole(db, 'coordinator', '长春市中心医院');
});

function campaign2020() {
  return createCampaign(db, { actor: bureau, input: campaignSchema.parse({ organiserId: String(idOf('长春市卫生健康委员会')), name: '2020年全国扶贫日', startDate: '2020-10-10', endDate: '2020-10-20', description: '' }) }, NOW);
}

function eventInput(organiserId: number, campaignId: number | '', date: string) {
  return eventSchema.parse({ organiserId: String(organiserId), campaignId: String(campaignId), kind: 'free_clinic', title: '扶贫日义诊', date, startTime: '09:00', endTime: '12:00', address: '乡卫生院', lat: '43.9', lng: '125.3' });
}

describe('campaigns', () => {
  it('are run by a bureau, by its coordinators or an administrator only', () => {
    expect(campaignOrganisers(db, { actor: bureau }).map((o) => o.name)).toEqual(['长春市卫生健康委员会']);
    expect(campaignOrganisers(db, { actor: hospital })).toEqual([]);
    const input = campaignSchema.parse({ organiserId: String(idOf('长春市中心医院')), name: '医院活动', startDate: '2020-10-10', endDate: '2020-10-20' });
    expect(() => createCampaign(db, { actor: hospital, input })).toThrow('campaign.organiserBureau');
    expect(() => createCampaign(db, { actor: actorWithRole(db, 'publicity', '长春市卫生健康委员会'), input: { ...input, organiserId: idOf('长春市卫生健康委员会') } })).toThrow(ForbiddenError);
    expect(campaign2020().name).toBe('2020年全国扶贫日');
  });

  it('refuse an end before the start, beside the end date', () => {
    const result = campaignSchema.safeParse({ organiserId: '1', name: 'x', startDate: '2020-10-20', endDate: '2020-10-10' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['endDate'], message: 'pairing.endBeforeStart' });
    expect(invitationSchema.safeParse({ campaignId: '1', institutionIds: null }).error!.issues[0]).toMatchObject({ path: ['institutionIds'], message: 'campaign.pickInstitutions' });
  });

  it('invite institutions, whose coordinators are mailed and answer for their institution only', () => {
    const { id } = campaign2020();
    const central = idOf('长春市中心医院');
    expect(invitableInstitutions(db, { actor: bureau, campaignId: id })[0].name).not.toBe('沁源县人民医院');
    expect(() => invitableInstitutions(db, { actor: hospital, campaignId: id })).toThrow(ForbiddenError);
    expect(() => inviteInstitutions(db, { actor: hospital, campaignId: id, institutionIds: [central] })).toThrow(ForbiddenError);
    expect(inviteInstitutions(db, { actor: bureau, campaignId: id, institutionIds: [central, central, idOf('长春市中医院')] }, NOW)).toBe(2);
    // Already invited ones, and the organiser itself, cannot be invited (again).
    expect(() => inviteInstitutions(db, { actor: bureau, campaignId: id, institutionIds: [central, idOf('长春市卫生健康委员会')] })).toThrow('campaign.pickInstitutions');
    const mails = db.select().from(outbox).where(eq(outbox.kind, 'campaign_invitation')).all();
    // The hospital's two coordinators (the demo one and this test's); the other hospital has none.
    expect(mails.map((m) => m.recipient)).toHaveLength(2);
    expect(mails.map((m) => m.recipient)).toContain('coordinator@yizhen.demo');
    expect(mails[0].subject).toBe('邀请参加：2020年全国扶贫日');
    expect(mails[0].body).toContain(`/campaigns/${id}`);
    // The campaign's days as a reader writes them.
    expect(mails[0].body).toContain('（2020年10月10日 至 2020年10月20日）');

    expect(pendingInvitations(db, { actor: hospital })).toMatchObject([{ campaignId: id, institution: '长春市中心医院' }]);
    expect(() => respondToInvitation(db, { actor: actorWithRole(db, 'member', '长春市中心医院'), campaignId: id, institutionId: central, accept: true })).toThrow(ForbiddenError);
    expect(() => respondToInvitation(db, { actor: hospital, campaignId: id, institutionId: idOf('长春市中医院'), accept: true })).toThrow(ForbiddenError);
    respondToInvitation(db, { actor: hospital, campaignId: id, institutionId: central, accept: true }, NOW);
    expect(pendingInvitations(db, { actor: hospital })).toEqual([]);
    const seen = getCampaign(db, { actor: volunteer(db), campaignId: id });
    expect(seen.participants.map((p) => [p.name, p.state, p.mayRespond])).toEqual([
      ['长春市中医院', 'invited', false],
      ['长春市中心医院', 'accepted', false],
    ]);
    expect(listCampaigns(db, { actor: volunteer(db) }).find((c) => c.id === id)).toMatchObject({ institutions: 1, events: 0 });
  });

  it('take events only from their organiser and institutions that accepted, dated within the campaign', () => {
    const { id } = campaign2020();
    const central = idOf('长春市中心医院');
    expect(() => createEvent(db, { actor: hospital, input: eventInput(central, id, '2020-10-17') })).toThrow('event.notInCampaign');
    inviteInstitutions(db, { actor: bureau, campaignId: id, institutionIds: [central] }, NOW);
    expect(() => createEvent(db, { actor: hospital, input: eventInput(central, id, '2020-10-17') })).toThrow('event.notInCampaign');
    respondToInvitation(db, { actor: hospital, campaignId: id, institutionId: central, accept: true }, NOW);
    expect(campaignsOpenTo(db, { actor: hospital }).find((c) => c.id === id)!.institutionIds).toEqual([central]);
    const outside = (() => {
      try {
        createEvent(db, { actor: hospital, input: eventInput(central, id, '2020-11-17') });
      } catch (error) {
        return error as DomainError;
      }
    })();
    expect(outside).toMatchObject({ field: 'date', message: 'event.outsideCampaign?start=2020-10-10&end=2020-10-20' });
    const draft = createEvent(db, { actor: hospital, input: eventInput(central, id, '2020-10-17') }, NOW);
    const bureauEvent = createEvent(db, { actor: bureau, input: eventInput(idOf('长春市卫生健康委员会'), id, '2020-10-12') }, NOW);
    publishEvent(db, { actor: bureau, eventId: bureauEvent.id }, NOW);

    // Other institutions see the published event only; the organiser sees its own draft too.
    expect(getCampaign(db, { actor: volunteer(db), campaignId: id }).events.map((e) => e.id)).toEqual([bureauEvent.id]);
    const own = getCampaign(db, { actor: hospital, campaignId: id });
    expect(own.events.map((e) => e.id)).toEqual([bureauEvent.id, draft.id]);
    expect(own.plannerIds).toEqual([central]);
    expect(getEvent(db, { actor: hospital, eventId: draft.id }).campaign).toEqual({ id, name: '2020年全国扶贫日' });

    const features = campaignEventFeatures(own.events, (lat, lng) => [lng, lat]).features;
    expect(features.map((f) => [f.properties.id, f.geometry.coordinates])).toEqual([
      [bureauEvent.id, [125.3, 43.9]],
      [draft.id, [125.3, 43.9]],
    ]);

    // Next year's copy falls outside the campaign and leaves it; a copy within it stays.
    expect(copyEvent(db, { actor: hospital, eventId: draft.id, date: '2021-10-17' }, NOW).campaignId).toBeNull();
    expect(copyEvent(db, { actor: hospital, eventId: draft.id, date: '2020-10-18' }, NOW).campaignId).toBe(id);
  });

  it('are corrected by their organiser; their dates keep every event that still stands', () => {
    const { id } = campaign2020();
    const commission = idOf('长春市卫生健康委员会');
    const early = createEvent(db, { actor: bureau, input: eventInput(commission, id, '2020-10-11') }, NOW);
    createEvent(db, { actor: bureau, input: eventInput(commission, id, '2020-10-17') }, NOW);
    const correct = (fields: Record<string, string>, actor = bureau) =>
      updateCampaign(db, { actor, campaignId: id, input: campaignSchema.parse({ organiserId: String(commission), name: '2020年全国扶贫日', startDate: '2020-10-10', endDate: '2020-10-20', description: '', ...fields }) }, NOW);
    correct({ name: '2020年扶贫日健康扶贫活动', endDate: '2020-10-31' });
    expect(getCampaign(db, { actor: hospital, campaignId: id }).campaign).toMatchObject({ name: '2020年扶贫日健康扶贫活动', endDate: '2020-10-31' });
    expect(() => correct({ startDate: '2020-10-15' })).toThrow('campaign.eventsOutside?count=1');
    expect(() => correct({ startDate: '2020-10-18' })).toThrow('campaign.eventsOutside?count=2');
    cancelEvent(db, { actor: bureau, eventId: early.id, reason: '下雨' }, NOW);
    correct({ startDate: '2020-10-15' });
    expect(getCampaign(db, { actor: hospital, campaignId: id }).campaign.startDate).toBe('2020-10-15');
    expect(() => correct({ organiserId: String(idOf('沁源县卫生健康局')) })).toThrow(DomainError);
    expect(() => correct({ name: '改名' }, hospital)).toThrow(ForbiddenError);
  });

  it('lay out their events day by day', () => {
    const days = timeline([
      { date: '2020-10-17', startTime: '13:00', id: 1 },
      { date: '2020-10-12', startTime: '09:00', id: 2 },
      { date: '2020-10-17', startTime: '08:30', id: 3 },
    ]);
    expect(days.map((d) => [d.date, d.events.map((e) => e.id)])).toEqual([
      ['2020-10-12', [2]],
      ['2020-10-17', [3, 1]],
    ]);
  });
});
