// Projects a county pairing carries (seed 003: the district committed 2,100万元 to projects in 嵩县 and paid a
// first 540万元), here on 沁源县人民医院's pairing with its county: counted by the day committed and the day paid,
// in the county's tally and not in a township's; refused on a household pairing, or paid before committed.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, pairings } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusedWith } from '#tests/setup/refusal.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { tallyReport } from '../tallies/tallies.server.ts';
import { projectPaymentSchema, projectSchema } from './projects.ts';
import { addProject, pairingProjectsOf, recordProjectPayment } from './projects.server.ts';

const NOW = Date.parse('2020-06-20T10:00:00+08:00');
let db: Db;
let qinyuan: Actor;
let pairingId: number;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
  const county = db.select().from(areas).where(eq(areas.name, '沁源县')).get()!.id;
  pairingId = db.insert(pairings).values({ institutionId: qinyuan.memberships[0].institutionId, target: 'county', areaId: county, startDate: '2019-01-01', obligation: 'quarterly', createdAt: NOW }).returning().get().id;
});

const project = (actor = qinyuan) => addProject(db, { actor, input: projectSchema.parse({ pairingId: String(pairingId), name: '重度失能托养中心', committed: '21,000,000', committedOn: '2019-03-01' }) }, NOW);
const pay = (projectId: number, paidOn: string, amount: string) => recordProjectPayment(db, { actor: qinyuan, input: projectPaymentSchema.parse({ projectId: String(projectId), paidOn, amount, note: '' }) }, NOW);

describe('pairing projects', () => {
  it('count their funds committed and paid by date, in the county and not in a township', () => {
    const { id } = project();
    pay(id, '2019-06-01', '5,400,000');
    expect(pairingProjectsOf(db, pairingId)).toMatchObject([{ name: '重度失能托养中心', committedFen: 2_100_000_000, paidFen: 540_000_000 }]);
    const admin = actorWithRole(db, 'admin', '沁源县卫生健康局');
    const report = (filters: Record<string, string>) => tallyReport(db, { actor: admin, filters: tallyFilterSchema.parse(filters) });
    const year = report({ from: '2019-01-01', to: '2019-12-31' });
    expect(year.headline).toMatchObject({ projectFundsCommittedYuan: 21_000_000, projectFundsPaidYuan: 5_400_000 });
    expect(year.summary.zh).toContain('承诺帮扶项目资金2100万元，到位540万元');
    // Paid in June: not in the first quarter's tally, though committed in it.
    expect(report({ from: '2019-01-01', to: '2019-03-31' }).headline).toMatchObject({ projectFundsCommittedYuan: 21_000_000, projectFundsPaidYuan: 0 });
    const area = (name: string) => String(db.select().from(areas).where(eq(areas.name, name)).get()!.id);
    expect(report({ area: area('沁源县') }).headline).toMatchObject({ projectFundsPaidYuan: 5_400_000 });
    expect(report({ area: area('赤石桥乡') }).headline).toMatchObject({ projectFundsCommittedYuan: 0, projectFundsPaidYuan: 0 });
  });

  it('are refused on a household pairing, paid before they were committed, or by another institution', async () => {
    const household = db.select().from(pairings).where(eq(pairings.target, 'household')).all().find((p) => p.institutionId === qinyuan.memberships[0].institutionId)!;
    expect(await refusedWith(() => addProject(db, { actor: qinyuan, input: projectSchema.parse({ pairingId: String(household.id), name: '项目', committed: '100', committedOn: '2019-03-01' }) }))).toBe('project.notForHousehold');
    const { id } = project();
    expect(await refusedWith(() => pay(id, '2019-02-01', '100'))).toBe('project.paidBeforeCommitted paidOn');
    expect(projectPaymentSchema.safeParse({ projectId: String(id), paidOn: '2019-06-01', amount: '0' }).error?.issues[0]).toMatchObject({ path: ['amount'], message: 'project.amountPositive' });
    expect(() => project(actorWithRole(db, 'coordinator', '长春市中心医院'))).toThrow(ForbiddenError);
  });
});
