// `npm run dev`: the development server with a migrated database (demo data on first run).
import { spawn } from 'node:child_process';
import { loadConfig } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { isDatabaseEmpty, seedDemoData } from '../db/seed/demo.ts';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
if (isDatabaseEmpty(db)) await seedDemoData(db);
db.$client.close();
const child = spawn('astro', ['dev', '--host', config.HOST, '--port', String(config.PORT)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
