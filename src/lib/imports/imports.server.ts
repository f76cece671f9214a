// CSV imports of villages, households and staff lists: stage the file, check every row (a dry run inside a transaction
// that is rolled back), then apply either all rows or nothing, or just the valid rows. Existing villages
// (same township and name) and households (same ID number) are left as they are, so importing the same
// file again changes nothing.
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, type ImportKind, type ImportMode, imports, villages } from '../../../db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { householdSchema } from '../households/households.ts';
import { saveHousehold } from '../households/households.server.ts';
import { villageSchema } from '../places/places.ts';
import { saveVillage } from '../places/places.server.ts';
import { staffSchema } from '../staff/staff.ts';
import { saveStaff } from '../staff/staff.server.ts';
import { type Actor, assertAccess, institutionIdsFor, isAdmin } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { idVault } from '../server/id-vault.ts';
import { CsvFormatError, type CsvTable, decodeCsv, parseCsv } from './csv-file.ts';
import { IMPORT_COLUMNS, rowInput } from './import-columns.ts';

export interface RowProblem {
  field: string | null;
  message: string;
}

export interface RejectedRow {
  line: number;
  problems: RowProblem[];
  cells: string[];
}

export interface ImportOutcome {
  total: number;
  created: number;
  unchanged: number;
  rejected: RejectedRow[];
  applied: boolean;
}

/**
 * Villages may be imported by administrators; households by anyone who may keep household files; a staff
 * list by those who manage its institution.
 */
function assertMayImport(actor: Actor, kind: ImportKind, institutionId: number | null) {
  if (kind === 'staff') {
    if (institutionId === null) throw new DomainError('validation.required', 'institutionId');
    assertAccess(actor, institutionId, 'manage');
    return;
  }
  const allowed = kind === 'villages' ? isAdmin(actor) : isAdmin(actor) || (institutionIdsFor(actor, 'personal') as number[]).length > 0;
  if (!allowed) throw new ForbiddenError();
}

export function stageImport(
  db: Db,
  { actor, kind, institutionId = null, fileName, bytes }: { actor: Actor; kind: ImportKind; institutionId?: number | null; fileName: string; bytes: Uint8Array },
  now = Date.now(),
): { id: number } {
  assertMayImport(actor, kind, institutionId);
  const { text, encoding } = decodeCsv(bytes);
  let table: CsvTable;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) throw new DomainError(`import.badCsv?line=${error.line ?? '?'}`, 'file');
    throw error;
  }
  if (table.rows.length === 0) throw new DomainError('import.empty', 'file');
  const row = db
    .insert(imports)
    .values({ userId: actor.userId, kind, institutionId: kind === 'staff' ? institutionId : null, fileName: fileName.slice(0, 200), encoding, payload: idVault().encrypt(text), createdAt: now })
    .returning({ id: imports.id })
    .get();
  return row;
}

/** A staged or applied import, for the person who uploaded it only (the file may hold ID numbers). */
export function loadImport(tx: Tx, { actor, importId }: { actor: Actor; importId: number }) {
  const row = tx.select().from(imports).where(eq(imports.id, importId)).get();
  if (!row) throw new NotFoundError();
  if (row.userId !== actor.userId) throw new ForbiddenError();
  const table = parseCsv(idVault().decrypt(row.payload));
  const rejected: RejectedRow[] = row.rejected ? JSON.parse(idVault().decrypt(row.rejected)) : [];
  return { ...row, payload: undefined, table, rejected };
}

const township = alias(areas, 'township');
const county = alias(areas, 'county');

/** The village a household row names by county, township and village. */
function findVillage(tx: Tx, names: { county: string; township: string; village: string }): number | null {
  const row = tx
    .select({ id: villages.id })
    .from(villages)
    .innerJoin(township, eq(township.id, villages.townshipId))
    .innerJoin(county, eq(county.id, township.parentId))
    .where(and(eq(villages.name, names.village), eq(township.name, names.township), eq(county.name, names.county)))
    .get();
  return row?.id ?? null;
}

