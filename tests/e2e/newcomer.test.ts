// A newcomer opens the site, switches to English, signs up, verifies by the mailed link and logs in.
import { afterAll, describe, expect, it } from 'vitest';
import { expectAccessible, useJourney } from '../setup/browser.ts';
import { linkIn, startSmtpSink } from '../setup/smtp.ts';

// The SMTP server must be listening before the site starts, so it is started as the module loads.
const smtp = await startSmtpSink();
afterAll(() => smtp.close());

describe('newcomer journey', () => {  const journey = useJourney({ env: { SMTP_URL: smtp.url }, page: { viewport: { width: 1280, height: 900 } } });

  it('opens the site in Chinese and switches to English', async () => {
    const { site, page } = journey;
    await page.goto(site.url);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('健康扶贫，一个平台');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.url}/en/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Health poverty alleviation, in one place');
  });

  it('shows each mistake beside its field and keeps what was typed', async () => {
    const { site, page } = journey;
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.waitForURL(`${site.url}/en/signup`);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Alice Chen');
    await page.getByLabel('Email').fill('alice@example');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#field-email-error').textContent()).toBe('Enter a valid email address, such as name@example.cn.');
    expect(await page.locator('#field-password-error').textContent()).toBe('Please fill in this field.');
    expect(await page.getAttribute('#field-email', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#field-name')).toBe('Alice Chen');
    await expectAccessible(page);
  });

  it('signs up, verifies by the link from the received mail, and logs in', async () => {
    const { site, page } = journey;
    await page.getByLabel('Email').fill('alice@example.cn');
    await page.getByLabel(/^Password/).fill('free clinic 2019');
    await page.getByLabel('Repeat the password').fill('free clinic 2019');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const mail = await smtp.waitFor((m) => m.to === 'alice@example.cn');
    expect(mail.subject).toBe('Verify your email for Yizhen');
    await page.goto(linkIn(mail, '/en/verify?token='));
    await page.getByRole('heading', { name: 'Email verified' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Log in' }).last().click();
    await page.getByLabel('Email').fill('alice@example.cn');
    await page.getByLabel(/^Password/).fill('free clinic 2019');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Alice Chen' }).waitFor();
    expect(page.url()).toBe(`${site.url}/en/`);
    expect(await page.textContent('main')).toContain('You do not belong to an institution yet');
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/newcomer-home.png', fullPage: true });

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'You have logged out.' }).waitFor();
  });
});
