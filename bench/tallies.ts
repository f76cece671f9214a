// Province-sized tallies.
//   npm run bench:tallies    (generates bench/data/tallies.sqlite on first run, then measures)
// Data: the province of bench/tally-data.ts. Prints the full-province tally and one county's, each beside the
// same aggregate written as one hand-written SQL statement over the running totals on better-sqlite3, and the
// ratio; and, for comparison, the time of counting the same figures from the records.
import { env } from 'node:process';

env.ID_NUMBER_KEY ??= 'YmVuY2ggb25seToga2V5IGZvciBJRCBudW1iZXJzIC0tLS0tLS0tLQ==';

const { catchUpRunningTotals, existingDatabase, measure } = await import('./support.ts');
const { ensureTallyDataSet } = await import('./tally-data.ts');
const { loadActor, tokenActor } = await import('../src/lib/server/auth/scope.ts');
const { tally } = await import('../src/lib/tallies/tallies.server.ts');
const { tallyFilterSchema } = await import('../src/lib/tallies/tallies.ts');
const { shownFigures } = await import('../src/lib/tallies/figures.ts');
const { SUPPORT_FUND_RECIPIENTS } = await import('../src/lib/donations/donations.ts');
const { beijingDate } = await import('../src/lib/time/beijing.ts');
// Cash to a collective (a village) is support funds (帮扶资金), not 慰问金.
const supportFunds = `recipient_kind IN (${SUPPORT_FUND_RECIPIENTS.map((kind) => `'${kind}'`).join(', ')})`;

/**
 * The same figures counted from the records by one hand-written statement: the counted events and visits as
 * CTEs, each figure a scalar subquery over them. `:county` limits to a county (all when null). It checks that
 * the running totals hold what the records say, and shows what reading the records costs.
 */
const FROM_RECORDS = `
WITH area_villages AS (SELECT id FROM villages WHERE :county IS NULL OR township_id IN (SELECT id FROM areas WHERE parent_id = :county)),
e AS (SELECT id, organiser_id, people_seen FROM events WHERE state = 'done' AND (:county IS NULL OR village_id IN area_villages)),
v AS (SELECT visits.id, visits.household_id FROM visits JOIN households ON households.id = visits.household_id WHERE households.village_id IN area_villages),
lines AS (
  SELECT item_id, quantity, value_fen FROM stock_entries WHERE kind IN ('handout', 'reversal') AND event_id IN (SELECT id FROM e)
  UNION ALL SELECT item_id, quantity, value_fen FROM stock_entries WHERE kind IN ('handout', 'reversal') AND event_id IS NULL AND visit_id IN (SELECT id FROM v))
SELECT
  (SELECT COUNT(*) FROM e) AS events,
  (SELECT SUM(people_seen) FROM e) AS peopleSeen,
  (SELECT COUNT(DISTINCT organiser_id) FROM e) AS institutions,
  (SELECT COUNT(*) FROM dispatches d JOIN vehicles ve ON ve.id = d.vehicle_id WHERE ve.kind = 'ambulance' AND d.event_id IN (SELECT id FROM e)) AS ambulanceTrips,
  (SELECT COUNT(*) FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN event_roles r ON r.id = sh.role_id JOIN staff st ON st.id = s.staff_id
     WHERE s.state = 'confirmed' AND st.profession IN ('doctor', 'nurse', 'pharmacist', 'technician') AND r.event_id IN (SELECT id FROM e)) AS medicalStaffTimes,
  (SELECT COUNT(DISTINCT s.staff_id) FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN event_roles r ON r.id = sh.role_id JOIN staff st ON st.id = s.staff_id
     WHERE s.state = 'confirmed' AND st.profession IN ('doctor', 'nurse', 'pharmacist', 'technician') AND r.event_id IN (SELECT id FROM e)) AS medicalStaff,
  (SELECT COUNT(*) FROM v) AS visits,
  (SELECT COUNT(DISTINCT household_id) FROM v) AS householdsVisited,
  (SELECT -SUM(lines.value_fen) FROM lines JOIN items i ON i.id = lines.item_id WHERE i.kind = 'drug') AS drugsFen,
  (SELECT SUM(amount_fen) FROM donations WHERE voided_at IS NULL AND kind = 'cash' AND NOT ${supportFunds} AND (:county IS NULL OR village_id IN area_villages)) AS cashFen,
  (SELECT SUM(amount_fen) FROM donations WHERE voided_at IS NULL AND kind = 'cash' AND ${supportFunds} AND (:county IS NULL OR village_id IN area_villages)) AS supportFundsFen,
  (SELECT SUM(total_fen) FROM purchases WHERE :county IS NULL OR village_id IN area_villages) AS purchaseFen`;

