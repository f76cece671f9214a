// Importing the households file as Excel saves it in China (GBK), with three good rows and three bad ones.
import { count, eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, households, imports, villages } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { demoIdNumber } from '#db/seed/places.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { decodeCsv, parseCsv } from './csv-file.ts';
import { autoMapColumns } from './import-columns.ts';
import { message } from '../validation/fields.ts';
import { advanceImport, loadImport, queueImport, runImport, stageImport } from './imports.server.ts';

const NOW = Date.parse('2019-10-17T10:00:00+08:00');
const bytesOf = (path: string) => new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));
const GBK = bytesOf('tests/fixtures/households-gbk.csv');
const householdMapping = autoMapColumns('households', parseCsv(decodeCsv(GBK).text).headers);

let db: Db;
let coordinator: Actor;
const householdCount = () => db.select({ n: count() }).from(households).get()!.n;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '长春市中心医院');
});

function stage(bytes = GBK, actor = coordinator, kind: 'households' | 'villages' = 'households') {
  return stageImport(db, { actor, kind, fileName: 'households.csv', bytes }, NOW).id;
}

describe('household import', () => {
  it('checks every row without writing, and says which lines are wrong and why', () => {
    const before = householdCount();
    const outcome = runImport(db, { actor: coordinator, importId: stage(), mapping: householdMapping, mode: 'valid_only', dryRun: true }, NOW);
    expect(outcome).toMatchObject({ total: 6, created: 3, unchanged: 0, applied: false });
    expect(outcome.rejected.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.message}`)])).toEqual([
      [5, ['idNumber:household.idNumberInvalid']],
      [6, ['village:import.villageUnknown']],
      [7, ['headName:validation.required', 'phone:validation.phone', 'cause:validation.choice']],
    ]);
    expect(householdCount()).toBe(before);
  });

  it('refuses every line of a file that shares an ID number with another, naming the other lines, in every mode', () => {
    // Three ID numbers each used twice under different heads (lines 2 and 5, 3 and 6, 4, 7 and 8), one line alone.
    const [first, second, third, alone] = [1, 2, 3, 4].map((n) => demoIdNumber('220122', 900 + n));
    const rows = [
      ['王守义', first],
      ['张桂兰', second],
      ['赵德福', third],
      ['王守仁', first],
      ['张桂芝', ` ${second.toLowerCase()} `],
      ['赵德禄', third],
      ['赵德寿', third],
      ['钱有才', alone],
    ];
    const csv = ['县,乡镇,村,户主姓名,身份证号,致贫原因', ...rows.map(([head, id]) => `农安县,高家店镇,刘家屯村,${head},${id},因病致贫`)].join('\n');
    const bytes = new TextEncoder().encode(csv);
    const mapping = autoMapColumns('households', parseCsv(csv).headers);
    const refused = (outcome: { rejected: { line: number; problems: { field: string | null; message: string }[] }[] }) => outcome.rejected.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.message}`)]);
    const repeated = (lines: string) => `idNumber:${message('import.idNumberRepeated', { lines })}`;
    const expected = [
      [2, [repeated('5')]],
      [3, [repeated('6')]],
      [4, [repeated('7、8')]],
      [5, [repeated('2')]],
      [6, [repeated('3')]],
      [7, [repeated('4、8')]],
      [8, [repeated('4、7')]],
    ];
    const before = householdCount();
    for (const [mode, dryRun] of [['valid_only', true], ['all_or_nothing', false]] as const) {
      const outcome = runImport(db, { actor: coordinator, importId: stage(bytes), mapping, mode, dryRun }, NOW);
      expect(refused(outcome), mode).toEqual(expected);
      expect(householdCount()).toBe(before);
    }
    const outcome = runImport(db, { actor: coordinator, importId: stage(bytes), mapping, mode: 'valid_only', dryRun: false }, NOW);
    expect(refused(outcome)).toEqual(expected);
    expect(outcome).toMatchObject({ created: 1, applied: true });
    expect(db.select({ head: households.headName }).from(households).where(eq(households.idNumberMasked, `2201**********${alone.slice(-4)}`)).all()).toEqual([{ head: '钱有才' }]);
  });

  it('all or nothing: with bad rows, nothing is written and the import can be run again', () => {
    const before = householdCount();
    const importId = stage();
    const outcome = runImport(db, { actor: coordinator, importId, mapping: householdMapping, mode: 'all_or_nothing', dryRun: false }, NOW);
    expect(outcome).toMatchObject({ created: 3, applied: false });
    expect(outcome.rejected).toHaveLength(3);
    expect(householdCount()).toBe(before);
    expect(db.select().from(imports).where(eq(imports.id, importId)).get()!.state).toBe('checked');
  });

  it('valid rows only: writes the three good rows with their details, keeps the report, and a re-import changes nothing', () => {
    const before = householdCount();
    const importId = stage();
    const outcome = runImport(db, { actor: coordinator, importId, mapping: householdMapping, mode: 'valid_only', dryRun: false }, NOW);
    expect(outcome).toMatchObject({ created: 3, unchanged: 0, applied: true });
    expect(householdCount()).toBe(before + 3);
    const zhao = db.select().from(households).where(eq(households.headName, '赵德福')).get()!;
    expect(zhao).toMatchObject({ hamlet: '1组', cause: 'lack_of_labour', status: 'lifted', phone: '0431-84692117', idNumberMasked: '2201**********003X', enteredIn: 'GCJ02' });
    // Entered in GCJ-02 (Amap), stored in WGS-84: moved back by a few hundred metres.
    expect(zhao.lat).not.toBe(44.529);
    expect(Math.abs(zhao.lat! - 44.529)).toBeLessThan(0.01);
    expect(loadImport(db, { actor: coordinator, importId }).rejected.map((r) => r.line)).toEqual([5, 6, 7]);

    const again = runImport(db, { actor: coordinator, importId: stage(), mapping: householdMapping, mode: 'valid_only', dryRun: false }, NOW);
    expect(again).toMatchObject({ created: 0, unchanged: 3, applied: true });
    expect(householdCount()).toBe(before + 3);
  });

  it('keeps the staged file encrypted and shows it only to whoever uploaded it', () => {
    const importId = stage();
    const stored = db.select().from(imports).where(eq(imports.id, importId)).get()!;
    expect(stored.payload).not.toContain('2201');
    expect(() => loadImport(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), importId })).toThrow(ForbiddenError);
  });

  it('refuses households of villages the importer is not paired with', () => {
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    const outcome = runImport(db, { actor: qinyuan, importId: stage(GBK, qinyuan), mapping: householdMapping, mode: 'valid_only', dryRun: true }, NOW);
    expect(outcome.created).toBe(0);
    expect(outcome.rejected[0].problems).toEqual([{ field: 'village', message: 'household.villageNotPaired' }]);
  });

  it('refuses a broken or empty file, and members and publicity offices altogether', () => {
    expect(() => stage(new TextEncoder().encode('县,村\n"broken,\n'))).toThrow(/import.badCsv/);
    expect(() => stage(new TextEncoder().encode('县,村\n'))).toThrow('import.empty');
    expect(() => stage(GBK, actorWithRole(db, 'member', '长春市中心医院'))).toThrow(ForbiddenError);
    expect(() => stage(GBK, actorWithRole(db, 'publicity', '长春市卫生健康委员会'))).toThrow(ForbiddenError);
  });

  it('needs every required field mapped to a column', () => {
    expect(() => runImport(db, { actor: coordinator, importId: stage(), mapping: { ...householdMapping, idNumber: -1 }, mode: 'valid_only', dryRun: true }, NOW)).toThrow(
      'import.requiredColumn',
    );
  });
});

