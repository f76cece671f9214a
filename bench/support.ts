// What every benchmark needs: a fresh data set under bench/data/, and timing by median of repeated runs.
// Imported after a benchmark has set its environment (ID_NUMBER_KEY), like the modules it measures.
import { mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { migrateDatabase } from '../db/migrate.ts';
import { type Db, openDatabase } from '../src/lib/server/db.ts';
import { bringRunningTotalsUpToDate } from '../src/lib/tallies/running-totals.server.ts';

/** Where a benchmark keeps its data set: bench/data/<name>.sqlite. */
export function benchDatabasePath(name: string): string {
  return new URL(`./data/${name}.sqlite`, import.meta.url).pathname;
}

/** An empty, migrated database at `path`, replacing any earlier one. */
export function freshDatabase(path: string): Db {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  mkdirSync(new URL('./data/', import.meta.url), { recursive: true });
  return existingDatabase(path);
}

/** The data set at `path` as generated earlier, brought up to the current schema (new columns, indexes). */
export function existingDatabase(path: string): Db {
  const db = openDatabase(path);
  migrateDatabase(db);
  return db;
}

/**
 * Takes in what was generated or changed since the running totals were last brought up to date (a one-off cost,
 * printed, not part of any time measured), then gathers the statistics afresh when much was counted, as a
 * running site's hourly statistics would have by the time anyone reads it.
 */
export function catchUpRunningTotals(db: Db): void {
  const started = performance.now();
  const days = bringRunningTotalsUpToDate(db);
  if (days === 0) return;
  db.$client.exec('ANALYZE');
  console.log(`running totals brought up to date: ${days.toLocaleString('en')} days in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `work` (waiting for it when it is asynchronous) `runs` times: the first, cold run and the median. */
export async function measure(work: () => unknown, runs = 30): Promise<{ first: number; median: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return { first: samples[0], median: median(samples) };
}

/**
 * A repeatable stream of numbers in [0, 1) (mulberry32), so that every run generates the same data set. Its
 * arithmetic stays within 32 bits: a textbook LCG written with plain multiplication loses precision beyond
 * 2^53 and falls into a short cycle.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
