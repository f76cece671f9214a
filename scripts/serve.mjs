// Serves the built site: checks the configuration, applies migrations, loads the demo data into an empty
// database (unless DEMO_DATA=off), starts the log's checkpoints, the mail sender when SMTP_URL is set and the
// import worker, then starts the HTTP server.
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db.ts';
import { checkpointInBackground } from '../src/lib/server/wal-checkpoints.ts';
import { smtpTransport } from '../src/lib/server/mail/transport.ts';
import { startMailSender } from '../src/lib/server/mail/outbox.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { isDatabaseEmpty, seedDemoData } from '../db/seed/demo.ts';
import { sendReminders } from '../src/lib/signups/reminders.server.ts';
import { expireOffers } from '../src/lib/signups/signups.server.ts';
import { bringRunningTotalsUpToDate } from '../src/lib/tallies/running-totals.server.ts';
import { purgeSubmissions } from '../src/lib/server/forms/submissions.server.ts';
import { startImportWorker } from '../src/lib/imports/imports.server.ts';
import { startHttpServer } from './http-server.mjs';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[yizhen] ${error.message}\nSee "Configuration" in README.md.`);
  process.exit(1);
}

const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
if (process.env.DEMO_DATA !== 'off' && isDatabaseEmpty(db)) {
  await seedDemoData(db);
  console.log('[yizhen] loaded the demo data (accounts are listed in README.md)');
}
// The tallies' running totals take in what the migrations and the demo data wrote, so that the first tally of
// everything does not wait for it.
bringRunningTotalsUpToDate(db);
checkpointInBackground(db, config.DATABASE_PATH);
if (config.SMTP_URL) {
  startMailSender(db, smtpTransport(config.SMTP_URL, config.MAIL_FROM), config.MAIL_POLL_MS);
} else {
  console.log('[yizhen] SMTP_URL is not set: mail is kept in the outbox (administration › mail log), not sent');
}

// Imports (checks and applies) run here a batch of rows at a time, between everyone's requests.
startImportWorker(db);

// Every minute: held places whose offer has lapsed go to the next person on the waiting list, the day-before
// reminders that are due go out, the tallies' running totals take in the minute's records (a tally would
// otherwise do it when it is next read), and posted forms' outcomes older than a day are dropped.
setInterval(() => {
  for (const [name, job] of [['offer expiry', expireOffers], ['reminders', sendReminders], ['running totals', bringRunningTotalsUpToDate], ['posted forms', purgeSubmissions]]) {
    try {
      job(db);
    } catch (error) {
      console.error(`[yizhen] ${name}:`, error);
    }
  }
}, 60_000).unref();

// The query planner chooses by statistics gathered when the tables were smaller (or empty, on a new site); as
// records and running totals grow it is given fresh ones, as SQLite advises for a connection held open long.
setInterval(() => {
  try {
    db.$client.pragma('optimize');
  } catch (error) {
    console.error('[yizhen] statistics:', error);
  }
}, 3_600_000).unref();

const { handler } = await import('../dist/server/entry.mjs');
await startHttpServer({ handler, clientDir: fileURLToPath(new URL('../dist/client/', import.meta.url)), host: config.HOST, port: config.PORT });
console.log(`[yizhen] serving ${config.SITE_URL}`);
