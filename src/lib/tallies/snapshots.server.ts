// Published tallies: the figures frozen as the publicity office released them. A snapshot never changes; when
// late records arrive, its page shows the difference against the same filters counted now.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { institutions, ITEM_KINDS, ITEM_UNITS, tallySnapshots } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, institutionFilter, institutionIdsFor, publishingInstitutionId } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { type TallyFilters, tallyFilterSchema } from './tallies.ts';
import { HEADLINE_FIGURES, type HeadlineFigure } from './figures.ts';
import { tallyReport } from './tallies.server.ts';

/**
 * A snapshot's figures as they were published, read back through a schema so that a damaged one is refused
 * rather than shown. `version` 1 is the first form (snapshots published before it had a version are read as
 * that); a figure added to the tallies later is simply absent from older snapshots.
 */
const frozenReportSchema = z.object({
  version: z.literal(1).default(1),
  headline: z.record(z.string(), z.number()),
  materials: z.array(z.object({ kind: z.enum(ITEM_KINDS), unit: z.enum(ITEM_UNITS), quantity: z.number(), valueFen: z.number() })),
  summary: z.object({ zh: z.string(), en: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  area: z.object({ id: z.number(), name: z.string(), level: z.string() }).nullable(),
});
export type FrozenReport = z.output<typeof frozenReportSchema>;

export function publishTally(db: Db, { actor, filters, title }: { actor: Actor; filters: TallyFilters; title: string }, now = Date.now()) {
  const institutionId = publishingInstitutionId(actor);
  if (institutionId === null) throw new ForbiddenError();
  return db.transaction((tx) => {
    const report = tallyReport(tx, { actor, filters });
    const frozen: FrozenReport = {
      version: 1,
      headline: report.headline,
      materials: report.figures.materials,
      summary: { zh: report.summary.zh, en: report.summary.en },
      period: { from: report.scope.from, to: report.scope.to },
      area: report.scope.area,
    };
    const row = tx
      .insert(tallySnapshots)
      .values({ institutionId, title, filters: JSON.stringify(filters), report: JSON.stringify(frozen), createdBy: actor.userId, createdAt: now })
      .returning({ id: tallySnapshots.id })
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'publish', entity: 'tally_snapshot', entityId: row.id, institutionId, after: { title, filters } }, now);
    return row;
  });
}

/** The snapshots published by the offices whose tallies the actor may count, newest first. */
export function listSnapshots(tx: Tx, { actor }: { actor: Actor }) {
  const counted = institutionIdsFor(actor, 'aggregate');
  if (counted.length === 0) throw new ForbiddenError();
  return tx
    .select({ id: tallySnapshots.id, title: tallySnapshots.title, createdAt: tallySnapshots.createdAt, institution: institutions.name })
    .from(tallySnapshots)
    .innerJoin(institutions, eq(institutions.id, tallySnapshots.institutionId))
    .where(institutionFilter(actor, 'aggregate', tallySnapshots.institutionId))
    .orderBy(desc(tallySnapshots.createdAt), desc(tallySnapshots.id))
    .all();
}

/**
 * A snapshot as published, and each headline figure's change since: the same filters counted now minus the
 * published figure (zero when nothing arrived late). `current` is null if the actor may no longer count them.
 */
export function getSnapshot(tx: Tx, { actor, snapshotId }: { actor: Actor; snapshotId: number }) {
  const row = tx
    .select({ snapshot: tallySnapshots, institution: institutions.name })
    .from(tallySnapshots)
    .innerJoin(institutions, eq(institutions.id, tallySnapshots.institutionId))
    .where(and(eq(tallySnapshots.id, snapshotId), institutionFilter(actor, 'aggregate', tallySnapshots.institutionId)))
    .get();
  if (!row) {
    const exists = tx.select({ id: tallySnapshots.id }).from(tallySnapshots).where(eq(tallySnapshots.id, snapshotId)).get();
    throw exists ? new ForbiddenError() : new NotFoundError();
  }
  const filters = tallyFilterSchema.parse(JSON.parse(row.snapshot.filters));
  const frozen = frozenReportSchema.parse(JSON.parse(row.snapshot.report));
  let current: Record<HeadlineFigure, number> | null = null;
  try {
    current = tallyReport(tx, { actor, filters }).headline;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  // Figures the tallies gained after it was published are not in it, and are no change.
  const published = HEADLINE_FIGURES.filter((key) => key in frozen.headline);
  const changes = current ? published.filter((key) => current![key] !== frozen.headline[key]).map((key) => ({ key, published: frozen.headline[key], now: current![key] })) : null;
  return { ...row.snapshot, institution: row.institution, filters, frozen, changes };
}
