// What a list was asked for, read from its address (?q=…&state=…&page=2) so that a list can be bookmarked,
// shared and exported as it is shown. Nothing in an address is refused: a value a list does not know reads as
// none, so a mangled link opens the list rather than an error.
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { pageNumberField } from '../validation/fields.ts';
import { shownPage } from './paging.ts';

/** How many rows a list shows a page at a time. */
export const LIST_PAGE_SIZE = 50;
/** The most rows a list's download holds (a province's register is tens of thousands of households). */
const LIST_EXPORT_LIMIT = 100_000;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Words to look for: up to 40 characters, trimmed; none when empty. */
export const listSearchField = z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined);

/** One of a list's choices, or none. */
export const listChoiceField = <const T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values).optional()).catch(undefined);

/** A record's id chosen as a filter, or none. */
export const listIdField = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined);

export const listPageField = pageNumberField;

/** A list's query read from its address with its schema. */
export function readListQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  return schema.parse(Object.fromEntries(params));
}

/** The query as an address's search part, without what is empty (and without the page unless asked). */
export function listSearch(query: Record<string, string | number | null | undefined>, { page }: { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (name !== 'page' && value !== undefined && value !== null && value !== '') params.set(name, String(value));
  if (page && page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** An SQL LIKE pattern for words typed, its wildcards taken literally (with ESCAPE '\'). */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Whether a column holds the words typed (case as typed; wildcards in them taken literally). */
export function contains(column: SQLiteColumn | SQL, words: string): SQL {
  return sql`${column} LIKE ${likePattern(words)} ESCAPE '\\'`;
}

/** A page of a list asked for (its number and size), or null for every row (a download). */
export type PageAsked = { number: number; size: number } | null;

/** Which rows of a list to read: the page shown for the one asked (the last when fewer rows), or every row for a download. */
export function listWindow(asked: PageAsked, total: number): { page: number; limit: number; offset: number } {
  if (!asked) return { page: 1, limit: LIST_EXPORT_LIMIT, offset: 0 };
  const page = shownPage(asked.number, total, asked.size);
  return { page, limit: asked.size, offset: (page - 1) * asked.size };
}
