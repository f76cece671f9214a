// One SQLite database per process, opened in WAL mode so that page reads never wait for a writer.
import Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { config } from './config.ts';

export type Db = BetterSQLite3Database & { $client: Database.Database };
/** A database handle or an open transaction on it: domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Tallies read many pages of a large database. A 64 MiB page cache (the default is 2 MiB) and reading the
  // file through memory mapping rather than a system call per page make those reads about a quarter faster.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  cacheStatements(sqlite);
  // Without the schema: the site writes its queries with the query builder and SQL, never drizzle's relational
  // queries, and a handle given the schema builds one relational query object per table for every transaction.
  return drizzle(sqlite) as Db;
}

let shared: Db | undefined;

/** The process's database, opened on first use at DATABASE_PATH. */
export function getDb(): Db {
  shared ??= openDatabase(config().DATABASE_PATH);
  return shared;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Keeps compiled statements for reuse. The ORM prepares each query afresh, and compiling SQL was the largest
 * single cost of a request under load. A cached reader is put back out of raw mode, since the ORM switches
 * raw mode on for some queries and never off.
 */
function cacheStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new LRUCache<string, Database.Statement>({ max: STATEMENT_CACHE_SIZE });
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
}

const keptPerDatabase = new WeakMap<object, Map<string, unknown>>();

/**
 * Something built once per database handle and then reused: the prepared queries every request runs, where
 * building the SQL costs more than running it, and what is worked out from data that rarely changes (kept with
 * a way to tell that it changed). `build` receives the handle.
 */
export function perDatabase<T>(tx: Tx, name: string, build: (tx: Tx) => T): T {
  // A transaction is a new object each time but shares its database's session (one connection), so the
  // queries are kept per session and serve the database and all its transactions alike.
  const session = (tx as unknown as { session: object }).session;
  let queries = keptPerDatabase.get(session);
  if (!queries) {
    queries = new Map();
    keptPerDatabase.set(session, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (!query) {
    query = build(tx);
    queries.set(name, query);
  }
  return query;
}

/**
 * `column IN (…)` for ids the database itself gave out, written into the statement rather than bound one
 * parameter each: what a bureau may read runs to thousands of institutions, and building that many parameters
 * cost more than running the query. Anything but whole numbers is refused, so nothing else is ever written in.
 */
export function inIds(column: SQLiteColumn, ids: readonly number[]): SQL {
  if (ids.length === 0) return sql`1 = 0`;
  if (!ids.every(Number.isSafeInteger)) throw new Error('inIds takes whole numbers only');
  return sql`${column} IN (${sql.raw(ids.join(', '))})`;
}
