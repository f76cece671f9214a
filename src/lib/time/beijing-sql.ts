// Beijing time in SQL, beside src/lib/time/beijing.ts (kept apart so that pages' scripts can use that one).
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { OFFSET_MS } from './beijing.ts';

/** The Beijing calendar day of an instant column (ms), as SQL. */
export const beijingDateSql = (ms: SQL | SQLiteColumn) => sql`strftime('%Y-%m-%d', ${ms} / 1000 + ${OFFSET_MS / 1000}, 'unixepoch')`;
