// `npm run backup`: copies the live database with SQLite's online backup, which is safe while the site runs.
// Writes backups/yizhen-YYYYMMDD-HHMMSS.sqlite (or into BACKUP_DIR) with the uploaded photos beside it
// (yizhen-…-uploads/), readable by the site's own user only. The ID-number key is not copied unless asked
// (`npm run backup -- --with-key`): kept apart, a stolen backup holds no readable ID number (README, Backups).
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../src/lib/server/config.ts';

/** Makes a file, or a folder and everything in it, the site's user's alone: files 0600, folders 0700. */
function keepPrivate(path) {
  if (!statSync(path).isDirectory()) return chmodSync(path, 0o600);
  chmodSync(path, 0o700);
  for (const entry of readdirSync(path)) keepPrivate(join(path, entry));
}

const config = loadConfig();
if (!existsSync(config.DATABASE_PATH)) {
  console.error(`[yizhen] no database at ${config.DATABASE_PATH}`);
  process.exit(1);
}
const dir = process.env.BACKUP_DIR || 'backups';
mkdirSync(dir, { recursive: true, mode: 0o700 });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const target = join(dir, `yizhen-${stamp}.sqlite`);
const db = new Database(config.DATABASE_PATH, { readonly: true });
await db.backup(target);
db.close();
keepPrivate(target);
console.log(`[yizhen] backup written to ${target}`);
const keyFile = join(dirname(config.DATABASE_PATH), 'id-number.key');
if (process.argv.includes('--with-key') && !config.ID_NUMBER_KEY && existsSync(keyFile)) {
  copyFileSync(keyFile, join(dir, `yizhen-${stamp}.id-number.key`));
  keepPrivate(join(dir, `yizhen-${stamp}.id-number.key`));
  console.log(`[yizhen] ID-number key copied to ${join(dir, `yizhen-${stamp}.id-number.key`)}: keep it as safe as the backup`);
} else {
  console.log(`[yizhen] the ID-number key is not in the backup: keep ${config.ID_NUMBER_KEY ? 'ID_NUMBER_KEY' : keyFile} safe apart from it (README, Backups)`);
}
// Photos (receipts, visits) live as files beside the database: copy them too.
const uploads = join(dirname(config.DATABASE_PATH), 'uploads');
if (existsSync(uploads)) {
  cpSync(uploads, join(dir, `yizhen-${stamp}-uploads`), { recursive: true });
  keepPrivate(join(dir, `yizhen-${stamp}-uploads`));
  console.log(`[yizhen] uploaded photos copied to ${join(dir, `yizhen-${stamp}-uploads`)}`);
}