function problemsOf(issues: { path: PropertyKey[]; message: string }[]): RowProblem[] {
  return issues.map((issue) => ({ field: issue.path.length ? String(issue.path[0]) : null, message: issue.message }));
}

/** Checks and writes one row inside its own savepoint, so a failing row leaves nothing behind. */
function importRow(tx: Tx, actor: Actor, staged: { kind: ImportKind; institutionId: number | null }, input: Record<string, string>, now: number): { created: boolean } | RowProblem[] {
  const { kind } = staged;
  if (kind === 'staff') {
    const parsed = staffSchema.safeParse({ ...input, institutionId: staged.institutionId });
    if (!parsed.success) return problemsOf(parsed.error.issues);
    return tx.transaction((row) => saveStaff(row, actor, parsed.data, now, 'keep'));
  }
  if (kind === 'villages') {
    const parsed = villageSchema.safeParse(input);
    if (!parsed.success) return problemsOf(parsed.error.issues);
    return tx.transaction((row) => saveVillage(row, actor, parsed.data, now, 'keep'));
  }
  const villageId = input.village && input.township && input.county ? findVillage(tx, { county: input.county, township: input.township, village: input.village }) : null;
  const parsed = householdSchema.safeParse({ ...input, villageId: villageId ?? '' });
  if (!parsed.success) {
    return problemsOf(parsed.error.issues).map((p) => (p.field === 'villageId' ? { field: 'village', message: 'import.villageUnknown' } : p));
  }
  try {
    return tx.transaction((row) => saveHousehold(row, actor, parsed.data, now, 'keep'));
  } catch (error) {
    if (error instanceof DomainError) return [{ field: error.field === 'villageId' ? 'village' : error.field, message: error.message }];
    throw error;
  }
}

class DryRunFinished extends Error {}

/**
 * Runs the import with a column mapping. With `dryRun`, or in all-or-nothing mode when any row is
 * rejected, everything is rolled back and the outcome only reports what would happen.
 */
export function runImport(
  db: Db,
  { actor, importId, mapping, mode, dryRun }: { actor: Actor; importId: number; mapping: Record<string, number>; mode: ImportMode; dryRun: boolean },
  now = Date.now(),
): ImportOutcome {
  const staged = loadImport(db, { actor, importId });
  assertMayImport(actor, staged.kind, staged.institutionId);
  if (staged.state === 'applied') throw new DomainError('import.alreadyApplied', null, 409);
  const missing = IMPORT_COLUMNS[staged.kind].filter((c) => c.required && (mapping[c.field] ?? -1) < 0);
  if (missing.length) throw new DomainError('import.requiredColumn', `col_${missing[0].field}`);

  const outcome: ImportOutcome = { total: staged.table.rows.length, created: 0, unchanged: 0, rejected: [], applied: false };
  try {
    db.transaction((tx) => {
      for (const { line, cells } of staged.table.rows) {
        const result = importRow(tx, actor, staged, rowInput(staged.kind, cells, mapping), now);
        if (Array.isArray(result)) outcome.rejected.push({ line, problems: result, cells });
        else if (result.created) outcome.created += 1;
        else outcome.unchanged += 1;
      }
      if (dryRun || (mode === 'all_or_nothing' && outcome.rejected.length > 0)) throw new DryRunFinished();
      tx.update(imports)
        .set({
          state: 'applied',
          mode,
          createdCount: outcome.created,
          unchangedCount: outcome.unchanged,
          rejected: idVault().encrypt(JSON.stringify(outcome.rejected)),
          appliedAt: now,
        })
        .where(eq(imports.id, importId))
        .run();
      recordAudit(tx, {
        actorId: actor.userId,
        action: 'import',
        entity: staged.kind,
        entityId: importId,
        after: { file: staged.fileName, mode, created: outcome.created, unchanged: outcome.unchanged, rejected: outcome.rejected.length },
      }, now);
      outcome.applied = true;
    });
  } catch (error) {
    if (!(error instanceof DryRunFinished)) throw error;
  }
  return outcome;
}
