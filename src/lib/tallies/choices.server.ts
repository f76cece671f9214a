// The areas and institutions a tally's filters may choose, found by what is typed: a province has thousands, so
// the dashboard offers them as one types (the choices endpoint) rather than as a list of every one.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
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

const AREA_LEVELS = ['city', 'county', 'township'] as const;
const parent = alias(areas, 'parent');
// "农安县（长春市）": an area with the one above it, so that two townships of the same name can be told apart.
const areaLabel = sql<string>`CASE WHEN ${parent.level} IN ${AREA_LEVELS} THEN ${areas.name} || '（' || ${parent.name} || '）' ELSE ${areas.name} END`;
/** What is typed, as a LIKE pattern that finds it anywhere, its own % and _ taken as themselves. */
const containing = (typed: string) => `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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
      .where(and(inArray(areas.level, AREA_LEVELS), typed === undefined ? undefined : sql`${areaLabel} LIKE ${containing(typed)} ESCAPE '\\'`, ids && inArray(areas.id, ids)))
      .orderBy(asc(areas.level), asc(areas.name), asc(areas.id))
      .limit(limit)
      .all();
  }
  return tx
    .select({ id: institutions.id, label: institutions.name })
    .from(institutions)
    .where(and(inList(institutions.id, institutionIdsFor(actor, 'aggregate')), typed === undefined ? undefined : sql`${institutions.name} LIKE ${containing(typed)} ESCAPE '\\'`, ids && inArray(institutions.id, ids)))
    .orderBy(asc(institutions.name), asc(institutions.id))
    .limit(limit)
    .all();
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
