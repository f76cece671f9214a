// `npm run backup`: copies the live database with SQLite's online backup, which is safe while the site runs.
// Writes backups/yizhen-YYYYMMDD-HHMMSS.sqlite (or into BACKUP_DIR).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