describe('a large import', () => {
  it('goes a batch at a time, keeping how far it got, and comes to what one pass would', () => {
    const header = '县,乡镇,村,户主姓名,身份证号,致贫原因\n';
    const lines = Array.from({ length: 60 }, (_, i) => `农安县,高家店镇,刘家屯村,户主${i},${demoIdNumber('220122', 500 + i)},因病致贫`).join('\n');
    const bytes = new TextEncoder().encode(header + lines);
    const importId = stage(bytes);
    const mapping = autoMapColumns('households', parseCsv(decodeCsv(bytes).text).headers);
    const before = householdCount();
    queueImport(db, { actor: coordinator, importId, mapping, mode: 'all_or_nothing', dryRun: false });
    // A batch with no time to spare does one row; the all-or-nothing import checks all 60 before writing any.
    let batches = 0;
    for (let more = true; more; batches++) {
      more = advanceImport(db, importId, 0, NOW);
      const row = db.select().from(imports).where(eq(imports.id, importId)).get()!;
      if (more && row.pass === 'check') expect(householdCount()).toBe(before);
    }
    expect(batches).toBe(120);
    expect(loadImport(db, { actor: coordinator, importId })).toMatchObject({ state: 'applied', createdCount: 60, unchangedCount: 0, rejected: [] });
    expect(householdCount()).toBe(before + 60);
  });
});

describe('village import', () => {
  it('creates the townships and villages of the example file once, for an administrator only', () => {
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    const bytes = bytesOf('docs/examples/villages.csv');
    const mapping = autoMapColumns('villages', parseCsv(decodeCsv(bytes).text).headers);
    expect(() => stage(bytes, coordinator, 'villages')).toThrow(ForbiddenError);
    const first = runImport(db, { actor: admin, importId: stage(bytes, admin, 'villages'), mapping, mode: 'all_or_nothing', dryRun: false }, NOW);
    expect(first).toMatchObject({ total: 3, created: 3, applied: true, rejected: [] });
    const second = runImport(db, { actor: admin, importId: stage(bytes, admin, 'villages'), mapping, mode: 'all_or_nothing', dryRun: false }, NOW);
    expect(second).toMatchObject({ created: 0, unchanged: 3 });
    expect(db.select().from(villages).where(eq(villages.name, '四家子村')).get()).toMatchObject({ status: 'lifted', liftedYear: 2019, population: 870 });
    expect(db.select().from(areas).where(eq(areas.name, '合隆镇')).get()).toMatchObject({ level: 'township' });
    expect(db.select().from(areas).where(eq(areas.name, '农安县')).get()!.povertyCounty).toBe(false);

    // The same villages marked 国家级贫困县 = 是 mark their county (and change nothing else).
    const marked = bytesOf('tests/fixtures/villages-utf8.csv');
    const again = runImport(db, { actor: admin, importId: stage(marked, admin, 'villages'), mapping, mode: 'all_or_nothing', dryRun: false }, NOW);
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
    expect(db.select().from(areas).where(eq(areas.name, '农安县')).get()!.povertyCounty).toBe(true);
  });
});
