// CSV imports of villages, households and staff lists: stage the file, check every row (a dry run whose writes
// are rolled back), then apply either all rows or nothing, or just the valid rows. A run goes a batch of rows at
// a time, so that a 40,000-row file does not hold up everyone else's pages. Existing villages (same township and
// name) and households (same ID number) are left as they are, so importing the same file again changes nothing.
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { areas, type ImportKind, type ImportMode, imports, villages } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { householdSchema } from '../households/households.ts';
import { normaliseIdNumber } from '../households/id-number.ts';
import { saveHousehold } from '../households/households.server.ts';
import { villageSchema } from '../places/places.ts';
import { saveVillage } from '../places/places.server.ts';
import { staffSchema } from '../staff/staff.ts';
import { saveStaff } from '../staff/staff.server.ts';
import { type Actor, administersAnyArea, assertAccess, loadActor, ownPersonalInstitutionIds } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { idVault } from '../server/id-vault.ts';
import { CsvFormatError, type CsvTable, decodeCsv, parseCsv } from './csv-file.ts';
import { autoMapColumns, IMPORT_COLUMNS, rowInput } from './import-columns.ts';
import { message } from '../validation/fields.ts';

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
  const allowed = kind === 'villages' ? administersAnyArea(actor) : ownPersonalInstitutionIds(actor).length > 0;
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
    if (error instanceof CsvFormatError) throw new DomainError(message('import.badCsv', { line: error.line ?? '?' }), 'file');
    throw error;
  }
  if (table.rows.length === 0) throw new DomainError('import.empty', 'file');
  const row = db
    .insert(imports)
    .values({ userId: actor.userId, kind, institutionId: kind === 'staff' ? institutionId : null, fileName: fileName.slice(0, 200), encoding, payload: idVault().encrypt(text), createdAt: now })
    .returning({ id: imports.id })
    .get();
  // The file is checked at once with the columns its headings name, when they name every required one.
  const mapping = autoMapColumns(kind, table.headers);
  if (IMPORT_COLUMNS[kind].every((c) => !c.required || mapping[c.field] >= 0)) queueImport(db, { actor, importId: row.id, mapping, mode: 'valid_only', dryRun: true });
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

/** How long one batch of rows may hold the server before other requests get their turn. */
export const IMPORT_BATCH_MS = 50;

/**
 * Starts a check (dry run) or an import of a staged file with a column mapping; the rows are then worked
 * through a batch at a time (advanceImport) beside everyone else's requests. An all-or-nothing import first
 * checks every row and writes only if none is rejected.
 */
export function queueImport(
  db: Db,
  { actor, importId, mapping, mode, dryRun }: { actor: Actor; importId: number; mapping: Record<string, number>; mode: ImportMode; dryRun: boolean },
): void {
  db.transaction((tx) => {
    const staged = loadImport(tx, { actor, importId });
    assertMayImport(actor, staged.kind, staged.institutionId);
    // A run already going (the check started on upload, say) gives way to this one.
    if (staged.state === 'applied') throw new DomainError('import.alreadyApplied', null, 409);
    const missing = IMPORT_COLUMNS[staged.kind].filter((c) => c.required && (mapping[c.field] ?? -1) < 0);
    if (missing.length) throw new DomainError('import.requiredColumn', `col_${missing[0].field}`);
    const ran = dryRun ? 'check' : 'apply';
    tx.update(imports)
      .set({ state: 'running', ran, mode, mapping: JSON.stringify(mapping), pass: dryRun || mode === 'all_or_nothing' ? 'check' : 'apply', progress: 0, createdCount: 0, unchangedCount: 0, rejected: null })
      .where(eq(imports.id, importId))
      .run();
  });
}

// A running import's file, decrypted and parsed once rather than for every batch, with its repeated ID numbers.
const runningFiles = new Map<number, { table: CsvTable; repeated: Map<number, number[]> }>();

/**
 * The lines of a household file that share an ID number with another line of it, each with the other lines:
 * which of them is the person is for whoever keeps the file to say, so none is imported.
 */
function repeatedIdNumbers(kind: ImportKind, table: CsvTable, mapping: Record<string, number>): Map<number, number[]> {
  const column = mapping.idNumber ?? -1;
  const repeated = new Map<number, number[]>();
  if (kind !== 'households' || column < 0) return repeated;
  const linesOf = new Map<string, number[]>();
  for (const { line, cells } of table.rows) {
    const idNumber = normaliseIdNumber(cells[column] ?? '');
    if (idNumber !== '') linesOf.set(idNumber, [...(linesOf.get(idNumber) ?? []), line]);
  }
  for (const lines of linesOf.values()) if (lines.length > 1) for (const line of lines) repeated.set(line, lines.filter((l) => l !== line));
  return repeated;
}

/**
 * Works through the next rows of a running import for about `budgetMs`, as the person who started it, and
 * keeps how far it got. A check's rows are rolled back; an import's are written. Returns whether rows are left.
 */
