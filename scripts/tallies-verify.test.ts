// `npm run tallies:verify` against a real database file: silent agreement, a difference found, put right.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedTallyRecords } from '../tests/fixtures/tally-records.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { openDatabase } from '../src/lib/server/db.ts';
import { bringRunningTotalsUpToDate } from '../src/lib/tallies/running-totals.server.ts';

describe('npm run tallies:verify', () => {
  it('says the totals agree, lists a difference with exit status 1, and counts again when asked', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'yizhen-verify-')), 'site.sqlite');
    const db = openDatabase(path);
    migrateDatabase(db);
    seedTallyRecords(db);
    bringRunningTotalsUpToDate(db);
    const verify = (...args: string[]) => {
      try {
        return { status: 0, out: execFileSync(process.execPath, ['scripts/tallies-verify.mjs', ...args], { env: { ...process.env, DATABASE_PATH: path }, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (error) {
        const failed = error as { status: number; stdout: string; stderr: string };
        return { status: failed.status, out: failed.stdout + failed.stderr };
      }
    };
    expect(verify()).toMatchObject({ status: 0, out: expect.stringContaining('agree') });
    db.$client.prepare('UPDATE tally_days SET visits = visits + 5 WHERE county_id IS NULL').run();
    const found = verify();
    expect(found.status).toBe(1);
    expect(found.out).toMatch(/^- tally_days /m);
    expect(found.out).toMatch(/^\+ tally_days /m);
    expect(verify('--recount')).toMatchObject({ status: 0, out: expect.stringContaining('counted again') });
    expect(verify()).toMatchObject({ status: 0 });
    db.$client.close();
  });
});
