// The write-ahead log copied back into the database file by a thread of its own. Left to itself SQLite does it
// at the commit that takes the log past a thousand pages: that commit (someone's sign-up, a visit being saved)
// then waits for the copy and its fsync, which came to about a third of what a sign-up cost and to its
// slowest answers. The thread's own connection copies what it can every second without waiting for readers or
// writers (a passive checkpoint); should it fall behind or stop, the site's connection still does it itself
// once the log is ten times as long.
import { Worker } from 'node:worker_threads';
import type { Db } from './db.ts';

const EVERY_MS = 1_000;
const PAGES_BEFORE_THE_SITE_DOES_IT = 10_000;
const SQLITE_DEFAULT_PAGES = 1_000;

export function checkpointInBackground(db: Db, path: string, { everyMs = EVERY_MS } = {}): { stop(): Promise<void> } {
  const worker = new Worker(new URL('./wal-checkpoint-worker.ts', import.meta.url), { workerData: { path, everyMs } });
  // The thread never keeps the process alive on its own.
  worker.unref();
  db.$client.pragma(`wal_autocheckpoint = ${PAGES_BEFORE_THE_SITE_DOES_IT}`);
  const byTheSite = () => {
    if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  };
  worker.on('error', (error) => {
    console.error('[yizhen] checkpoints:', error);
    byTheSite();
  });
  return {
    async stop() {
      await worker.terminate();
      byTheSite();
    },
  };
}
