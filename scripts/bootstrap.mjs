#!/usr/bin/env node
// Runs a project command under a supported Node.js, installing dependencies first when they changed.
//
// Written in plain Node with built-in modules only, because it must run under whatever old Node the
// machine starts with. When that Node is older than the project needs, the pinned Node release is taken
// from the npm registry (package node-<os>-<arch>, which ships bin/node and the headers native modules
// build against) into the git-ignored .runtime/ folder. See docs/decisions/0001-runtime-bootstrap.md.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PINNED_NODE_VERSION = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
export const MINIMUM_NODE_MAJOR = 22;

/** Whether a Node version string ("v20.20.2" or "20.20.2") is too old to run the project. */
export function needsPinnedRuntime(version) {
  const major = Number.parseInt(String(version).replace(/^v/, '').split('.')[0], 10);
  return !Number.isFinite(major) || major < MINIMUM_NODE_MAJOR;
}

/** The npm package that carries a Node build for this operating system and processor. */
export function runtimePackageName(platform = process.platform, arch = process.arch) {
  return `node-${platform}-${arch}`;
}

/** A fingerprint of everything that decides what `npm install` produces. */
export function dependencyStamp({ packageJson, packageLock, nodeVersion }) {
  return createHash('sha256')
    .update(packageJson)
    .update('\0')
    .update(packageLock ?? '')
    .update('\0')
    .update(nodeVersion)
    .digest('hex');
}

/** Whether dependencies must be (re)installed: no node_modules, no stamp, or a stamp that differs. */
export function needsInstall({ hasNodeModules, previousStamp, currentStamp }) {
  return !hasNodeModules || previousStamp !== currentStamp;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeDir = join(root, '.runtime');

function fail(message) {
  console.error(`\n[yizhen] ${message}\n`);
  process.exit(1);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  return result.status ?? 1;
}

/** Downloads and unpacks the pinned Node into .runtime/node-<version>, once; returns its folder. */
function ensurePinnedRuntime() {
  const home = join(runtimeDir, `node-${PINNED_NODE_VERSION}`);
  if (existsSync(join(home, 'bin', 'node'))) return home;
  const spec = `${runtimePackageName()}@${PINNED_NODE_VERSION}`;
  console.log(`[yizhen] Node ${process.version} is too old; fetching ${spec} from the npm registry…`);
  const download = join(runtimeDir, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  if (run('npm', ['pack', spec, '--silent', '--pack-destination', download], process.env) !== 0) {
    fail(`could not fetch ${spec}; check that the npm registry is reachable.`);
  }
  const tarball = readdirSync(download).find((name) => name.endsWith('.tgz'));
  if (!tarball) fail(`npm pack of ${spec} produced no archive.`);
  const unpacked = join(download, 'unpacked');
  mkdirSync(unpacked);
  if (run('tar', ['-xzf', join(download, tarball), '-C', unpacked, '--strip-components=1'], process.env) !== 0) {
    fail(`could not unpack ${tarball}.`);
  }
  // Renamed into place only when complete, so an interrupted download is never mistaken for a runtime.
  renameSync(unpacked, home);
  rmSync(download, { recursive: true, force: true });
  return home;
}

function prepareEnvironment() {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  let nodeVersion = process.version;
  if (needsPinnedRuntime(process.version)) {
    const home = ensurePinnedRuntime();
    env.PATH = `${join(home, 'bin')}:${env.PATH ?? ''}`;
    // Native modules (better-sqlite3, …) build against these headers, not the machine's older ones.
    env.npm_config_nodedir = home;
    nodeVersion = `v${PINNED_NODE_VERSION}`;
  }
  return { env, nodeVersion };
}

function ensureDependencies(env, nodeVersion) {
  const lockPath = join(root, 'package-lock.json');
  const stampPath = join(runtimeDir, 'dependencies.stamp');
  const stampOf = () =>
    dependencyStamp({
      packageJson: readFileSync(join(root, 'package.json'), 'utf8'),
      packageLock: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
      nodeVersion,
    });
  const previousStamp = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : null;
  if (!needsInstall({ hasNodeModules: existsSync(join(root, 'node_modules')), previousStamp, currentStamp: stampOf() })) {
    return;
  }
  console.log('[yizhen] installing dependencies…');
  if (run('npm', ['install', '--no-audit', '--no-fund'], env) !== 0) fail('npm install failed (see above).');
  mkdirSync(runtimeDir, { recursive: true });
  // Computed after installing: npm may rewrite package-lock.json.
  writeFileSync(stampPath, `${stampOf()}\n`);
}

function main(argv) {
  if (argv.length === 0) fail('usage: node scripts/bootstrap.mjs <command> [args…]');
  const { env, nodeVersion } = prepareEnvironment();
  ensureDependencies(env, nodeVersion);
  const child = spawn(argv[0], argv.slice(1), { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => fail(`${argv[0]} could not be started: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
