// Bad input over HTTP: each gets a clear message beside its field in the visitor's language, a 4xx answer,
// the visitor's other input kept, and no row written.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, donations, emailTokens, eventParts, events, institutions, memberships, outbox, users } from '../../db/schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { hashToken } from '../../src/lib/server/tokens.ts';
import { institutionId, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

/** The error text shown beside a field, or null. */
function fieldError(html: string, field: string): string | null {
  return html.match(new RegExp(`id="field-${field}-error"[^>]*>([^<]*)<`))?.[1] ?? null;
}

describe('bad input', () => {
  let site: Site;
  const userCount = () => site.db.select({ n: count() }).from(users).get()!.n;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  it('an empty sign-up form: every field marked, in Chinese, nothing written', async () => {
    const before = userCount();
    const response = await new Visitor(site).post('/signup?_action=accounts.signUp', {});
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('请修改下面标出的内容后再提交');
    for (const field of ['name', 'email', 'password', 'passwordConfirm']) expect(fieldError(html, field), field).toBeTruthy();
    expect(fieldError(html, 'email')).toBe('请填写此项。');
    expect(userCount()).toBe(before);
  });

  it('the same form in English gets English messages', async () => {
    const response = await new Visitor(site).post('/en/signup?_action=accounts.signUp', { name: '', email: 'x@', password: 'short', passwordConfirm: 'short' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, 'name')).toBe('Please fill in this field.');
    expect(fieldError(html, 'email')).toBe('Enter a valid email address, such as name@example.cn.');
    expect(fieldError(html, 'password')).toBe('The password must be at least 10 characters long.');
  });

  it('too long, malformed and mismatched values keep what was typed (but never the password)', async () => {
    const response = await new Visitor(site).post('/signup?_action=accounts.signUp', {
      name: '长'.repeat(51),
      email: 'not an email',
      password: 'long enough password',
      passwordConfirm: 'different password!',
      locale: 'zh-CN',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, 'name')).toBe('不能超过 50 个字符。');
    expect(fieldError(html, 'email')).toBe('请输入有效的电子邮箱地址，例如 name@example.cn。');
    expect(fieldError(html, 'passwordConfirm')).toBe('两次输入的密码不一致。');
    expect(html).toContain('value="not an email"');
    expect(html).not.toContain('long enough password');
  });

  it('a duplicate email is refused beside the email field with 409', async () => {
    const before = userCount();
    const response = await new Visitor(site).post('/signup?_action=accounts.signUp', {
      name: '重复',
      email: 'member@yizhen.demo',
      password: 'long enough password',
      passwordConfirm: 'long enough password',
    });
    expect(response.status).toBe(409);
    expect(fieldError(await response.text(), 'email')).toBe('该邮箱已注册。请直接登录，或使用“忘记密码”。');
    expect(userCount()).toBe(before);
  });

  it('a wrong password says so without telling whether the account exists', async () => {
    const wrong = await new Visitor(site).post('/login?_action=accounts.logIn', { email: 'member@yizhen.demo', password: 'not the password' });
    const unknown = await new Visitor(site).post('/login?_action=accounts.logIn', { email: 'ghost@yizhen.demo', password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(fieldError(await wrong.text(), 'password')).toBe('邮箱或密码不正确。');
    expect(fieldError(await unknown.text(), 'password')).toBe('邮箱或密码不正确。');
  });

  it('a made-up, empty or missing token is refused with 400', async () => {
    for (const path of ['/verify?token=made-up', '/verify', '/en/verify?token=']) {
      const response = await new Visitor(site).get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/此链接无效|This link is not valid/);
    }
    const reset = await new Visitor(site).resetPassword('made-up', 'long enough password');
    expect(reset.status).toBe(400);
  });

  it('an expired reset link is refused with 400 and says so', async () => {
    const visitor = new Visitor(site);
    await visitor.post('/forgot-password?_action=accounts.requestPasswordReset', { email: 'member@yizhen.demo', locale: 'zh-CN' });
    const mail = site.db.select().from(outbox).where(eq(outbox.kind, 'reset_password')).all().at(-1)!;
    const token = mail.body.match(/token=([\w-]+)/)![1];
    site.db.update(emailTokens).set({ expiresAt: 0 }).where(eq(emailTokens.tokenHash, hashToken(token))).run();
    const response = await visitor.resetPassword(token, 'long enough password');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('此链接已过期。请重新申请。');
  });

  it('wrong types and unknown choices in a coordinator’s forms change nothing', async () => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, 'coordinator');
    const own = institutionId(site.db, OWN_INSTITUTION);
    const before = { members: site.db.select({ n: count() }).from(memberships).get()!.n, institutions: JSON.stringify(site.db.select().from(institutions).all()) };

    const badRole = await visitor.post(`/institutions/${own}/members?_action=memberships.add`, { institutionId: String(own), email: 'qinyuan@yizhen.demo', role: 'king' });
    expect(badRole.status).toBe(400);
    expect(fieldError(await badRole.text(), 'role')).toBe('请从列表中选择一项。');

    const badId = await visitor.post(`/_actions/memberships.add`, { institutionId: 'abc', email: 'qinyuan@yizhen.demo', role: 'member' });
    expect(badId.status).toBe(400);

    const badPhone = await visitor.post(`/institutions/${own}?_action=institutions.update`, { institutionId: String(own), name: OWN_INSTITUTION, kind: 'hospital', contactPhone: '12345' });
    expect(badPhone.status).toBe(400);
    const html = await badPhone.text();
    expect(fieldError(html, 'contactPhone')).toBe('请输入有效的手机号或固定电话，例如 13812345678 或 0431-84692117。');
    expect(html).toContain('value="12345"');

    const noUser = await visitor.post(`/institutions/${own}/members?_action=memberships.add`, { institutionId: String(own), email: 'nobody@example.cn', role: 'member' });
    expect(noUser.status).toBe(400);
    expect(fieldError(await noUser.text(), 'email')).toBe('没有使用该邮箱的已注册用户。请先请对方注册。');

    expect(site.db.select({ n: count() }).from(memberships).get()!.n).toBe(before.members);
    expect(JSON.stringify(site.db.select().from(institutions).all())).toBe(before.institutions);
  });

  it('a part of the programme outside the event is refused beside its time, what was typed kept, nothing written; so is moving the event off its part', async () => {
    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const { eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator: actor, date: '2099-10-16' });
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, 'coordinator');
    const parts = () => site.db.select().from(eventParts).where(eq(eventParts.eventId, eventId)).all();
    const refused = await visitor.post(`/events/${eventId}?_action=events.addPart`, { eventId: String(eventId), kind: 'ceremony', title: '', startTime: '08:00', endTime: '09:30', place: '合心镇卫生院门前广场' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html.match(/id="part-startTime-error"[^>]*>([^<]*)</)?.[1]).toBe('环节须在活动时间 09:00–16:00 之内');
    expect(html).toContain('value="合心镇卫生院门前广场"');
    expect(parts()).toEqual([]);
    const part = site.db.insert(eventParts).values({ eventId, kind: 'ceremony', startTime: '09:00', endTime: '09:30' }).returning().get();
    // Correcting the part to end after the event: refused in its own form, opened again with what was typed.
    const corrected = await visitor.post(`/events/${eventId}?_action=events.updatePart`, { partId: String(part.id), kind: 'ceremony', title: '启动仪式', startTime: '09:00', endTime: '17:00', place: '广场' });
    expect(corrected.status).toBe(400);
    const form = await corrected.text();
    expect(form).toContain('环节须在活动时间 09:00–16:00 之内');
    expect(form).toContain('value="17:00"');
    expect(form).toContain('value="广场"');
    expect(parts()).toEqual([part]);
    const event = site.db.select().from(events).where(eq(events.id, eventId)).get()!;
    const moved = await visitor.post(`/events/${eventId}/edit?_action=events.update`, { eventId: String(eventId), organiserId: String(event.organiserId), kind: event.kind, title: event.title, date: event.date, startTime: '10:00', endTime: '16:00', address: event.address!, services: 'blood_pressure' });
    expect(moved.status).toBe(400);
    expect(fieldError(await moved.text(), 'startTime')).toBe('议程中 09:00–09:30 的环节会落在新的活动时间之外，请先修改或删除这个环节');
    expect(site.db.select().from(events).where(eq(events.id, eventId)).get()!.startTime).toBe('09:00');
  });

  it('a coordinator cannot remove the institution’s only coordinator', async () => {
    const visitor = new Visitor(site);
    visitor.cookie = await sessionCookieFor(site.db, 'coordinator');
    const own = institutionId(site.db, OWN_INSTITUTION);
    const me = site.db.select().from(users).all().find((u) => u.email === 'coordinator@yizhen.demo')!;
    const response = await visitor.post(`/institutions/${own}/members?_action=memberships.remove`, { institutionId: String(own), userId: me.id });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('不能移出或降级本机构唯一的协调员');
  });

  it('after five wrong passwords an account waits a while, told in minutes, before the next try', async () => {
    const visitor = new Visitor(site);
    for (let i = 0; i < 5; i++) {
      expect((await visitor.post('/login?_action=accounts.logIn', { email: 'publicity@yizhen.demo', password: `guess ${i}` })).status).toBe(400);
    }
    const refused = await visitor.post('/login?_action=accounts.logIn', { email: 'publicity@yizhen.demo', password: 'yizhen-demo-2019' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('尝试次数过多，请在 1 分钟后再试。');
  });

  it('a cross-site form post is refused', async () => {
    const response = await fetch(`${site.url}/login?_action=accounts.logIn`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=member%40yizhen.demo&password=x',
    });
    expect(response.status).toBe(403);
  });

  it('a practising certificate number of the wrong length is refused beside its field, and the profile is unchanged', async () => {
    const member = new Visitor(site);
    member.cookie = await sessionCookieFor(site.db, 'member');
    const response = await member.post('/account?_action=accounts.updateProfile', { name: '胡少红（新）', locale: 'zh-CN', doctorLicence: '1103701000' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, 'doctorLicence')).toBe('医师执业证书编码应为 15 位数字。');
    expect(html).toContain('value="胡少红（新）"');
    expect(site.db.select({ name: users.name }).from(users).where(eq(users.email, 'member@yizhen.demo')).get()!.name).toBe('胡少红');
  });

  it('cash support without an approver, or an amount with three decimals, is refused beside its field and nothing is written', async () => {
    const coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
    const own = String(institutionId(site.db, OWN_INSTITUTION));
    const before = site.db.select({ n: count() }).from(donations).get()!.n;
    const response = await coordinator.post(`/en/institutions/${own}/donations?_action=donations.record`, { institutionId: own, kind: 'cash', date: '2026-10-17', amount: '500', recipientKind: 'group', recipientName: '老党员', groupSize: '6' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, 'approvedBy')).toBe('Enter who approved the cash support.');
    expect(html).toContain('value="老党员"');
    const decimals = await coordinator.post(`/institutions/${own}/donations?_action=donations.record`, { institutionId: own, kind: 'cash', date: '2026-10-17', amount: '500.125', recipientKind: 'group', recipientName: '老党员', approvedBy: '书记' });
    expect(fieldError(await decimals.text(), 'amount')).toBe('请输入金额（元），最多 2 位小数，例如 12.50。');
    expect(site.db.select({ n: count() }).from(donations).get()!.n).toBe(before);
  });

  it('a campaign that ends before it starts, or an invitation to nobody, is refused beside the field', async () => {
    const admin = new Visitor(site);
    admin.cookie = await sessionCookieFor(site.db, 'admin');
    const campaignsBefore = site.db.select({ n: count() }).from(campaigns).get()!.n;
    const bureau = String(institutionId(site.db, '长春市卫生健康委员会'));
    const response = await admin.post('/campaigns/new?_action=campaigns.create', { organiserId: bureau, name: '2020年扶贫日', startDate: '2020-10-20', endDate: '2020-10-10', description: '' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, 'endDate')).toBe('结束日期不能早于开始日期。');
    expect(html).toContain('value="2020年扶贫日"');
    const hospital = await admin.post('/en/campaigns/new?_action=campaigns.create', { organiserId: String(institutionId(site.db, OWN_INSTITUTION)), name: 'x', startDate: '2020-10-10', endDate: '2020-10-20' });
    expect(fieldError(await hospital.text(), 'organiserId')).toBe('A campaign must be organised by a health commission or bureau.');
    expect(site.db.select({ n: count() }).from(campaigns).get()!.n).toBe(campaignsBefore);

    const campaignId = site.db.select().from(campaigns).get()!.id;
    const nobody = await admin.post(`/campaigns/${campaignId}?_action=campaigns.invite`, { campaignId: String(campaignId) });
    expect(nobody.status).toBe(400);
    expect(await nobody.text()).toContain('请至少选择一家机构。');
  });

  it('a malformed email on the roster’s assign form, or an empty message, is refused and nothing is mailed', async () => {
    const coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const { eventId, shiftIds } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '2' }], { coordinator: actor, date: '2099-10-17' });
    const mailsBefore = site.db.select({ n: count() }).from(outbox).get()!.n;
    const assign = await coordinator.post(`/events/${eventId}/roster?_action=signups.assign`, { email: 'nurse at hospital', shiftId: String(shiftIds[0]) });
    expect(assign.status).toBe(400);
    const assignHtml = await assign.text();
    expect(fieldError(assignHtml, 'email')).toBe('请输入有效的电子邮箱地址，例如 name@example.cn。');
    expect(assignHtml).toContain('value="nurse at hospital"');
    const message = await coordinator.post(`/en/events/${eventId}/roster?_action=signups.message`, { eventId: String(eventId), audience: 'placed', subject: '', text: 'Meet at 8' });
    expect(message.status).toBe(400);
    const messageHtml = await message.text();
    expect(fieldError(messageHtml, 'subject')).toBe('Please fill in this field.');
    expect(messageHtml).toContain('Meet at 8');
    expect(site.db.select({ n: count() }).from(outbox).get()!.n).toBe(mailsBefore);
  });

  it('a form larger than the site reads is refused with a message before it is read, and nothing is written', async () => {
    const before = userCount();
    // 43 MB: over the 42 MB a form may hold (src/lib/server/forms/form-body.ts).
    const response = await new Visitor(site).post('/signup?_action=accounts.signUp', { name: '张三', email: 'big@example.cn', password: 'long enough pass', passwordConfirm: 'long enough pass', note: 'x'.repeat(43 * 1024 * 1024) });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('提交的内容太大');
    expect(html).not.toMatch(/at .*\.mjs/);
    expect(userCount()).toBe(before);
  });

  it('an unknown page is a 404 page in the visitor’s language, never a stack trace', async () => {
    const zh = await new Visitor(site).get('/no/such/page');
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('找不到页面');
    const en = await new Visitor(site).get('/en/no-such-page');
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('Page not found');
  });
});

describe('a server error', () => {
  it('shows the 500 page in the visitor’s language and never a stack trace', async () => {
    const site = await startSite();
    try {
      const visitor = new Visitor(site);
      visitor.cookie = await sessionCookieFor(site.db, 'coordinator');
      // Break the database under the running site.
      site.db.$client.exec('DROP TABLE memberships');
      for (const [path, title] of [['/institutions', '出错了'], ['/en/institutions', 'Something went wrong']]) {
        const response = await visitor.get(path);
        expect(response.status).toBe(500);
        const html = await response.text();
        expect(html).toContain(title);
        expect(html).not.toMatch(/SqliteError|no such table|at .*\.(ts|js|mjs):\d+/);
      }
      expect(site.output()).toContain('no such table: memberships');
    } finally {
      await site.stop();
    }
  });
});
