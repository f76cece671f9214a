// One SQLite database per process, opened in WAL mode so that page reads never wait for a writer.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from '../../../db/schema.ts';
import { config } from './config.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A database handle or an open transaction on it: domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema }) as Db;
}

let shared: Db | undefined;

/** The process's database, opened on first use at DATABASE_PATH. */
export function getDb(): Db {
  shared ??= openDatabase(config().DATABASE_PATH);
  return shared;
}
