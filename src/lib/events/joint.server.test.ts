// Joint events against a real database: 宽城区's Poverty Alleviation Day (seed 002) was run by its health bureau
// with the district's culture and tourism bureau, 兰家镇's government and the poverty alleviation office. Each body
// places its own people and hands out its own stock; the tallies count each institution and each person once.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventCoorganisers, institutions, outbox, staff, villages } from '#db/schema.ts';
import { KUANCHENG, seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { recordHandouts } from '../handouts/handouts.server.ts';
import { handoutSchema } from '../handouts/handouts.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { assignStaffToShift } from '../signups/assignments.server.ts';
import { eventRoster, markAttendance } from '../signups/attendance.server.ts';
import { addStaff } from '../staff/staff.server.ts';
import { staffSchema } from '../staff/staff.ts';
import { createItem, receiveStock } from '../stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../stock/stock.ts';
import { tally } from '../tallies/tallies.server.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { addRole, completeEvent, createEvent, getEvent, listEvents, publishEvent } from './events.server.ts';
import { eventSchema, roleSchema } from './events.ts';
import { invitableCoorganisers, inviteCoorganisers, jointOrganisers, pendingCoorganising, respondToCoorganising } from './joint.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
const PARTNERS = ['宽城区文化旅游局', '兰家镇人民政府', '宽城区扶贫办'];
let db: Db;
let lead: Actor;
let partners: Actor[];
let eventId: number;
let shiftId: number;

const idOf = (name: string) => db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get()!.id;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  // A district health centre joins as a health institution, beside the three partner bodies.
  db.insert(institutions).values({ name: '宽城区站前社区卫生服务中心', kind: 'community_centre', parentId: idOf(KUANCHENG), createdAt: NOW }).run();
  lead = actorWithRole(db, 'coordinator', KUANCHENG);
  partners = PARTNERS.map((name) => actorWithRole(db, 'coordinator', name));
  const village = db.select({ id: villages.id }).from(villages).where(eq(villages.name, '东道村')).get()!.id;
  const event = createEvent(db, {
    actor: lead,
    input: eventSchema.parse({ organiserId: String(idOf(KUANCHENG)), campaignId: '', kind: 'free_clinic', title: '携手脱贫攻坚 共筑和谐宽城', date: '2019-10-17', startTime: '08:30', endTime: '11:30', villageId: String(village), address: '', services: ['blood_pressure', 'blood_sugar'] }),
  }, NOW);
  eventId = event.id;
  addRole(db, { actor: lead, input: roleSchema.parse({ eventId, kind: 'volunteer', shifts: [{ startTime: '08:30', endTime: '11:30', capacity: '20' }] }) }, NOW);
  shiftId = getEvent(db, { actor: lead, eventId }).roles[0].shifts[0].id;
});

/** One of the institution's staff, added by its coordinator. */
const person = (actor: Actor, name: string, profession = 'administrative') =>
  addStaff(db, { actor, input: staffSchema.parse({ institutionId: String(actor.memberships[0].institutionId), name, profession }) }, NOW) &&
  db.select({ id: staff.id }).from(staff).where(eq(staff.name, name)).get()!.id;

/** A stock of leaflets at the institution, ready to hand out. */
function leaflets(actor: Actor, amount: string) {
  const item = createItem(db, { actor, input: itemSchema.parse({ institutionId: String(actor.memberships[0].institutionId), name: '健康扶贫宣传册', kind: 'leaflet', unit: 'copy', unitPrice: '0.5' }) }, NOW);
  receiveStock(db, { actor, input: receiptSchema.parse({ itemId: String(item.id), amount, batchNo: '', expiryDate: '', source: 'bought' }) }, '2019-10-10', NOW);
  return item.id;
}

const inviteAll = () => inviteCoorganisers(db, { actor: lead, eventId, institutionIds: PARTNERS.map(idOf) }, NOW);

