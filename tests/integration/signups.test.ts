// Sign-ups through the running site: confirmation mails with a calendar file over real SMTP, a freed place
// offered and taken through the mailed link, and 300 people asking at once for 20 places.
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRoles, memberships, outbox, shifts, signups, users } from '../../db/schema.ts';
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { addRole, createEvent, getEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { startSession } from '../../src/lib/server/auth/session.ts';
import { sendReminders } from '../../src/lib/signups/reminders.server.ts';
import { actorWithRole } from '../setup/actors.ts';
import { institutionId } from '../setup/demo.ts';
import { linkIn, type SmtpSink, startSmtpSink } from '../setup/smtp.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

/** A published free clinic next year with one volunteer shift of `capacity` places; returns the shift id. */
function publishedShift(site: Site, capacity: number, coordinator = actorWithRole(site.db, 'coordinator', '长春市中心医院')): number {
  const organiserId = coordinator.memberships[0].institutionId;
  const date = `${new Date().getUTCFullYear() + 1}-10-17`;
  const event = createEvent(site.db, { actor: coordinator, input: eventSchema.parse({ organiserId: String(organiserId), kind: 'free_clinic', title: `扶贫日义诊 ${capacity}`, date, startTime: '09:00', endTime: '12:00', address: '合心镇卫生院' }) });
  addRole(site.db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'volunteer', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: String(capacity) }] }) });
  publishEvent(site.db, { actor: coordinator, eventId: event.id });
  return getEvent(site.db, { actor: coordinator, eventId: event.id }).roles[0].shifts[0].id;
}

/** A signed-in visitor for a new volunteer account, with an address the SMTP sink can tell apart. */
async function volunteerVisitor(site: Site, email: string): Promise<Visitor> {
  const id = randomUUID();
  site.db.insert(users).values({ id, email, name: email.split('@')[0], passwordHash: 'x', emailVerifiedAt: 1 }).run();
  const cookie = await startSession(site.db, id);
  const visitor = new Visitor(site);
  visitor.cookie = `${cookie.name}=${cookie.value}`;
  expect(loadActor(site.db, id).memberships).toEqual([]);
  return visitor;
}

