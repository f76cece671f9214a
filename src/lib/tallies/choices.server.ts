// The areas and institutions a tally's filters may choose, found by what is typed: a province has thousands, so
// the dashboard offers them as one types (the choices endpoint) rather than as a list of every one.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { areas, campaigns, institutions } from '#db/schema.ts';
import { type Actor, institutionIdsFor } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';
import { inList } from './counting.server.ts';

/** A choice as offered: its id and the words shown for it. */
export interface Choice {
  id: number;
  label: string;
}
export const CHOOSABLE = ['area', 'institution'] as const;
export type Choosable = (typeof CHOOSABLE)[number];

/** How many choices are offered for what is typed. */
export const CHOICES_OFFERED = 20;

/** The areas a tally may be narrowed to (a province's is everything). */
const CHOOSABLE_LEVELS = ['city', 'county', 'township'] as const;
const parent = alias(areas, 'parent');
// "农安县（长春市）": an area with the one above it, so that two townships of the same name can be told apart.
const areaLabel = sql<string>`CASE WHEN ${parent.level} IN ${CHOOSABLE_LEVELS} THEN ${areas.name} || '（' || ${parent.name} || '）' ELSE ${areas.name} END`;
/** Words that hold what is typed, anywhere (no condition when nothing is), its own % and _ taken as themselves. */
const holding = (words: SQL | SQLiteColumn, typed: string | undefined) =>
  typed === undefined ? undefined : sql`${words} LIKE ${`%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`;

/** The campaigns a tally may be narrowed to, newest first (a few a year: all offered). */
export function tallyCampaigns(tx: Tx) {
  return tx.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).orderBy(sql`${campaigns.startDate} DESC`).all();
}

/**
 * The areas or the actor's institutions (those it may count) whose words hold what is typed, cities before
 * counties before townships, then by name; at most `limit`. With `ids`, those choices (their words for the form).
 */
export function tallyChoices(tx: Tx, actor: Actor, of: Choosable, { typed, ids, limit = CHOICES_OFFERED }: { typed?: string; ids?: number[]; limit?: number }): Choice[] {
  if (of === 'area') {
    return tx
      .select({ id: areas.id, label: areaLabel })
      .from(areas)
      .leftJoin(parent, eq(parent.id, areas.parentId))
      .where(and(inArray(areas.level, CHOOSABLE_LEVELS), holding(areaLabel, typed), ids && inArray(areas.id, ids)))
      .orderBy(asc(areas.level), asc(areas.name), asc(areas.id))
      .limit(limit)
      .all();
  }
  return tx
    .select({ id: institutions.id, label: institutions.name })
    .from(institutions)
    .where(and(inList(institutions.id, institutionIdsFor(actor, 'aggregate')), holding(institutions.name, typed), ids && inArray(institutions.id, ids)))
    .orderBy(asc(institutions.name), asc(institutions.id))
    .limit(limit)
    .all();
}

/** The words for one chosen area or institution (none when nothing is chosen, or it is not the actor's to count). */
export function chosenLabel(tx: Tx, actor: Actor, of: Choosable, id: number | null): string | undefined {
  return id === null ? undefined : tallyChoices(tx, actor, of, { ids: [id] })[0]?.label;
}

/**
 * What was typed in a chooser without choosing (no script, or a name typed out), as a choice: its id when it
 * names exactly one (its words in full, or the only one holding them), otherwise the choices it may mean (none
 * when nothing holds it).
 */
export function resolveTyped(tx: Tx, actor: Actor, of: Choosable, typed: string): { id: number } | { candidates: Choice[] } {
  const words = typed.trim();
  const candidates = tallyChoices(tx, actor, of, { typed: words, limit: 10 });
  const exact = candidates.filter((c) => c.label === words || c.label.startsWith(`${words}（`));
  if (exact.length === 1) return { id: exact[0].id };
  if (candidates.length === 1) return { id: candidates[0].id };
  return { candidates: exact.length > 1 ? exact : candidates };
}

/**
 * A tally's filters as asked for, with each area or institution given by its words (resolveTyped) put as the id
 * of the one they name; those that name none or several are left out, with what they may mean.
 */
export function resolveTypedChoices(tx: Tx, actor: Actor, asked: Record<string, string>) {
  const filters = { ...asked };
  const unresolved: Partial<Record<Choosable, { typed: string; candidates: Choice[] }>> = {};
  for (const of of CHOOSABLE) {
    const typed = asked[of]?.trim();
    if (!typed || /^\d+$/.test(typed)) continue;
    const found = resolveTyped(tx, actor, of, typed);
    if ('id' in found) filters[of] = String(found.id);
    else {
      delete filters[of];
      unresolved[of] = { typed, candidates: found.candidates };
    }
  }
  return { filters, unresolved };
}