/**
 * The same aggregate as the tally, written by hand over the running totals of every institution (everywhere when
 * :county is null): every additive figure, the goods by kind and unit, every distinct figure, and the households
 * under a family doctor contract in force on :today (which the tally counts from the contracts).
 */
const HAND_WRITTEN = `
SELECT
  (SELECT json_object('events', SUM(events), 'ambulanceTrips', SUM(ambulance_trips), 'medicalStaffTimes', SUM(medical_staff_times), 'volunteerMs', SUM(volunteer_ms),
     'teamVolunteerMs', SUM(team_volunteer_ms), 'peopleSeen', SUM(people_seen), 'talks', SUM(talks), 'audience', SUM(audience), 'trainingSessions', SUM(training_sessions),
     'trainees', SUM(trainees), 'trainingHours', SUM(training_hours), 'consultations', SUM(consultations), 'prescriptions', SUM(prescriptions),
     'clinicsServed', SUM(clinics_served), 'screened', SUM(screened), 'positivesReferred', SUM(positives_referred), 'withoutHeadCount', SUM(events_without_head_count),
     'visits', SUM(visits), 'cashFen', SUM(cash_fen), 'supportFundsFen', SUM(support_funds_fen), 'inKindFen', SUM(in_kind_fen), 'projectCommittedFen', SUM(project_committed_fen),
     'projectPaidFen', SUM(project_paid_fen), 'purchaseGrams', SUM(purchase_grams), 'purchaseCases', SUM(purchase_cases), 'purchaseFen', SUM(purchase_fen),
     'referrals', SUM(referrals), 'referralsDone', SUM(referrals_done))
   FROM tally_months WHERE office_id IS NULL AND county_id IS :county) AS sums,
  (SELECT json_group_array(json_array(kind, unit, q, v)) FROM (SELECT kind, unit, SUM(quantity) AS q, SUM(value_fen) AS v FROM tally_month_materials WHERE office_id IS NULL AND county_id IS :county GROUP BY kind, unit)) AS materials,
  (SELECT json_group_object(figure, n) FROM (SELECT figure, SUM(keys) AS n FROM tally_key_months WHERE office_id IS NULL AND county_id IS :county AND previous_month IS NULL GROUP BY figure)) AS distinct_figures,
  (SELECT COUNT(DISTINCT household_id) FROM contracts WHERE signed_on <= :today AND ends_on >= :today AND (ended_on IS NULL OR ended_on > :today)
     AND (:county IS NULL OR household_id IN (SELECT id FROM households WHERE village_id IN (SELECT id FROM villages WHERE township_id IN (SELECT id FROM areas WHERE parent_id = :county)))))
   AS contracted_households`;

const db = existingDatabase(ensureTallyDataSet());
const sqlite = db.$client;
// Generated rows (and rows from before the running totals) are noted as changes.
catchUpRunningTotals(db);
const admin = loadActor(db, (sqlite.prepare("SELECT id FROM users WHERE email = 'admin@bench.cn'").get() as { id: string }).id);
const county = (sqlite.prepare("SELECT id FROM areas WHERE level = 'county' ORDER BY id LIMIT 1 OFFSET 42").get() as { id: number }).id;
const counts = sqlite.prepare('SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM stock_entries) AS lines, (SELECT COUNT(*) FROM visits) AS visits').get() as Record<string, number>;
const fromRecords = sqlite.prepare(FROM_RECORDS);
const handWritten = sqlite.prepare(HAND_WRITTEN);

