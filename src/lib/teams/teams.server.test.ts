// Family doctor teams and contracts against a real database, on Qinyuan's case (seed 004): the county
// hospital's team of 杨庆峰 (county hospital), 许永峰 (township centre) and 王军 (village doctor, no role in any
// institution) signs 阴永龙; 王军 opens his file and records his follow-up from the door, and nothing else.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { areas, contracts, households, institutions, items, pairings, staff, users, visits } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { VILLAGE_DOCTOR_EMAIL } from '#db/seed/teams.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { refusedWith as refusal } from '#tests/setup/refusal.ts';
import { getHousehold, revealIdNumber } from '../households/households.server.ts';
import { pairingUpdateSchema } from '../pairings/pairings.ts';
import { updatePairing } from '../pairings/pairings.server.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { visitSchema } from '../visits/visits.ts';
import { recordVisit, visitFormContext } from '../visits/visits.server.ts';
import { contractEndSchema, contractSchema, teamMemberSchema, teamSchema } from './teams.ts';
import { addTeamMember, createTeam, endContract, getTeam, householdContracts, memberLeaves, signContract, teamMemberChoices } from './teams.server.ts';

const NOW = Date.parse('2020-03-20T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let hospital: number;
let household: number;
let neighbour: number;
let villageDoctor: Actor;
let people: Record<string, number>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '沁源县人民医院');
  hospital = coordinator.memberships[0].institutionId;
  const staffId = (name: string) => db.select().from(staff).where(eq(staff.name, name)).get()!.id;
  // The demo's team people (db/seed/teams.ts), and a doctor of another county.
  const elsewhere = db.select().from(institutions).where(eq(institutions.name, '长春市中心医院')).get()!.id;
  people = {
    杨庆峰: staffId('杨庆峰'),
    许永峰: staffId('许永峰'),
    王军: staffId('王军'),
    长春医生: db.insert(staff).values({ institutionId: elsewhere, name: '长春医生', profession: 'doctor', createdAt: 1 }).returning().get().id,
  };
  villageDoctor = loadActor(db, db.select().from(users).where(eq(users.email, VILLAGE_DOCTOR_EMAIL)).get()!.id);
  household = db.select().from(households).where(eq(households.headName, '阴永龙')).get()!.id;
  const village = db.select().from(households).where(eq(households.id, household)).get()!.villageId;
  neighbour = db.insert(households).values({ villageId: village, headName: '邻居', idNumberCipher: 'x', idNumberIndex: randomUUID(), idNumberMasked: '1***', cause: 'illness', createdAt: 1 }).returning().get().id;
  const county = db.select().from(institutions).where(eq(institutions.id, hospital)).get()!.areaId!;
  expect(db.select().from(areas).where(eq(areas.id, county)).get()!.name).toBe('沁源县');
});

function teamWithMembers() {
  const team = createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'family_doctor', name: '刘家沟村家庭医生团队', focus: '赤石桥乡刘家沟村' }) }, NOW);
  const join = (name: string, role: string, leader = false) =>
    addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(team.id), person: `staff:${people[name]}`, role, leader: leader ? 'on' : '', joinedOn: '2020-01-01' }) }, NOW);
  const members = { 杨庆峰: join('杨庆峰', 'specialist', true), 许永峰: join('许永峰', 'general_practitioner'), 王军: join('王军', 'village_doctor') };
  return { team, members };
}

const sign = (teamId: number, fields: Record<string, unknown> = {}) =>
  signContract(db, { actor: coordinator, input: contractSchema.parse({ householdId: String(household), teamId: String(teamId), signedOn: '2020-01-10', followUpEvery: 'quarterly', services: ['chronic_disease'], ...fields }) }, NOW);