describe('joint events', () => {
  it('are asked by the organiser; the invited coordinators are mailed, read the draft and answer', () => {
    expect(invitableCoorganisers(db, { actor: lead, eventId }).slice(0, 1).map((i) => i.name)).toEqual(['宽城区站前社区卫生服务中心']);
    expect(() => inviteCoorganisers(db, { actor: partners[0], eventId, institutionIds: [idOf(PARTNERS[1])] }, NOW)).toThrow(ForbiddenError);
    expect(() => inviteCoorganisers(db, { actor: lead, eventId, institutionIds: [idOf(KUANCHENG)] }, NOW)).toThrow('campaign.pickInstitutions');
    expect(inviteAll()).toBe(3);
    // Every coordinator of the three: the demo's 刘宏伟 of the culture bureau, and one more in each.
    const mails = db.select().from(outbox).where(eq(outbox.kind, 'event_invitation')).all();
    expect(mails.map((m) => m.subject)).toEqual(Array(4).fill('联合主办邀请：携手脱贫攻坚 共筑和谐宽城'));
    expect(mails.map((m) => m.recipient)).toContain('kuancheng-culture@yizhen.demo');
    // Asked again, nobody is invited twice.
    expect(() => inviteAll()).toThrow('campaign.pickInstitutions');
    // The invited may read the draft and find it among their events; another institution may not.
    expect(getEvent(db, { actor: partners[0], eventId }).title).toBe('携手脱贫攻坚 共筑和谐宽城');
    expect(listEvents(db, { actor: partners[0], from: '2019-01-01' }).rows.map((e) => e.id)).toContain(eventId);
    expect(() => getEvent(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), eventId })).toThrow(ForbiddenError);
    expect(pendingCoorganising(db, { actor: partners[0] }).map((p) => p.title)).toEqual(['携手脱贫攻坚 共筑和谐宽城']);
    // Only the invited institution answers for itself.
    expect(() => respondToCoorganising(db, { actor: partners[1], eventId, institutionId: idOf(PARTNERS[0]), accept: true }, NOW)).toThrow(ForbiddenError);
    respondToCoorganising(db, { actor: partners[0], eventId, institutionId: idOf(PARTNERS[0]), accept: true }, NOW);
    respondToCoorganising(db, { actor: partners[2], eventId, institutionId: idOf(PARTNERS[2]), accept: false }, NOW);
    expect(jointOrganisers(db, { actor: lead, event: { id: eventId, organiserId: idOf(KUANCHENG) } }).map((o) => [o.name, o.lead, o.state])).toEqual([
      [KUANCHENG, true, 'accepted'],
      ['宽城区文化旅游局', false, 'accepted'],
      ['兰家镇人民政府', false, 'invited'],
      ['宽城区扶贫办', false, 'declined'],
    ]);
    expect(pendingCoorganising(db, { actor: partners[0] })).toEqual([]);
  });

  it('have each body place its own people and hand out its own stock, seeing only its own people', () => {
    publishEvent(db, { actor: lead, eventId }, NOW);
    inviteAll();
    const culture = partners[0];
    const guide = person(culture, '文旅局 张导');
    // Not running it yet: the invitation alone places nobody and gives nothing.
    expect(() => assignStaffToShift(db, { actor: culture, shiftId, staffId: guide }, NOW)).toThrow('validation.choice');
    const leafletsOfCulture = leaflets(culture, '500');
    expect(() => recordHandouts(db, { actor: culture, input: handoutSchema.parse({ eventId, institutionId: String(idOf(PARTNERS[0])), quantities: { [leafletsOfCulture]: '200' } }) }, NOW)).toThrow('validation.choice');
    for (const [i, actor] of partners.entries()) respondToCoorganising(db, { actor, eventId, institutionId: idOf(PARTNERS[i]), accept: true }, NOW);

    const placed = assignStaffToShift(db, { actor: culture, shiftId, staffId: guide }, NOW);
    const nurse = person(lead, '卫健局 王护士', 'nurse');
    const leadPlaced = assignStaffToShift(db, { actor: lead, shiftId, staffId: nurse }, NOW);
    // A body places only its own staff.
    expect(() => assignStaffToShift(db, { actor: culture, shiftId, staffId: nurse }, NOW)).toThrow(ForbiddenError);
    recordHandouts(db, { actor: culture, input: handoutSchema.parse({ eventId, institutionId: String(idOf(PARTNERS[0])), quantities: { [leafletsOfCulture]: '200' } }) }, NOW);
    // Its stock is its own: the lead cannot hand it out, nor can it hand out the lead's.
    expect(() => recordHandouts(db, { actor: lead, input: handoutSchema.parse({ eventId, institutionId: String(idOf(PARTNERS[0])), quantities: { [leafletsOfCulture]: '1' } }) }, NOW)).toThrow(ForbiddenError);
    const leadLeaflets = leaflets(lead, '300');
    expect(() => recordHandouts(db, { actor: culture, input: handoutSchema.parse({ eventId, quantities: { [leadLeaflets]: '1' } }) }, NOW)).toThrow(ForbiddenError);

    // The organiser's roster has everyone and who sent them; the culture bureau's only its own.
    expect(eventRoster(db, { actor: lead, eventId }).rows.map((r) => [r.name, r.sentBy])).toEqual([
      ['文旅局 张导', '宽城区文化旅游局'],
      ['卫健局 王护士', KUANCHENG],
    ]);
    expect(eventRoster(db, { actor: culture, eventId }).rows.map((r) => r.name)).toEqual(['文旅局 张导']);
    expect(() => eventRoster(db, { actor: actorWithRole(db, 'coordinator', '沁源县人民医院'), eventId })).toThrow(ForbiddenError);
    markAttendance(db, { actor: culture, signupId: placed.signupId, mark: 'check_in' }, NOW);
    expect(() => markAttendance(db, { actor: culture, signupId: leadPlaced.signupId, mark: 'no_show' }, NOW)).toThrow(ForbiddenError);
    // Stepping back is refused while its people and leaflets are on the event.
    expect(() => respondToCoorganising(db, { actor: culture, eventId, institutionId: idOf(PARTNERS[0]), accept: false }, NOW)).toThrow('joint.stillBringing');

    const brought = jointOrganisers(db, { actor: lead, event: { id: eventId, organiserId: idOf(KUANCHENG) } });
    expect(brought.map((o) => [o.name, o.people, o.handouts, o.handoutFen])).toEqual([
      [KUANCHENG, 1, 0, 0],
      ['宽城区文化旅游局', 1, 1, 10_000],
      ['兰家镇人民政府', 0, 0, 0],
      ['宽城区扶贫办', 0, 0, 0],
    ]);
  });

  it('are counted once: one event, each institution once (partner bodies are not 医疗机构), each person once', () => {
    publishEvent(db, { actor: lead, eventId }, NOW);
    const centre = actorWithRole(db, 'coordinator', '宽城区站前社区卫生服务中心');
    inviteCoorganisers(db, { actor: lead, eventId, institutionIds: [...PARTNERS.map(idOf), idOf('宽城区站前社区卫生服务中心')] }, NOW);
    for (const [i, actor] of partners.entries()) respondToCoorganising(db, { actor, eventId, institutionId: idOf(PARTNERS[i]), accept: i < 2 });
    respondToCoorganising(db, { actor: centre, eventId, institutionId: idOf('宽城区站前社区卫生服务中心'), accept: true }, NOW);
    // The same doctor is on the staff lists of the bureau and the centre, linked to one account, and placed by both.
    const doctor = actorWithRole(db, 'member', '宽城区站前社区卫生服务中心');
    const onBoth = [lead, centre].map((actor) => {
      const id = person(actor, `李医生${actor.userId.slice(0, 4)}`, 'doctor');
      db.update(staff).set({ userId: doctor.userId, licenceNumber: '110220000123456' }).where(eq(staff.id, id)).run();
      return id;
    });
    addRole(db, { actor: lead, input: roleSchema.parse({ eventId, kind: 'doctor', shifts: [{ startTime: '08:30', endTime: '10:00', capacity: '5' }, { startTime: '10:00', endTime: '11:30', capacity: '5' }] }) }, NOW);
    const doctorShifts = getEvent(db, { actor: lead, eventId }).roles[1].shifts.map((s) => s.id);
    assignStaffToShift(db, { actor: lead, shiftId: doctorShifts[0], staffId: onBoth[0] }, NOW);
    assignStaffToShift(db, { actor: centre, shiftId: doctorShifts[1], staffId: onBoth[1] }, NOW);
    completeEvent(db, { actor: lead, eventId, outcomes: { peopleSeen: 320 } }, NOW);

    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const { figures } = tally(db, { actor: admin, filters: tallyFilterSchema.parse({ from: '2019-10-17', to: '2019-10-17' }) });
    expect({ events: figures.events, institutions: figures.institutions, medicalStaff: figures.medicalStaff, peopleSeen: figures.peopleSeen }).toEqual({ events: 1, institutions: 2, medicalStaff: 1, peopleSeen: 320 });
    // Declined and never-answered invitations run nothing; a partner's own tally counts the event it ran.
    const byInstitution = (name: string) => tally(db, { actor: admin, filters: tallyFilterSchema.parse({ institution: String(idOf(name)), from: '2019-10-17', to: '2019-10-17' }) }).figures.events;
    expect(PARTNERS.map(byInstitution)).toEqual([1, 1, 0]);
    expect(db.select().from(eventCoorganisers).where(eq(eventCoorganisers.eventId, eventId)).all().map((c) => c.state).sort()).toEqual(['accepted', 'accepted', 'accepted', 'declined']);
  });
});
