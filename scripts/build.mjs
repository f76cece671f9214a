// Builds the site when its sources changed since the last build, so a warm `npm start` skips the build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['src', 'public', 'db/schema.ts', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json'];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else {
    yield path;
  }
}

/** A fingerprint of every file the build reads. */
export function sourceFingerprint(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

export function buildIfChanged(root) {
  const stampPath = join(root, 'dist', '.sources.sha256');
  const fingerprint = sourceFingerprint(root);
  const built = existsSync(join(root, 'dist', 'server', 'entry.mjs')) && existsSync(stampPath);
  if (built && readFileSync(stampPath, 'utf8').trim() === fingerprint) return false;
  console.log('[yizhen] building the site…');
  const result = spawnSync('astro', ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('astro build failed (see above)');
  writeFileSync(stampPath, `${fingerprint}\n`);
  return true;
}