const visitBy = (actor: Actor, institutionId: number, fields: Record<string, unknown> = {}) => {
  const { photos: _none, ...input } = visitSchema.parse({
    householdId: String(household),
    institutionId: String(institutionId),
    submissionKey: randomUUID(),
    visitedOn: '2020-03-18',
    visitedTime: '15:00',
    purpose: 'follow_up',
    visitors: [String(people['王军'])],
    checks: {},
    readings: { 'head.systolic': '132', 'head.diastolic': '84' },
    quantities: {},
    followUps: {},
    ...fields,
  });
  return recordVisit(db, { actor, input }, NOW);
};

describe('a family doctor team', () => {
  it('takes members from the institutions of its county only, one leader at a time', async () => {
    const { team, members } = teamWithMembers();
    const offered = teamMemberChoices(db, { actor: coordinator, teamId: team.id }).map((c) => c.value);
    expect(offered).toEqual(expect.arrayContaining([`staff:${people['许永峰']}`, `staff:${people['王军']}`]));
    expect(offered).not.toContain(`staff:${people['长春医生']}`);
    expect(await refusal(() => addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(team.id), person: `staff:${people['长春医生']}`, role: 'nurse', joinedOn: '2020-01-01' }) }, NOW))).toBe('validation.choice person');
    expect(await refusal(() => addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(team.id), person: `staff:${people['王军']}`, role: 'nurse', joinedOn: '2020-01-01' }) }, NOW))).toBe('team.alreadyMember person');
    const page = getTeam(db, { actor: coordinator, teamId: team.id }, NOW);
    expect(page.members.map((m) => [m.name, m.role, m.leader, m.institution])).toEqual([
      ['杨庆峰', 'specialist', true, '沁源县人民医院'],
      ['许永峰', 'general_practitioner', false, '中峪乡卫生院'],
      ['王军', 'village_doctor', false, '龙头村卫生室'],
    ]);
    expect(members['王军'].leader).toBe(false);
  });

  it('signs a household, lists it with its next follow-up, and counts the village doctor’s visit from the door as the follow-up', async () => {
    const { team } = teamWithMembers();
    sign(team.id);
    // Signed on 10 January, quarterly: due by 10 April; nothing done yet.
    expect(getTeam(db, { actor: coordinator, teamId: team.id }, NOW).households).toMatchObject([{ headName: '阴永龙', lastFollowUpOn: null, nextDue: '2020-04-10', overdue: false }]);
    const [contract] = householdContracts(db, { householdId: household }, NOW);
    expect(contract).toMatchObject({ team: '刘家沟村家庭医生团队', services: expect.arrayContaining(['basic', 'chronic_disease']), endsOn: '2021-01-10', inForce: true });

    // 王军 holds no role anywhere, yet opens 阴永龙's file and records under the team's institution.
    expect(villageDoctor.memberships).toEqual([]);
    expect(getHousehold(db, { actor: villageDoctor, householdId: household }, NOW).headName).toBe('阴永龙');
    const form = visitFormContext(db, { actor: villageDoctor, householdId: household }, NOW);
    expect(form.institutions.map((i) => i.id)).toEqual([hospital]);
    expect(form.staff.map((s) => s.name).sort()).toEqual(['杨庆峰', '王军', '许永峰'].sort());
    expect(form.stockInstitutionIds).toEqual([]);
    const { created } = await visitBy(villageDoctor, hospital, { visitors: [String(people['王军']), String(people['许永峰'])] });
    expect(created).toBe(true);
    expect(getTeam(db, { actor: villageDoctor, teamId: team.id }, NOW).households).toMatchObject([{ headName: '阴永龙', lastFollowUpOn: '2020-03-18', nextDue: '2020-07-10', overdue: false }]);
  });

  it('opens nothing else to a member at the door: no other household, no ID number, no stock, no other institution', async () => {
    const { team } = teamWithMembers();
    sign(team.id);
    expect(await refusal(() => getHousehold(db, { actor: villageDoctor, householdId: neighbour }, NOW))).toBe('error.forbidden');
    expect(await refusal(() => revealIdNumber(db, { actor: villageDoctor, householdId: household }, NOW))).toBe('error.forbidden');
    const other = db.select().from(institutions).where(eq(institutions.name, '长春市中心医院')).get()!.id;
    expect(await refusal(() => visitBy(villageDoctor, other))).toBe('visit.notPaired institutionId');
    expect(await refusal(() => visitBy(villageDoctor, hospital, { visitors: [String(people['长春医生'])] }))).toBe('validation.choice visitors');
    const item = db.insert(items).values({ institutionId: hospital, name: '板蓝根颗粒', kind: 'drug', unit: 'box', unitPriceFen: 1500, createdAt: 1 }).returning().get();
    expect(await refusal(() => visitBy(villageDoctor, hospital, { quantities: { [item.id]: '1' } }))).toBe('validation.choice quantities');
    // And what it was refused leaves nothing written.
    expect(db.select().from(visits).where(eq(visits.householdId, household)).all()).toEqual([]);
  });

  it('closes the door when the member leaves or the contract ends, and keeps the history', async () => {
    const { team, members } = teamWithMembers();
    const first = sign(team.id);
    memberLeaves(db, { actor: coordinator, memberId: members['王军'].id, leftOn: '2020-03-01' }, NOW);
    expect(await refusal(() => getHousehold(db, { actor: villageDoctor, householdId: household }, NOW))).toBe('error.forbidden');
    expect(getTeam(db, { actor: coordinator, teamId: team.id }, NOW).formerMembers.map((m) => m.name)).toEqual(['王军']);

    // Renewing with the same team ends the first as renewed; moving to another team, as changed.
    const second = sign(team.id, { signedOn: '2020-03-01', followUpEvery: 'monthly' });
    const other = createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'family_doctor', name: '第二团队' }) }, NOW);
    const third = sign(other.id, { signedOn: '2020-03-15' });
    const rows = db.select().from(contracts).where(eq(contracts.householdId, household)).all();
    expect(rows.map((c) => [c.id, c.endedOn, c.endReason, c.previousId])).toEqual([
      [first.id, '2020-03-01', 'renewed', null],
      [second.id, '2020-03-15', 'changed_team', first.id],
      [third.id, null, null, second.id],
    ]);
    endContract(db, { actor: coordinator, input: contractEndSchema.parse({ contractId: String(third.id), endedOn: '2020-03-19', endReason: 'moved_away', endNote: '随子女迁往太原' }) }, NOW);
    expect(householdContracts(db, { householdId: household }, NOW).every((c) => !c.inForce)).toBe(true);
    expect(await refusal(() => endContract(db, { actor: coordinator, input: contractEndSchema.parse({ contractId: String(third.id), endedOn: '2020-03-19', endReason: 'other' }) }, NOW))).toBe('contract.alreadyEnded endedOn');
  });

  it('refuses a second team of the same name, leaving before joining, and a term that ends before signing', async () => {
    const { team, members } = teamWithMembers();
    expect(await refusal(() => createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'volunteer', name: team.name }) }, NOW))).toBe('team.nameTaken name');
    expect(await refusal(() => memberLeaves(db, { actor: coordinator, memberId: members['王军'].id, leftOn: '2019-12-31' }, NOW))).toBe('team.leftBeforeJoining leftOn');
    memberLeaves(db, { actor: coordinator, memberId: members['王军'].id, leftOn: '2020-02-01' }, NOW);
    expect(await refusal(() => memberLeaves(db, { actor: coordinator, memberId: members['王军'].id, leftOn: '2020-02-02' }, NOW))).toBe('team.alreadyLeft leftOn');
    const term = contractSchema.safeParse({ householdId: String(household), teamId: String(team.id), signedOn: '2020-01-10', endsOn: '2020-01-10', followUpEvery: 'quarterly' });
    expect(term.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['endsOn', 'contract.endsBeforeSigned']]);
    expect(await refusal(() => sign(team.id, { signedOn: '2020-01-10' }) && sign(team.id, { signedOn: '2020-01-09' }))).toBe('contract.beforePrevious signedOn');
  });

  it('is kept by its own institution’s coordinators only, and signs only households they may see', async () => {
    const { team } = teamWithMembers();
    const stranger = actorWithRole(db, 'coordinator', '长春市中心医院');
    expect(await refusal(() => teamMemberChoices(db, { actor: stranger, teamId: team.id }))).toBe('error.forbidden');
    expect(await refusal(() => signContract(db, { actor: stranger, input: contractSchema.parse({ householdId: String(household), teamId: String(team.id), signedOn: '2020-01-10', followUpEvery: 'yearly' }) }, NOW))).toBe('error.forbidden');
    expect(await refusal(() => getTeam(db, { actor: stranger, teamId: team.id }, NOW))).toBe('error.forbidden');
    // The database holds one contract not ended per household.
    sign(team.id);
    expect(() => db.$client.prepare("INSERT INTO contracts (household_id, team_id, signed_on, ends_on, follow_up_every, created_at) VALUES (?, ?, '2020-02-01', '2021-02-01', 'yearly', 1)").run(household, team.id)).toThrow(/UNIQUE/);
  });
});