export function advanceImport(db: Db, importId: number, budgetMs = IMPORT_BATCH_MS, now = Date.now()): boolean {
  const row = db.select().from(imports).where(eq(imports.id, importId)).get();
  if (!row || row.state !== 'running' || row.pass === null || row.ran === null || row.mode === null) return false;
  const actor = loadActor(db, row.userId);
  assertMayImport(actor, row.kind, row.institutionId);
  const mapping = JSON.parse(row.mapping ?? '{}') as Record<string, number>;
  let file = runningFiles.get(importId);
  if (!file) {
    const table = parseCsv(idVault().decrypt(row.payload));
    file = { table, repeated: repeatedIdNumbers(row.kind, table, mapping) };
    runningFiles.set(importId, file);
  }
  const { table, repeated } = file;
  const staged = { kind: row.kind, institutionId: row.institutionId, table };
  const rejected: RejectedRow[] = row.rejected ? JSON.parse(idVault().decrypt(row.rejected)) : [];
  let { progress } = row;
  let created = row.createdCount ?? 0;
  let unchanged = row.unchangedCount ?? 0;
  const started = performance.now();
  const work = () =>
    db.transaction((tx) => {
      // At least one row a batch, however short the time.
      for (const first = progress; progress < staged.table.rows.length && (progress === first || performance.now() - started < budgetMs); progress++) {
        const { line, cells } = staged.table.rows[progress];
        const others = repeated.get(line);
        const result = others ? [{ field: 'idNumber', message: message('import.idNumberRepeated', { lines: others.join('、') }) }] : importRow(tx, actor, staged, rowInput(staged.kind, cells, mapping), now);
        if (Array.isArray(result)) rejected.push({ line, problems: result, cells });
        else if (result.created) created += 1;
        else unchanged += 1;
      }
      if (row.pass === 'check') throw new DryRunFinished();
    });
  try {
    work();
  } catch (error) {
    if (!(error instanceof DryRunFinished)) throw error;
  }
  const done = progress >= staged.table.rows.length;
  const counts = { progress, createdCount: created, unchangedCount: unchanged, rejected: idVault().encrypt(JSON.stringify(rejected)) };
  if (!done) {
    db.update(imports).set(counts).where(eq(imports.id, importId)).run();
    return true;
  }
  // An all-or-nothing import whose check found no bad row goes on to write the rows.
  if (row.ran === 'apply' && row.pass === 'check' && rejected.length === 0) {
    db.update(imports).set({ pass: 'apply', progress: 0, createdCount: 0, unchangedCount: 0, rejected: null }).where(eq(imports.id, importId)).run();
    return true;
  }
  const applied = row.ran === 'apply' && row.pass === 'apply';
  db.transaction((tx) => {
    tx.update(imports)
      .set({ ...counts, state: applied ? 'applied' : 'checked', appliedAt: applied ? now : null })
      .where(eq(imports.id, importId))
      .run();
    if (applied) {
      recordAudit(tx, { actorId: actor.userId, action: 'import', entity: row.kind, entityId: importId, after: { file: row.fileName, mode: row.mode, created, unchanged, rejected: rejected.length } }, now);
    }
  });
  runningFiles.delete(importId);
  return false;
}

/** What a run came to so far, or at its end. */
export function importOutcome(staged: ReturnType<typeof loadImport>): ImportOutcome {
  return { total: staged.table.rows.length, created: staged.createdCount ?? 0, unchanged: staged.unchangedCount ?? 0, rejected: staged.rejected, applied: staged.state === 'applied' };
}

/**
 * How far a run has got, in steps: one a row, two for an all-or-nothing import, which checks every row
 * (pass "check") before it writes them (pass "apply").
 */
export function importProgress(staged: ReturnType<typeof loadImport>): { done: number; steps: number } {
  const total = staged.table.rows.length;
  if (staged.ran === 'apply' && staged.mode === 'all_or_nothing') return { done: (staged.pass === 'apply' ? total : 0) + staged.progress, steps: total * 2 };
  return { done: staged.progress, steps: total };
}

/** Runs a check or an import to its end at once: for a small file, and for tests. */
export function runImport(
  db: Db,
  run: { actor: Actor; importId: number; mapping: Record<string, number>; mode: ImportMode; dryRun: boolean },
  now = Date.now(),
): ImportOutcome {
  queueImport(db, run);
  while (advanceImport(db, run.importId, Number.POSITIVE_INFINITY, now));
  return importOutcome(loadImport(db, { actor: run.actor, importId: run.importId }));
}

/**
 * Runs every running import a batch at a time, yielding to the server's other requests between batches, until
 * stopped: the server process starts it beside the mail sender.
 */
export function startImportWorker(db: Db, { idleMs = 500, onError = console.error }: { idleMs?: number; onError?: (...args: unknown[]) => void } = {}) {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    if (stopped) return;
    // After a batch the next step comes at once (another run may be waiting); when none is running, after idleMs.
    const next = db.select({ id: imports.id }).from(imports).where(eq(imports.state, 'running')).orderBy(asc(imports.id)).get();
    if (next) {
      try {
        advanceImport(db, next.id);
      } catch (error) {
        // A run that cannot go on (its importer lost the right, say) stops where it is, checked so far.
        onError('[yizhen] import:', error);
        db.update(imports).set({ state: 'checked' }).where(eq(imports.id, next.id)).run();
      }
    }
    timer = next ? (setImmediate(step) as unknown as ReturnType<typeof setTimeout>) : setTimeout(step, idleMs);
  };
  timer = setTimeout(step, 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
