// `npm test`: type-check, build, then every test (unit, integration, end-to-end in Chromium), and a
// closing line "Tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIfChanged } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function step(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

// Chromium runs the browser tests; a small Chinese font makes their screenshots readable.
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function ensureBrowser() {
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

ensureBrowser();
if (step('astro', ['check', '--minimumFailingSeverity', 'error']) !== 0) {
  console.error('[yizhen] astro check found errors');
  process.exit(1);
}
buildIfChanged(root);
mkdirSync(`${root}/test-results`, { recursive: true });
const report = `${root}/test-results/vitest.json`;
const status = step('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\nTests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
}
process.exit(status);