describe('a pairing’s responsible person (包保责任人)', () => {
  it('named from the staff, opens the pairing’s households and records their visits while it is in force, and nothing else', async () => {
    const userId = randomUUID();
    db.insert(users).values({ id: userId, email: `${userId}@test.example`, name: '郭医生', passwordHash: 'x', emailVerifiedAt: 1 }).run();
    const guo = db.insert(staff).values({ institutionId: hospital, name: '郭医生', profession: 'doctor', userId, createdAt: 1 }).returning().get().id;
    const responsible = () => loadActor(db, userId);
    expect(await refusal(() => getHousehold(db, { actor: responsible(), householdId: household }, NOW))).toBe('error.forbidden');

    // The hospital's weekly pairing with 刘家沟村 (阴永龙's village) names him.
    const village = db.select().from(households).where(eq(households.id, household)).get()!.villageId;
    const pairing = db.select().from(pairings).where(and(eq(pairings.institutionId, hospital), eq(pairings.villageId, village))).get()!;
    const named = (fields: Record<string, string>) => {
      const { pairingId: _id, ...input } = pairingUpdateSchema.parse({ pairingId: String(pairing.id), obligation: pairing.obligation, endDate: '', ...fields });
      updatePairing(db, { actor: coordinator, pairingId: pairing.id, input }, NOW);
    };
    expect(await refusal(() => named({ responsibleStaffId: String(people['长春医生']) }))).toBe('validation.choice responsibleStaffId');
    named({ responsibleStaffId: String(guo), responsibleName: '别的名字' });
    expect(db.select().from(pairings).where(eq(pairings.id, pairing.id)).get()).toMatchObject({ responsibleStaffId: guo, responsibleName: '郭医生' });

    expect(getHousehold(db, { actor: responsible(), householdId: household }, NOW).headName).toBe('阴永龙');
    expect(getHousehold(db, { actor: responsible(), householdId: neighbour }, NOW).headName).toBe('邻居');
    const form = visitFormContext(db, { actor: responsible(), householdId: household }, NOW);
    expect([form.institutions.map((i) => i.id), form.staff.map((s) => s.name)]).toEqual([[hospital], ['郭医生']]);
    expect((await visitBy(responsible(), hospital, { visitors: [String(guo)] })).created).toBe(true);
    // Not 王文中 (another pairing), not his ID number.
    const wenzhong = db.select().from(households).where(eq(households.headName, '王文中')).get()!.id;
    expect(await refusal(() => getHousehold(db, { actor: responsible(), householdId: wenzhong }, NOW))).toBe('error.forbidden');
    expect(await refusal(() => revealIdNumber(db, { actor: responsible(), householdId: household }, NOW))).toBe('error.forbidden');
    // Named no more: the door closes.
    named({ responsibleStaffId: '', responsibleName: '郭医生' });
    expect(await refusal(() => getHousehold(db, { actor: responsible(), householdId: household }, NOW))).toBe('error.forbidden');
  });
});