describe('sign-ups with real mail', () => {
  let smtp: SmtpSink;
  let site: Site;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    site = await startSite({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await site?.stop();
    await smtp?.close();
  });

  it('confirms with a calendar file; a freed place is offered by mail and taken through the link', async () => {
    const shiftId = publishedShift(site, 1);
    const first = await volunteerVisitor(site, 'first@example.cn');
    const second = await volunteerVisitor(site, 'second@example.cn');

    const signedUp = await first.post('/_actions/signups.signUp', { shiftId: String(shiftId) });
    expect(signedUp.status).toBe(200);
    const signupOf = (email: string) =>
      site.db.select({ id: signups.id, state: signups.state }).from(signups).innerJoin(users, eq(users.id, signups.userId)).where(and(eq(signups.shiftId, shiftId), eq(users.email, email))).get()!;
    const signupId = signupOf('first@example.cn').id;
    const confirmation = await smtp.waitFor((m) => m.to === 'first@example.cn');
    expect(confirmation.subject).toBe('报名成功：扶贫日义诊 1');
    expect(confirmation.attachments).toHaveLength(1);
    expect(confirmation.attachments[0]).toMatchObject({ filename: 'yizhen.ics', contentType: 'text/calendar' });
    const ics = confirmation.attachments[0].content;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toMatch(/DTSTART:\d{4}1017T010000Z/);
    expect(ics).toContain('SUMMARY:扶贫日义诊 1 · 志愿者');

    expect((await second.post('/_actions/signups.signUp', { shiftId: String(shiftId) })).status).toBe(200);
    expect(signupOf('second@example.cn').state).toBe('waitlisted');
    await smtp.waitFor((m) => m.to === 'second@example.cn' && m.subject.startsWith('已进入候补名单'));

    expect((await first.post('/signups?_action=signups.cancel', { signupId: String(signupId) })).status).toBe(200);
    const offer = await smtp.waitFor((m) => m.to === 'second@example.cn' && m.subject.startsWith('有空出的名额'));
    const link = new URL(linkIn(offer, '/signups/offer?token='));
    const page = await second.get(link.pathname + link.search);
    expect(await page.text()).toContain('确认参加');
    const token = link.searchParams.get('token')!;
    const taken = await second.post(`/signups/offer?_action=signups.confirmOffer&token=${token}`, { token });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('已确认');
    await smtp.waitFor((m) => m.to === 'second@example.cn' && m.subject.startsWith('报名成功'));
    expect(site.db.select({ n: count() }).from(signups).where(and(eq(signups.shiftId, shiftId), eq(signups.state, 'confirmed'))).get()!.n).toBe(1);
  });

  it('a freed place is taken signed in from the home page, by the person offered it and no one else', async () => {
    const shiftId = publishedShift(site, 1);
    const first = await volunteerVisitor(site, 'home-first@example.cn');
    const second = await volunteerVisitor(site, 'home-second@example.cn');
    const signupOf = (email: string) =>
      site.db.select({ id: signups.id, state: signups.state }).from(signups).innerJoin(users, eq(users.id, signups.userId)).where(and(eq(signups.shiftId, shiftId), eq(users.email, email))).get()!;
    await first.post('/_actions/signups.signUp', { shiftId: String(shiftId) });
    await second.post('/_actions/signups.signUp', { shiftId: String(shiftId) });
    await first.post('/signups?_action=signups.cancel', { signupId: String(signupOf('home-first@example.cn').id) });
    const offered = signupOf('home-second@example.cn');
    expect(offered.state).toBe('offered');
    const home = await (await second.get('/')).text();
    expect(home).toContain('为您保留的名额');
    expect(home).toContain('接受名额');

    // The one who gave the place back cannot take it in the other's name.
    expect((await first.post('/_actions/signups.acceptOffer', { signupId: String(offered.id) })).status).toBe(403);
    expect(signupOf('home-second@example.cn').state).toBe('offered');
    const taken = await second.post('/?_action=signups.acceptOffer', { signupId: String(offered.id) });
    expect(await taken.text()).toContain('名额已确认');
    expect(signupOf('home-second@example.cn').state).toBe('confirmed');
    await smtp.waitFor((m) => m.to === 'home-second@example.cn' && m.subject.startsWith('报名成功'));
    // A fresh post for the place already taken says it is no longer held, in the reader's language, and changes nothing.
    const again = await second.post('/?_action=signups.acceptOffer', { signupId: String(offered.id) });
    expect(await again.text()).toContain('这个名额已不再为您保留。');
    expect(site.db.select({ n: count() }).from(signups).where(and(eq(signups.shiftId, shiftId), eq(signups.state, 'confirmed'))).get()!.n).toBe(1);
  });

  it('the organiser assigns a person on the roster; the day-before reminder lets them give the place back', async () => {
    const organiser = await volunteerVisitor(site, 'organiser@example.cn');
    const coordinatorId = site.db.select({ id: users.id }).from(users).where(eq(users.email, 'organiser@example.cn')).get()!.id;
    site.db.insert(memberships).values({ userId: coordinatorId, institutionId: institutionId(site.db, '长春市中心医院'), role: 'coordinator' }).run();
    const shiftId = publishedShift(site, 1, loadActor(site.db, coordinatorId));
    const eventId = site.db.select({ eventId: eventRoles.eventId }).from(shifts).innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId)).where(eq(shifts.id, shiftId)).get()!.eventId;
    await volunteerVisitor(site, 'nurse@example.cn');
    const waiting = await volunteerVisitor(site, 'waiting@example.cn');

    const refused = await organiser.post(`/events/${eventId}/roster?_action=signups.assign`, { email: 'nobody@example.cn', shiftId: String(shiftId) });
    expect(await refused.text()).toContain('没有这个邮箱的账户');
    const assigned = await organiser.post(`/events/${eventId}/roster?_action=signups.assign`, { email: ' Nurse@Example.cn ', shiftId: String(shiftId) });
    expect(await assigned.text()).toContain('已安排');
    const placeMail = await smtp.waitFor((m) => m.to === 'nurse@example.cn');
    expect(placeMail.subject).toBe('已为您安排：扶贫日义诊 1');
    expect(placeMail.attachments[0].content).toContain('BEGIN:VEVENT');
    expect((await waiting.post('/_actions/signups.signUp', { shiftId: String(shiftId) })).status).toBe(200);

    const startsAt = site.db.select({ startsAt: shifts.startsAt }).from(shifts).where(eq(shifts.id, shiftId)).get()!.startsAt;
    expect(sendReminders(site.db, startsAt - 24 * 3_600_000)).toBeGreaterThan(0);
    // The reminders are dated the day before the shift; let the site's mail sender treat that day as come.
    site.db.update(outbox).set({ nextAttemptAt: Date.now() }).where(eq(outbox.kind, 'reminder')).run();
    const reminder = await smtp.waitFor((m) => m.to === 'nurse@example.cn' && m.subject.startsWith('明天的活动'));
    const link = new URL(linkIn(reminder, '/signups/reminder?token='));
    const nurse = new Visitor(site);
    expect(await (await nurse.get(link.pathname + link.search)).text()).toContain('我不能参加');
    const token = link.searchParams.get('token')!;
    const answered = await nurse.post(`/signups/reminder?_action=signups.answerReminder&token=${token}`, { token, answer: 'not_coming' });
    expect(await answered.text()).toContain('已为您取消');
    await smtp.waitFor((m) => m.to === 'waiting@example.cn' && m.subject.startsWith('有空出的名额'));
  });

  it('never overbooks: 300 people at once for 20 places', async () => {
    const shiftId = publishedShift(site, 20);
    const visitors = await Promise.all(Array.from({ length: 300 }, (_, i) => volunteerVisitor(site, `crowd${i}@example.cn`)));
    const responses = await Promise.all(visitors.map((v) => v.post('/_actions/signups.signUp', { shiftId: String(shiftId) })));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const states = site.db.select({ state: signups.state }).from(signups).where(eq(signups.shiftId, shiftId)).all().map((r) => r.state);
    expect(states).toHaveLength(300);
    expect(states.filter((s) => s === 'confirmed')).toHaveLength(20);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(280);

    const confirmedMails = () => smtp.messages.filter((m) => m.to.startsWith('crowd') && m.subject.startsWith('报名成功'));
    const deadline = Date.now() + 60_000;
    while (site.db.select({ n: count() }).from(outbox).where(eq(outbox.state, 'pending')).get()!.n > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(confirmedMails()).toHaveLength(20);
    expect(new Set(confirmedMails().map((m) => m.to)).size).toBe(20);
  }, 120_000);
});
