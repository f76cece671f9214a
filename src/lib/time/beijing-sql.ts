// Beijing time in SQL, beside src/lib/time/beijing.ts (kept apart so that pages' scripts can use that one).
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { OFFSET_MS } from './beijing.ts';

/** The Beijing calendar day of an instant column (ms), as SQL. */
export const beijingDateSql = (ms: SQL | SQLiteColumn) => sql`strftime('%Y-%m-%d', ${ms} / 1000 + ${OFFSET_MS / 1000}, 'unixepoch')`;

/**
 * The period a 'YYYY-MM-DD' day column lies in, as SQL: the day itself, its week's Monday, or its month
 * ('YYYY-MM'); and the first day of that period.
 */
export const periodOfDaySql = (day: SQL | SQLiteColumn, period: 'day' | 'week' | 'month') =>
  ({ day: sql`${day}`, week: sql`date(${day}, '-6 days', 'weekday 1')`, month: sql`substr(${day}, 1, 7)` })[period];
export const periodStartSql = (day: SQL | SQLiteColumn, period: 'day' | 'week' | 'month') => (period === 'month' ? sql`${periodOfDaySql(day, period)} || '-01'` : periodOfDaySql(day, period));
