// Demo teams drawn from seed 004: the family doctor team of 沁源县人民医院 that follows 王文中 of 中峪乡龙头村
// after his carotid stent — county hospital doctor 杨庆峰 (its leader), township doctor 许永峰 and village doctor
// 王军, who has an account but no role in any institution: he opens 王文中's file and records the follow-ups.
// The contract runs from two months before the demo is loaded, so that it is in force whenever that is; 王军's
// first follow-up was a month later. And the hospital's village work team leader 赵永春, resident in 红沙崖村.
// Written through the domain functions, as the coordinator would enter them.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { households, institutions, staff, users, villages } from '../schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { addMonths, beijingDate, beijingInstant } from '../../src/lib/time/beijing.ts';
import { contractSchema, teamMemberSchema, teamSchema } from '../../src/lib/teams/teams.ts';
import { addTeamMember, createTeam, signContract } from '../../src/lib/teams/teams.server.ts';
import { visitSchema } from '../../src/lib/visits/visits.ts';
import { recordVisit } from '../../src/lib/visits/visits.server.ts';
import { postingSchema } from '../../src/lib/postings/postings.ts';
import { sendStaff } from '../../src/lib/postings/postings.server.ts';

/** The village doctor's account: no role anywhere, only his team. */
export const VILLAGE_DOCTOR_EMAIL = 'wangjun@yizhen.demo';

export async function seedDemoTeams(db: Db, passwordHash: string, now = Date.now()): Promise<void> {
  const institutionId = (name: string) => db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get()!.id;
  const hospital = institutionId('沁源县人民医院');
  const doctorId = randomUUID();
  db.insert(users).values({ id: doctorId, email: VILLAGE_DOCTOR_EMAIL, name: '王军', passwordHash, locale: 'zh-CN', emailVerifiedAt: now, createdAt: now }).run();
  const person = (institution: string, name: string, title: string, userId: string | null = null) =>
    db.insert(staff).values({ institutionId: institutionId(institution), name, title, profession: 'doctor', userId, createdAt: now }).returning({ id: staff.id }).get().id;
  const members = { 杨庆峰: person('沁源县人民医院', '杨庆峰', '主治医师'), 许永峰: person('中峪乡卫生院', '许永峰', '全科医生'), 王军: person('龙头村卫生室', '王军', '乡村医生', doctorId) };

  const coordinator = loadActor(db, db.select({ id: users.id }).from(users).where(eq(users.email, 'qinyuan@yizhen.demo')).get()!.id);
  const team = createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'family_doctor', name: '中峪乡家庭医生团队', focus: '中峪乡龙头村等' }) }, now);
  for (const [name, role, leader] of [['杨庆峰', 'specialist', 'on'], ['许永峰', 'general_practitioner', ''], ['王军', 'village_doctor', '']] as const) {
    addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(team.id), person: `staff:${members[name]}`, role, leader, joinedOn: '2018-04-01' }) }, now);
  }
  const today = beijingDate(now);
  const household = db.select({ id: households.id }).from(households).where(eq(households.headName, '王文中')).get()!.id;
  const signedOn = addMonths(today, -2);
  signContract(db, { actor: coordinator, input: contractSchema.parse({ householdId: String(household), teamId: String(team.id), signedOn, followUpEvery: 'monthly', services: ['chronic_disease', 'rehabilitation'] }) }, now);

  // 王军's first follow-up, a month after signing: blood pressure, medicine taken, health advice.
  const visitedOn = addMonths(signedOn, 1);
  const { photos: _none, ...input } = visitSchema.parse({
    householdId: String(household),
    institutionId: String(hospital),
    submissionKey: randomUUID(),
    visitedOn,
    visitedTime: '15:00',
    purpose: 'follow_up',
    visitors: [String(members['王军'])],
    checks: { chronic_card: { state: 'yes', note: '' }, family_doctor: { state: 'yes', note: '' } },
    readings: { 'head.systolic': '132', 'head.diastolic': '84', 'head.advice': '按时服用抗血小板药物，避免劳累' },
    quantities: {},
    followUps: {},
    healthChange: '术后恢复良好，已能下地干活',
  });
  await recordVisit(db, { actor: loadActor(db, doctorId), input }, Math.max(now - 30 * 86_400_000, beijingInstant(visitedOn, '17:00')));

  // Seed 004: the six service teams of the hospital's Youth League branch, which go regularly to nursing homes,
  // parks and squares. The report names no members; these young doctors and nurses are made up.
  const nurse = (name: string) => db.insert(staff).values({ institutionId: hospital, name, title: '护师', profession: 'nurse', createdAt: now }).returning({ id: staff.id }).get().id;
  for (const [name, focus, leader, member] of [
    ['护胃行动服务队', '敬老院、社区：胃病防治宣传', members['杨庆峰'], nurse('李娜')],
    ['志在心理服务队', '学校、敬老院：心理疏导', person('沁源县人民医院', '张敏', '心理治疗师'), nurse('王婷')],
    ['关爱老人服务队', '敬老院', nurse('赵静'), nurse('郭丽')],
    ['护理服务队', '小游园、广场：测血压血糖', nurse('周蕾'), nurse('郝佳')],
    ['学雷锋服务队', '广场、车站', person('沁源县人民医院', '刘洋', '住院医师'), nurse('陈晨')],
    ['心肺复苏服务队', '学校、广场：心肺复苏培训', person('沁源县人民医院', '孙浩', '急诊科医师'), person('沁源县人民医院', '吴磊', '住院医师')],
  ] as const) {
    const service = createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'volunteer', name, focus }) }, now);
    for (const [id, lead] of [[leader, 'on'], [member, '']] as const) {
      addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(service.id), person: `staff:${id}`, role: 'volunteer', leader: lead, joinedOn: '2019-03-05' }) }, now);
    }
  }

  // Seed 004: "县人民医院驻村工作队长赵永春" in 红沙崖村.
  const zhao = person('沁源县人民医院', '赵永春', '驻村工作队长');
  const village = db.select({ id: villages.id }).from(villages).where(eq(villages.name, '红沙崖村')).get()!.id;
  sendStaff(db, { actor: coordinator, input: postingSchema.parse({ staffId: String(zhao), kind: 'village', villageId: String(village), role: 'team_leader', fromDate: '2018-03-01', purpose: '脱贫攻坚驻村帮扶' }) }, now);
}
