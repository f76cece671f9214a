// `npm run backup`: copies the live database with SQLite's online backup, which is safe while the site runs.
// Writes backups/yizhen-YYYYMMDD-HHMMSS.sqlite (or into BACKUP_DIR), with the ID-number key file and the
// uploaded photos (yizhen-…-uploads/) beside it.
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../src/lib/server/config.ts';

const config = loadConfig();
if (!existsSync(config.DATABASE_PATH)) {
  console.error(`[yizhen] no database at ${config.DATABASE_PATH}`);
  process.exit(1);
}
const dir = process.env.BACKUP_DIR || 'backups';
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const target = join(dir, `yizhen-${stamp}.sqlite`);
const db = new Database(config.DATABASE_PATH, { readonly: true });
await db.backup(target);
db.close();
console.log(`[yizhen] backup written to ${target}`);
// ID numbers in the database can only be read with their key: keep the key file with the backup.
const keyFile = join(dirname(config.DATABASE_PATH), 'id-number.key');
if (!config.ID_NUMBER_KEY && existsSync(keyFile)) {
  copyFileSync(keyFile, join(dir, `yizhen-${stamp}.id-number.key`));
  console.log(`[yizhen] ID-number key copied to ${join(dir, `yizhen-${stamp}.id-number.key`)}: keep it as safe as the backup`);
}
// Photos (receipts) live as files beside the database: copy them too.
const uploads = join(dirname(config.DATABASE_PATH), 'uploads');
if (existsSync(uploads)) {
  cpSync(uploads, join(dir, `yizhen-${stamp}-uploads`), { recursive: true });
  console.log(`[yizhen] uploaded photos copied to ${join(dir, `yizhen-${stamp}-uploads`)}`);
}
