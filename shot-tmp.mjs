import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:4400';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
await page.goto(base + '/login');
await page.getByLabel('邮箱').fill('coordinator@yizhen.demo');
await page.getByLabel('密码').fill('yizhen-demo-2019');
await page.getByRole('button', { name: '登录' }).click();
await page.waitForLoadState();
for (const path of process.argv.slice(2)) {
  const r = await page.goto(base + path);
  console.log(path, r.status());
  await page.screenshot({ path: `/tmp/y/${path.replace(/\W+/g, '_')}.png`, fullPage: true });
}
await browser.close();
