// `npm run tallies:verify`: counts every figure again from the records, in a copy of the database, and prints
// each row in which the running totals differ from that count (exit status 1), or says that they agree. Safe
// while the site runs; the copy is written beside the database and removed afterwards. With `-- --recount` it
// then counts the running totals again from the records in place.
import { join, dirname } from 'node:path';
import { bringRunningTotalsUpToDate, noteEverything, verifyRunningTotals } from '../src/lib/tallies/running-totals.server.ts';
import { openSiteDatabase } from './site-database.mjs';

const { config, db } = openSiteDatabase();
const started = performance.now();
const differences = verifyRunningTotals(db, join(dirname(config.DATABASE_PATH), `tallies-verify-${process.pid}.sqlite`));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (differences.length === 0) {
  console.log(`[yizhen] the running totals agree with the records (checked in ${seconds} s)`);
} else {
  for (const line of differences) console.log(line);
  console.error(`[yizhen] ${differences.length} rows of the running totals differ from the records (checked in ${seconds} s): '-' is kept, '+' is what the records give.`);
  if (!process.argv.includes('--recount')) {
    console.error('[yizhen] `npm run tallies:verify -- --recount` counts them again from the records.');
    process.exit(1);
  }
  db.transaction((tx) => noteEverything(tx));
  bringRunningTotalsUpToDate(db);
  console.log('[yizhen] the running totals were counted again from the records');
}