type TallyFigures = ReturnType<typeof tally>['figures'];
const ours = (filters: Record<string, string>) => () => tally(db, { actor: admin, filters: tallyFilterSchema.parse(filters) });
const theirs = (countyId: number | null) => () => handWritten.get({ county: countyId, today: beijingDate(Date.now()) }) as { sums: string; materials: string; distinct_figures: string; contracted_households: number };
const records = (countyId: number | null) => () => fromRecords.get({ county: countyId }) as Record<string, number>;

// The figures must agree with the records, and the hand-written statement with the tally, before the times
// mean anything.
const check = (a: TallyFigures, countyId: number | null) => {
  const b = records(countyId)();
  const ourValues = { ...a, drugsFen: Math.round(shownFigures(a).drugsYuan * 100) };
  for (const key of ['events', 'peopleSeen', 'ambulanceTrips', 'medicalStaffTimes', 'medicalStaff', 'visits', 'householdsVisited', 'drugsFen', 'cashFen', 'supportFundsFen', 'purchaseFen'] as const) {
    if (ourValues[key] !== (b[key] ?? 0)) throw new Error(`${key}: ours ${ourValues[key]}, from the records ${b[key]}`);
  }
  const c = theirs(countyId)();
  const sums = JSON.parse(c.sums) as Record<string, number>;
  const distinct = JSON.parse(c.distinct_figures) as Record<string, number>;
  if (sums.visits !== a.visits || sums.talks !== a.talks || distinct.household !== a.householdsVisited || distinct.medical_staff !== a.medicalStaff || c.contracted_households !== a.contractedHouseholds || (JSON.parse(c.materials) as unknown[]).length < a.materials.length)
    throw new Error(`hand-written statement disagrees: ${JSON.stringify({ sums, distinct })}`);
};
check(ours({})().figures, null);
check(ours({ area: String(county) })().figures, county);

const province = { ours: await measure(ours({}), 30), theirs: await measure(theirs(null), 30), records: await measure(records(null), 3) };
const oneCounty = { ours: await measure(ours({ area: String(county) }), 30), theirs: await measure(theirs(county), 30), records: await measure(records(county), 15) };
const line = (name: string, r: typeof province, target: number) =>
  `  ${name.padEnd(16)} ours median ${r.ours.median.toFixed(1)} ms (first ${r.ours.first.toFixed(1)})   hand-written SQL ${r.theirs.median.toFixed(1)} ms   ratio ${(r.ours.median / r.theirs.median).toFixed(2)}   ${r.ours.median < target ? `within ${target} ms` : `OVER ${target} ms`}, ${r.ours.median <= 2 * r.theirs.median ? 'within 2×' : 'OVER 2×'}   (counting the records instead: ${r.records.median.toFixed(0)} ms)`;
console.log(`\nYizhen tallies benchmark: ${counts.events.toLocaleString('en')} events, ${counts.lines.toLocaleString('en')} handout lines, ${counts.visits.toLocaleString('en')} visits`);
console.log(line('full province', province, 200));
console.log(line('one county', oneCounty, 30));

// Tallies that count their records, without targets in the issue, for a sense of their cost: a city
// commission's publicity office (its 200 hospitals, all dates), one hospital, and the province over one year
// (additive figures from the running totals, distinct ones from the records).
const cityOffice = tokenActor(db, 0, 2);
const others: [string, () => unknown][] = [
  ['a city office', () => tally(db, { actor: cityOffice, filters: tallyFilterSchema.parse({}) })],
  ['one hospital', ours({ institution: '12' })],
  ['province, 2019', ours({ from: '2019-01-01', to: '2019-12-31' })],
];
for (const [name, work] of others) {
  const r = await measure(work, 5);
  console.log(`  ${name.padEnd(16)} median ${r.median.toFixed(1)} ms (first ${r.first.toFixed(1)})`);
}
