// The thread of wal-checkpoints.ts: its own connection, a passive checkpoint every `everyMs`.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const { path, everyMs } = workerData as { path: string; everyMs: number };
const db = new Database(path);
db.pragma('busy_timeout = 5000');
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), everyMs);
