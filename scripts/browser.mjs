// Chromium, which the end-to-end tests and the page benchmark's map run in, installed with Debian's packages
// when it is missing and this is root; a small Chinese font makes screenshots readable.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const step = (command, args, env) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

export function ensureBrowser() {
  const missing = [!existsSync(chromium) && 'chromium', !existsSync(CJK_FONT) && 'fonts-wqy-microhei'].filter(Boolean);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    if (!existsSync(chromium)) {
      console.error(`[yizhen] Chromium is needed for the end-to-end tests and is missing at ${chromium}.\n` +
        'Install it with:  sudo apt-get install -y chromium fonts-wqy-microhei   (or set CHROMIUM_PATH)');
      process.exit(1);
    }
    console.log('[yizhen] note: without fonts-wqy-microhei, Chinese text in test screenshots shows as boxes');
    return;
  }
  console.log(`[yizhen] installing ${missing.join(' ')} for the end-to-end tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (step('apt-get', ['update', '-q'], env) !== 0 || step('apt-get', ['install', '-y', '-q', ...missing], env) !== 0) {
    console.error('[yizhen] could not install the browser with apt-get (see above).');
    process.exit(1);
  }
}

