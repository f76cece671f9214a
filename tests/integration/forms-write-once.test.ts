// Every form that writes, posted as a browser posts it: the form is read from its page (with the key it
// carries), sent, and answered with 303 See Other to a plain GET page that shows the outcome once. Reloading
// that page, or going Back and sending the same form again, leaves every record as it was.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, campaigns, contracts, contractServices, eventParts, eventRoles, eventSeries, households, items, pairingProjects, pairings, projectPayments, purchases, shifts, staff, teamMembers, teams, users, vehicles, villages, visits } from '../../db/schema.ts';
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { addRole, createEvent, getEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { type DemoRole, institutionId, OTHER_INSTITUTION, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

interface Ids {
  bureau: number;
  own: number;
  /** Another institution of the own city: 长春市妇产医院. */
  sibling: number;
  other: number;
  village: number;
  household: number;
  campaign: number;
  event: number;
  item: number;
  pairing: number;
  visit: number;
  vehicle: number;
  purchase: number;
  newVillage: number;
  township: number;
  /** Qinyuan's family doctor team, 王文中 under contract with it, a hospital doctor not in it, a paired village. */
  team: number;
  wenzhong: number;
  doctor: number;
  redVillage: number;
  /** A volunteer service team of the county hospital, one of its members, and a shift of the hospital's clinic. */
  serviceTeam: number;
  serviceMember: number;
  qinyuanShift: number;
  /** A project on the own institution's approved village pairing. */
  project: number;
  /** A recurring series of the own institution. */
  series: number;
  /** The first part of the programme of the event made above. */
  part: number;
}

interface FormCase {
  name: string;
  as: DemoRole;
  page: (ids: Ids) => string;
  action: string;
  /** Hidden fields that pick this form out of several posting the same action on the page. */
  pick?: (ids: Ids) => Record<string, string>;
  fields: (ids: Ids) => Record<string, string | string[]>;
  /** Text the page shows once after the post. */
  notice?: string;
}

// In order: later forms use what earlier ones made (the event, its roles).
const FORMS: FormCase[] = [
  { name: 'a village', as: 'admin', page: () => '/villages', action: 'places.createVillage', fields: () => ({ province: '吉林省', city: '长春市', county: '农安县', township: '高家店镇', name: '新立村', status: 'poverty_village' }) },
  { name: 'a free clinic', as: 'coordinator', page: () => '/events/new', action: 'events.create', fields: ({ own }) => ({ organiserId: String(own), kind: 'free_clinic', title: '重阳节义诊', date: '2099-10-17', startTime: '09:00', endTime: '12:00', address: '合心镇卫生院门前', services: ['blood_pressure', 'ecg'] }) },
  { name: 'a role', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.addRole', fields: () => ({ kind: 'nurse', requirement: 'none', startTime: '09:00', endTime: '12:00', capacity: '3' }), notice: '已保存。' },
  { name: 'a shift', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.addShift', fields: () => ({ startTime: '13:00', endTime: '15:00', capacity: '2' }), notice: '已保存。' },
  { name: 'a corrected shift', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.updateShift', fields: () => ({ startTime: '08:30', endTime: '12:00', capacity: '4' }), notice: '已保存。' },
  { name: 'a corrected role', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.updateRole', fields: () => ({ kind: 'doctor', specialty: '心内科', requirement: 'none' }), notice: '已保存。' },
  { name: 'a part of the programme', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.addPart', fields: () => ({ kind: 'ceremony', title: '启动仪式', startTime: '09:00', endTime: '09:30', place: '卫生院门前' }), notice: '已保存。' },
  { name: 'a corrected part', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.updatePart', fields: () => ({ title: '扶贫日启动仪式', place: '卫生院门前广场' }), notice: '已保存。' },
  { name: 'a role for a part', as: 'coordinator', page: ({ event, part }) => `/events/${event}?part=${part}`, action: 'events.addRole', fields: () => ({ kind: 'publicity', requirement: 'none', capacity: '1' }), notice: '已保存。' },
  { name: 'publishing', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.publish', fields: () => ({}), notice: '活动已发布' },
  { name: 'a sign-up', as: 'member', page: ({ event }) => `/events/${event}`, action: 'signups.signUp', fields: () => ({}), notice: '报名成功' },
  { name: 'a sign-up cancelled from the event', as: 'member', page: ({ event }) => `/events/${event}`, action: 'signups.cancel', fields: () => ({}), notice: '已取消报名。' },
  { name: 'a corrected event', as: 'coordinator', page: ({ event }) => `/events/${event}/edit`, action: 'events.update', fields: () => ({ title: '重阳节义诊（改）', date: '2099-10-18', services: ['blood_pressure', 'ecg', 'ultrasound'] }) },
  { name: 'a copy', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.copy', fields: () => ({ date: '2100-10-17', title: '2100年重阳节义诊' }) },
  { name: 'co-organisers invited', as: 'coordinator', page: ({ event }) => `/events/${event}`, action: 'events.inviteCoorganisers', fields: ({ other }) => ({ institutionIds: [String(other)] }), notice: '邀请已发出。' },
  { name: 'an invitation to co-organise accepted', as: 'otherCoordinator', page: ({ event }) => `/events/${event}`, action: 'events.respondCoorganising', pick: ({ other }) => ({ institutionId: String(other), answer: 'accept' }), fields: () => ({}), notice: '已答复邀请。' },
  { name: 'a recurring series', as: 'coordinator', page: () => '/series/new', action: 'series.create', fields: ({ own }) => ({ organiserId: String(own), title: '每周四巡诊', frequency: 'weekly', weekday: '4', startDate: '2099-01-01', endDate: '2099-03-31', villageId: '', address: '合心镇卫生院', countyId: '' }) },
  { name: 'a series’ rule changed', as: 'coordinator', page: ({ series }) => `/series/${series}`, action: 'series.update', fields: () => ({ frequency: 'monthly', weekOfMonth: '5', weekday: '2' }), notice: '已按新规则重排' },
  { name: 'a series’ drafts published', as: 'coordinator', page: ({ series }) => `/series/${series}`, action: 'series.publishDrafts', fields: () => ({}), notice: '已发布 3 场活动。' },
  { name: 'an item', as: 'coordinator', page: ({ own }) => `/institutions/${own}/stock`, action: 'stock.createItem', fields: ({ own }) => ({ institutionId: String(own), name: '板蓝根颗粒', genericName: '板蓝根颗粒', kind: 'drug', unit: 'box', unitPrice: '12.5' }) },
  { name: 'a receipt', as: 'coordinator', page: ({ own }) => `/institutions/${own}/stock`, action: 'stock.receive', fields: ({ item }) => ({ itemId: String(item), amount: '40', source: 'bought', batchNo: '20260901', expiryDate: '2100-09-01' }) },
  { name: 'a handout at the event', as: 'coordinator', page: ({ event }) => `/events/${event}/handouts`, action: 'handouts.record', fields: ({ item }) => ({ [`quantities.${item}`]: '3', recipient: '孙广森' }) },
  { name: 'a vehicle', as: 'coordinator', page: ({ own }) => `/institutions/${own}/vehicles`, action: 'vehicles.add', fields: ({ own }) => ({ institutionId: String(own), plate: '吉A99999', kind: 'ambulance' }) },
  { name: 'a corrected item', as: 'coordinator', page: ({ item }) => `/items/${item}/edit`, action: 'stock.updateItem', fields: () => ({ unitPrice: '13', specification: '10g×20袋' }) },
  { name: 'a corrected vehicle', as: 'coordinator', page: ({ vehicle }) => `/vehicles/${vehicle}/edit`, action: 'vehicles.update', fields: () => ({ kind: 'car', seats: '6' }) },
  { name: 'a corrected institution', as: 'coordinator', page: ({ own }) => `/institutions/${own}`, action: 'institutions.update', fields: () => ({ contactName: '王主任', address: '吉林省长春市朝阳区' }), notice: '已保存。' },
  { name: 'a staff member', as: 'coordinator', page: ({ own }) => `/institutions/${own}/staff`, action: 'staff.add', fields: ({ own }) => ({ institutionId: String(own), name: '刘晓光', profession: 'nurse' }) },
  { name: 'a donation', as: 'coordinator', page: ({ own }) => `/institutions/${own}/donations`, action: 'donations.record', fields: ({ own, village }) => ({ institutionId: String(own), kind: 'in_kind', date: '2026-10-17', amount: '4000', description: '课桌椅', recipientKind: 'village', villageId: String(village) }) },
  { name: 'a purchase', as: 'coordinator', page: ({ own }) => `/institutions/${own}/purchases`, action: 'purchases.record', fields: ({ own, village }) => ({ institutionId: String(own), villageId: String(village), sellerKind: 'village_collective', sellerName: '刘家屯村集体', product: '土豆', unit: 'jin', quantityOrdered: '1000', unitPrice: '0.8', deliveryDate: '2026-10-12' }) },
  { name: 'a corrected purchase', as: 'coordinator', page: ({ purchase }) => `/purchases/${purchase}/edit`, action: 'purchases.update', fields: () => ({ quantityOrdered: '1200', deliveryDate: '2026-10-13' }) },
  { name: 'a pairing request', as: 'coordinator', page: ({ own }) => `/institutions/${own}/pairings`, action: 'pairings.request', fields: ({ own, newVillage }) => ({ institutionId: String(own), targetRef: `village:${newVillage}`, startDate: '2026-01-01', obligation: 'monthly', note: '县卫健局安排' }), notice: '已提交申请' },
  { name: 'a pairing approved', as: 'admin', page: () => '/admin/pairing-requests', action: 'pairings.approve', fields: () => ({}), notice: '已批准' },
  { name: 'a request for a township', as: 'coordinator', page: ({ own }) => `/institutions/${own}/pairings`, action: 'pairings.request', fields: ({ own, township }) => ({ institutionId: String(own), targetRef: `township:${township}`, startDate: '2026-02-01', obligation: 'quarterly' }), notice: '已提交申请' },
  { name: 'a request refused', as: 'admin', page: () => '/admin/pairing-requests', action: 'pairings.refuse', fields: () => ({ reason: '乡镇由卫生院包保' }), notice: '已驳回' },
  { name: 'a pairing', as: 'admin', page: ({ sibling }) => `/institutions/${sibling}/pairings`, action: 'pairings.create', fields: ({ sibling, newVillage }) => ({ institutionId: String(sibling), targetRef: `village:${newVillage}`, startDate: '2026-01-01', obligation: 'monthly' }) },
  { name: 'a corrected pairing', as: 'coordinator', page: ({ pairing }) => `/pairings/${pairing}/edit`, action: 'pairings.update', fields: () => ({ responsibleName: '周丽华' }) },
  { name: 'a pairing’s obligation', as: 'admin', page: ({ pairing }) => `/pairings/${pairing}/edit`, action: 'pairings.update', fields: () => ({ obligation: 'weekly', endDate: '2026-12-31' }) },
  { name: 'a pairing ended', as: 'coordinator', page: ({ own }) => `/institutions/${own}/pairings`, action: 'pairings.end', pick: ({ pairing }) => ({ pairingId: String(pairing) }), fields: () => ({}) },
  { name: 'a household', as: 'coordinator', page: () => '/households/new', action: 'households.create', fields: ({ village }) => ({ villageId: String(village), headName: '赵玉芬', idNumber: '11010519491231002X', cause: 'illness' }) },
  { name: 'a household member', as: 'coordinator', page: ({ household }) => `/households/${household}`, action: 'households.addMember', fields: () => ({ name: '孙小红', relation: '孙女', birthYear: '2010', sex: 'female' }) },
  { name: 'a corrected household', as: 'coordinator', page: ({ household }) => `/households/${household}/edit`, action: 'households.update', fields: () => ({ status: 'lifted', liftedYear: '2020', phone: '13904310001' }) },
  { name: 'a corrected member', as: 'coordinator', page: ({ household }) => `/households/${household}`, action: 'households.updateMember', fields: () => ({ birthYear: '2011', chronicIllness: '哮喘' }), notice: '已保存。' },
  { name: 'a member who moved away', as: 'coordinator', page: ({ household }) => `/households/${household}`, action: 'households.removeMember', fields: () => ({ removedOn: '2026-09-01', reason: 'moved_out' }), notice: '已移出。' },
  { name: 'a corrected village', as: 'admin', page: ({ village }) => `/villages/${village}/edit`, action: 'places.updateVillage', fields: () => ({ secretaryName: '李书记', secretaryPhone: '13904310002' }) },
  { name: 'an amended visit', as: 'coordinator', page: ({ visit }) => `/visits/${visit}/amend`, action: 'visits.amend', fields: () => ({ notes: '补记：村医同行', reason: '漏记了说明' }) },
  { name: 'a campaign', as: 'admin', page: () => '/campaigns/new', action: 'campaigns.create', fields: ({ bureau }) => ({ organiserId: String(bureau), name: '2026年全国扶贫日', startDate: '2026-10-10', endDate: '2026-10-20' }) },
  { name: 'a corrected campaign', as: 'admin', page: ({ campaign }) => `/campaigns/${campaign}/edit`, action: 'campaigns.update', fields: () => ({ endDate: '2019-10-25', description: '到包保村走访慰问，送医送药。' }) },
  { name: 'invitations', as: 'admin', page: ({ campaign }) => `/campaigns/${campaign}`, action: 'campaigns.invite', fields: ({ other }) => ({ institutionIds: [String(other)] }) },
  { name: 'a member', as: 'coordinator', page: ({ own }) => `/institutions/${own}/members`, action: 'memberships.add', fields: ({ own }) => ({ institutionId: String(own), email: 'qinyuan@yizhen.demo', role: 'member' }) },
  { name: 'a published tally', as: 'publicity', page: () => '/tallies', action: 'tallies.publish', fields: () => ({ title: '扶贫日新闻通稿' }) },
  { name: 'a team', as: 'otherCoordinator', page: ({ other }) => `/institutions/${other}/teams`, action: 'teams.create', fields: ({ other }) => ({ institutionId: String(other), kind: 'volunteer', name: '健康宣讲服务队', focus: '敬老院' }) },
  { name: 'a team member', as: 'otherCoordinator', page: ({ team }) => `/teams/${team}`, action: 'teams.addMember', fields: ({ doctor }) => ({ person: `staff:${doctor}`, role: 'nurse', leader: 'on', joinedOn: '2026-01-01' }) },
  { name: 'a renewed contract, every service ticked', as: 'otherCoordinator', page: ({ wenzhong }) => `/households/${wenzhong}`, action: 'teams.sign', fields: ({ team }) => ({ teamId: String(team), signedOn: '2026-12-01', followUpEvery: 'quarterly', services: ['basic', 'chronic_disease', 'elderly', 'maternal_child', 'disability', 'severe_mental', 'tcm', 'rehabilitation'] }) },
  { name: 'a contract ended', as: 'otherCoordinator', page: ({ wenzhong }) => `/households/${wenzhong}`, action: 'teams.end', fields: () => ({ endedOn: '2026-12-02', endReason: 'moved_away', endNote: '随子女迁往太原' }) },
  { name: 'a volunteer team on a shift', as: 'otherCoordinator', page: ({ serviceTeam }) => `/teams/${serviceTeam}`, action: 'teams.signUp', fields: ({ qinyuanShift, serviceMember }) => ({ shiftId: String(qinyuanShift), memberIds: [String(serviceMember)] }) },
  { name: 'a posting', as: 'otherCoordinator', page: ({ other }) => `/institutions/${other}/postings`, action: 'postings.send', fields: ({ doctor, redVillage }) => ({ staffId: String(doctor), kind: 'village', villageId: String(redVillage), role: 'first_secretary', fromDate: '2026-03-01', purpose: '巩固脱贫成果' }) },
  { name: 'a support project', as: 'coordinator', page: ({ pairing }) => `/pairings/${pairing}/edit`, action: 'pairings.addProject', fields: () => ({ name: '村卫生室改造', committed: '50,000', committedOn: '2026-03-01' }) },
  { name: 'a project payment', as: 'coordinator', page: ({ pairing }) => `/pairings/${pairing}/edit`, action: 'pairings.recordProjectPayment', fields: ({ project }) => ({ projectId: String(project), paidOn: '2026-06-01', amount: '20000', note: '第一批' }) },
  { name: 'an API token', as: 'operator', page: () => '/admin/api-tokens', action: 'apiTokens.issue', fields: ({ own }) => ({ institutionId: String(own), name: '大屏' }) },
];

const unescape = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const attribute = (tag: string, name: string) => {
  const found = new RegExp(`\\s${name}(?:="([^"]*)")?`).exec(tag);
  return found ? unescape(found[1] ?? '') : null;
};

/** What a browser would send for a form as the page shows it: every field's value, ticked boxes and chosen options. */
function formValues(body: string): Record<string, string | string[]> {
  const values: Record<string, string[]> = {};
  const add = (name: string | null, value: string) => name && (values[name] ??= []).push(value);
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const type = attribute(tag, 'type') ?? 'text';
    if (type === 'file' || type === 'submit') continue;
    if ((type === 'checkbox' || type === 'radio') && attribute(tag, 'checked') === null) continue;
    add(attribute(tag, 'name'), attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, tag, options] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const all = [...options.matchAll(/<option\b([^>]*)>/g)].map((m) => m[1]);
    const chosen = all.find((o) => attribute(o, 'selected') !== null) ?? all[0];
    if (chosen !== undefined) add(attribute(tag, 'name'), attribute(chosen, 'value') ?? '');
  }
  for (const [, tag, text] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attribute(tag, 'name'), unescape(text));
  return Object.fromEntries(Object.entries(values).map(([name, all]) => [name, all.length === 1 ? all[0] : all]));
}

/** The form posting `action` on a page, if there is one: its address and the values a browser would send, its key among them. */
function findForm(html: string, action: string, pick: Record<string, string> = {}) {
  const forms = [...html.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].filter(([, target]) => unescape(target).includes(`_action=${action}`));
  const found = forms.find(([, , body]) => Object.entries(pick).every(([name, value]) => formValues(body)[name] === value));
  return found ? { target: unescape(found[1]), fields: formValues(found[2]) as Record<string, string> & Record<string, string | string[]> } : null;
}

function formOn(html: string, action: string, pick: Record<string, string> = {}) {
  const found = findForm(html, action, pick);
  if (!found) throw new Error(`no form for ${action} on the page`);
  return found;
}

/** Every record the site keeps, as text, leaving out what only reading writes (sessions, the log of looks, the tallies' caches). */
function everyRecord(site: Site): string {
  const skipped = /^(sqlite_|__drizzle|sessions$|rate_limits$|audit_log$|form_submissions$|tally_)/;
  const tables = site.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return tables
    .filter(({ name }) => !skipped.test(name))
    .map(({ name }) => `${name}: ${JSON.stringify(site.db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())}`)
    .join('\n');
}

describe('every form writes once', () => {
  let site: Site;
  let ids: Ids;
  const visitors = new Map<DemoRole, Visitor>();

  beforeAll(async () => {
    site = await startSite();
    ids = {
      bureau: institutionId(site.db, '长春市卫生健康委员会'),
      own: institutionId(site.db, OWN_INSTITUTION),
      sibling: institutionId(site.db, '长春市妇产医院'),
      other: institutionId(site.db, OTHER_INSTITUTION),
      village: site.db.select().from(villages).where(eq(villages.name, '刘家屯村')).get()!.id,
      household: site.db.select().from(households).where(eq(households.headName, '孙广森')).get()!.id,
      campaign: site.db.select().from(campaigns).get()!.id,
      event: 0,
      item: 0,
      pairing: 0,
      vehicle: 0,
      purchase: 0,
      newVillage: 0,
      township: site.db.select().from(areas).where(eq(areas.name, '高家店镇')).get()!.id,
      team: site.db.select().from(teams).where(eq(teams.name, '中峪乡家庭医生团队')).get()!.id,
      wenzhong: site.db.select().from(households).where(eq(households.headName, '王文中')).get()!.id,
      doctor: site.db.select().from(staff).where(eq(staff.name, '赵永春')).get()!.id,
      redVillage: site.db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!.id,
      serviceTeam: site.db.select().from(teams).where(eq(teams.name, '护胃行动服务队')).get()!.id,
      serviceMember: 0,
      qinyuanShift: 0,
      project: 0,
      series: 0,
      part: 0,
      visit: site.db.select().from(visits).orderBy(visits.id).get()!.id,
    };
    ids.serviceMember = site.db.select().from(teamMembers).where(eq(teamMembers.teamId, ids.serviceTeam)).get()!.id;
    // A clinic of the county hospital with a volunteer shift, which its service team may be signed up for.
    const qinyuan = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'qinyuan@yizhen.demo')).get()!.id);
    const clinic = createEvent(site.db, { actor: qinyuan, input: eventSchema.parse({ organiserId: String(ids.other), campaignId: '', kind: 'free_clinic', title: '敬老院健康义诊', date: '2099-05-12', startTime: '09:00', endTime: '12:00', address: '沁源县敬老院', villageId: '', services: [] }) });
    addRole(site.db, { actor: qinyuan, input: roleSchema.parse({ eventId: clinic.id, kind: 'volunteer', shifts: [{ startTime: '09:00', endTime: '12:00', capacity: '4' }] }) });
    publishEvent(site.db, { actor: qinyuan, eventId: clinic.id });
    ids.qinyuanShift = getEvent(site.db, { actor: qinyuan, eventId: clinic.id }).roles[0].shifts[0].id;
    for (const who of ['admin', 'coordinator', 'member', 'publicity', 'operator', 'otherCoordinator'] as const) {
      const visitor = new Visitor(site);
      visitor.cookie = await sessionCookieFor(site.db, who);
      visitors.set(who, visitor);
    }
  });
  afterAll(() => site?.stop());

  for (const form of FORMS) {
    it(`${form.name}: posted, reloaded, posted again from Back — written once`, async () => {
      const visitor = visitors.get(form.as)!;
      const page = await visitor.get(form.page(ids));
      expect(page.status, form.page(ids)).toBe(200);
      const { target, fields } = formOn(await page.text(), form.action, form.pick?.(ids));
      expect(fields._submission).toMatch(/^[0-9a-f-]{36}$/);
      const posted = { ...fields, ...form.fields(ids) };

      const shown = await visitor.post(form.page(ids).split('?')[0] + target, posted);
      const redirect = visitor.afterPost;
      expect(redirect?.status, `${form.action}: ${site.output().slice(-500)}\n${(await shown.clone().text()).match(/class="(?:error|alert error)"[^>]*>([^<]*)/g)}`).toBe(303);
      expect(redirect!.headers.get('location')).not.toContain('_action');
      if (form.notice) expect(await shown.text()).toContain(form.notice);
      // The new event's page is where the form's page sends the browser next.
      if (form.action === 'events.create') ids.event = Number(/^\/events\/(\d+)$/.exec(shown.headers.get('location') ?? '')![1]);
      if (form.action === 'stock.createItem') ids.item = site.db.select().from(items).where(eq(items.name, '板蓝根颗粒')).get()!.id;
      if (form.action === 'vehicles.add') ids.vehicle = site.db.select().from(vehicles).where(eq(vehicles.plate, '吉A99999')).get()!.id;
      if (form.action === 'purchases.record') ids.purchase = site.db.select().from(purchases).where(eq(purchases.institutionId, ids.own)).get()!.id;
      if (form.action === 'pairings.recordProjectPayment') expect(site.db.select().from(projectPayments).where(eq(projectPayments.projectId, ids.project)).all().map((p) => p.amountFen)).toEqual([2_000_000]);
      if (form.action === 'pairings.addProject') ids.project = site.db.select().from(pairingProjects).where(eq(pairingProjects.name, '村卫生室改造')).get()!.id;
      if (form.action === 'pairings.approve') ids.pairing = site.db.select().from(pairings).where(eq(pairings.startDate, '2026-01-01')).get()!.id;
      if (form.action === 'events.addPart') ids.part = site.db.select().from(eventParts).where(eq(eventParts.eventId, ids.event)).get()!.id;
      if (form.action === 'series.create') ids.series = site.db.select().from(eventSeries).where(eq(eventSeries.title, '每周四巡诊')).get()!.id;
      if (form.action === 'places.createVillage') ids.newVillage = site.db.select().from(villages).where(eq(villages.name, '新立村')).get()!.id;

      const written = everyRecord(site);
      // Reload the page the post led to, twice.
      for (let i = 0; i < 2; i++) {
        const reloaded = await visitor.get(redirect!.headers.get('location')!);
        expect(reloaded.status).toBeLessThan(400);
        if (form.notice && reloaded.status === 200) expect(await reloaded.text(), 'the outcome is shown once').not.toContain(form.notice);
      }
      expect(everyRecord(site)).toBe(written);
      // Back, and the same form sent again: the same outcome, nothing written.
      await visitor.post(form.page(ids).split('?')[0] + target, posted);
      expect(visitor.afterPost?.status).toBe(303);
      expect(everyRecord(site)).toBe(written);
      // A form opened afresh (while the page still offers it) carries a new key.
      const again = await visitor.get(form.page(ids));
      const fresh = again.status === 200 ? findForm(await again.text(), form.action, form.pick?.(ids)) : null;
      if (fresh) expect(fresh.fields._submission).not.toBe(fields._submission);
    });
  }

  it('a part keeps its correction, and the role added from it serves it with its times', () => {
    expect(site.db.select().from(eventParts).where(eq(eventParts.eventId, ids.event)).all()).toEqual([{ id: ids.part, eventId: ids.event, kind: 'ceremony', title: '扶贫日启动仪式', startTime: '09:00', endTime: '09:30', place: '卫生院门前广场' }]);
    const role = site.db.select().from(eventRoles).where(and(eq(eventRoles.eventId, ids.event), eq(eventRoles.kind, 'publicity'))).get()!;
    expect(role.partId).toBe(ids.part);
    // Its first shift took the part's times (the date moved with the corrected event).
    expect(site.db.select().from(shifts).where(eq(shifts.roleId, role.id)).all().map((shift) => [shift.startsAt, shift.endsAt])).toEqual([[Date.parse('2099-10-18T09:00:00+08:00'), Date.parse('2099-10-18T09:30:00+08:00')]]);
  });

  it('a contract keeps every service ticked on its form', () => {
    const latest = site.db.select().from(contracts).where(eq(contracts.householdId, ids.wenzhong)).orderBy(desc(contracts.id)).get()!;
    expect(latest).toMatchObject({ signedOn: '2026-12-01', endedOn: '2026-12-02', endReason: 'moved_away', endNote: '随子女迁往太原' });
    expect(site.db.select().from(contractServices).where(eq(contractServices.contractId, latest.id)).all().map((s) => s.service).sort()).toEqual(
      ['basic', 'chronic_disease', 'elderly', 'maternal_child', 'disability', 'severe_mental', 'tcm', 'rehabilitation'].sort(),
    );
  });

  it('a double tap sends the same form twice at once: one record', async () => {
    const visitor = visitors.get('coordinator')!;
    const page = await (await visitor.get(`/institutions/${ids.own}/staff`)).text();
    const { target, fields } = formOn(page, 'staff.add');
    const staffCount = () => site.db.$client.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number };
    const before = staffCount().n;
    const body = new URLSearchParams({ ...fields, institutionId: String(ids.own), name: '双击测试', profession: 'doctor' }).toString();
    const post = () =>
      fetch(`${site.url}/institutions/${ids.own}/staff${target}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: visitor.cookie, Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(staffCount().n).toBe(before + 1);
  });
});
