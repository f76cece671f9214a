// Accounts end to end over HTTP, with mail delivered by the real sender to a real SMTP server on 127.0.0.1.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, users } from '../../db/schema.ts';
import { freePort, linkIn, type SmtpSink, startSmtpSink } from '../setup/smtp.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

const PASSWORD = 'liujiatun village 2019';

async function signUp(visitor: Visitor, email: string, name = '赵永春', prefix = '') {
  return visitor.post(`${prefix}/signup?_action=accounts.signUp`, {
    name,
    email,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    locale: prefix === '/en' ? 'en' : 'zh-CN',
  });
}

describe('accounts with real mail', () => {
  let smtp: SmtpSink;
  let site: Site;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    site = await startSite({ SMTP_URL: smtp.url, DEMO_DATA: 'off' });
  });
  afterAll(async () => {
    await site?.stop();
    await smtp?.close();
  });

  it('signs up, verifies by the mailed link, logs in and out', async () => {
    const visitor = new Visitor(site);
    const signedUp = await signUp(visitor, 'zhao@example.cn');
    expect(signedUp.status).toBe(200);
    expect(await signedUp.text()).toContain('请查收邮件');

    const mail = await smtp.waitFor((m) => m.to === 'zhao@example.cn');
    expect(mail.subject).toBe('请验证您在义诊平台的邮箱');
    expect(mail.text).toContain('赵永春，您好');
    const link = new URL(linkIn(mail, '/verify?token='));
    expect(link.origin).toBe(site.url);
    // Beside the text, an HTML part with the same words and the link to tap.
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('<p>赵永春，您好');
    expect(mail.html).toContain(`<a href="${link.href.replaceAll('&', '&#38;')}">`);

    // Logging in before verifying is refused with a way to get a new link.
    const early = await visitor.post('/login?_action=accounts.logIn', { email: 'zhao@example.cn', password: PASSWORD });
    expect(early.status).toBe(403);
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain('该邮箱尚未验证');
    expect(earlyHtml).toContain('重新发送验证邮件');

    const verified = await visitor.get(link.pathname + link.search);
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain('邮箱已验证');
    // Opening the link again (as mail scanners do) confirms rather than alarms.
    const reopened = await visitor.get(link.pathname + link.search);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain('邮箱已验证');

    const loggedIn = await visitor.post('/login?_action=accounts.logIn', { email: 'ZHAO@example.cn ', password: PASSWORD });
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.headers.get('location')).toBe('/');
    const account = await visitor.get('/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('zhao@example.cn');

    const loggedOut = await visitor.post('/logout?_action=accounts.logOut', {});
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.text()).toContain('您已退出登录');
    expect((await visitor.get('/account')).status).toBe(302);
  });

  it('writes each mail in the recipient’s language', async () => {
    await signUp(new Visitor(site), 'visitor@example.com', 'Alice Chen', '/en');
    const mail = await smtp.waitFor((m) => m.to === 'visitor@example.com');
    expect(mail.subject).toBe('Verify your email for Yizhen');
    expect(linkIn(mail, '/en/verify?token=')).toContain(`${site.url}/en/verify`);
    expect(mail.html).toContain('<html lang="en">');
  });

  it('resets a forgotten password by the mailed link, and ends the old sessions', async () => {
    const visitor = new Visitor(site);
    await signUp(visitor, 'reset@example.cn');
    const verifyMail = await smtp.waitFor((m) => m.to === 'reset@example.cn');
    const verifyLink = new URL(linkIn(verifyMail, '/verify'));
    await visitor.get(verifyLink.pathname + verifyLink.search);
    await visitor.post('/login?_action=accounts.logIn', { email: 'reset@example.cn', password: PASSWORD });
    expect((await visitor.get('/account')).status).toBe(200);

    const stranger = new Visitor(site);
    const asked = await stranger.post('/forgot-password?_action=accounts.requestPasswordReset', { email: 'reset@example.cn', locale: 'zh-CN' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('如果该邮箱已注册');
    const resetMail = await smtp.waitFor((m) => m.to === 'reset@example.cn' && m.subject.includes('重设'));
    const link = new URL(linkIn(resetMail, '/reset-password?token='));
    const token = link.searchParams.get('token')!;

    const form = await stranger.get(link.pathname + link.search);
    expect(form.status).toBe(200);
    const mismatch = await stranger.resetPassword(token, 'new password 2020', 'something else');
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('两次输入的密码不一致');

    const done = await stranger.resetPassword(token, 'new password 2020');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('密码已更新');

    // The session opened with the old password is gone; the old password no longer works; the new one does.
    expect((await visitor.get('/account')).status).toBe(302);
    expect((await stranger.post('/login?_action=accounts.logIn', { email: 'reset@example.cn', password: PASSWORD })).status).toBe(400);
    expect((await stranger.post('/login?_action=accounts.logIn', { email: 'reset@example.cn', password: 'new password 2020' })).status).toBe(302);

    const again = await stranger.resetPassword(token, 'third password 2021');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('此链接无效或已被使用过');
  });
});

describe('outbox when the SMTP server is down', () => {
  it('keeps the message, and delivers it exactly once when the server is back', async () => {
    const port = await freePort();
    const site = await startSite({ SMTP_URL: `smtp://127.0.0.1:${port}`, DEMO_DATA: 'off' });
    let smtp: SmtpSink | undefined;
    try {
      const response = await signUp(new Visitor(site), 'patient@example.cn');
      expect(response.status).toBe(200);
      const row = () => site.db.select().from(outbox).where(eq(outbox.recipient, 'patient@example.cn')).get()!;
      for (let i = 0; i < 100 && row().lastError === null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(row()).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row().lastError).toMatch(/ECONNREFUSED/);
      expect(site.db.select().from(users).where(eq(users.email, 'patient@example.cn')).get()).toBeDefined();

      smtp = await startSmtpSink(port);
      // Let the back-off elapse instead of waiting 30 seconds.
      site.db.update(outbox).set({ nextAttemptAt: 0 }).where(eq(outbox.id, row().id)).run();
      const mail = await smtp.waitFor((m) => m.to === 'patient@example.cn');
      expect(mail.messageId).toBe(row().messageId);
      // Several more sender rounds pass; nothing is sent again.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(smtp.messages.filter((m) => m.to === 'patient@example.cn')).toHaveLength(1);
      expect(row()).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    } finally {
      await site.stop();
      await smtp?.close();
    }
  });
});
