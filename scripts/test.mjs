// `npm test`: type-check, build, then every test (unit, integration, end-to-end in Chromium), and a
// closing line "Tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIfChanged } from './build.mjs';
import { ensureBrowser } from './browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function step(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
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
