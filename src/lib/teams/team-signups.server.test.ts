// A volunteer service team signed up for a shift (seed 004: 沁源县人民医院's six service teams go to nursing homes,
// parks and squares): its leader chooses who goes, each takes a place, all or none; hours add up per member and
// per team once the event is done.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { signups, staff } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { refusedWith } from '#tests/setup/refusal.ts';
import { completeEvent } from '../events/events.server.ts';
import { type Actor, loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { teamMemberSchema, teamSchema } from './teams.ts';
import { addTeamMember, createTeam } from './teams.server.ts';
import { shiftsForTeam, signUpTeam, teamHours } from './team-signups.server.ts';

const NOW = Date.parse('2019-10-10T10:00:00+08:00');
let db: Db;
let coordinator: Actor;
let leader: Actor;
let member: Actor;
let team: { id: number; kind: string; institutionId: number };
let memberIds: Record<string, number>;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
  coordinator = actorWithRole(db, 'coordinator', '沁源县人民医院');
  const hospital = coordinator.memberships[0].institutionId;
  leader = actorWithRole(db, 'member', '沁源县人民医院');
  member = actorWithRole(db, 'member', '沁源县人民医院');
  team = createTeam(db, { actor: coordinator, input: teamSchema.parse({ institutionId: String(hospital), kind: 'volunteer', name: '健康宣讲服务队', focus: '敬老院' }) }, NOW);
  const join = (person: string, leads = false) =>
    addTeamMember(db, { actor: coordinator, input: teamMemberSchema.parse({ teamId: String(team.id), person, role: 'volunteer', leader: leads ? 'on' : '', joinedOn: '2019-01-01' }) }, NOW).id;
  const staffId = (name: string) => db.select().from(staff).where(eq(staff.name, name)).get()!.id;
  memberIds = { leader: join(`user:${leader.userId}`, true), member: join(`user:${member.userId}`), 赵永春: join(`staff:${staffId('赵永春')}`), 杨庆峰: join(`staff:${staffId('杨庆峰')}`) };
});

describe('a volunteer team on a shift', () => {
  it('is signed up by its leader, one place per member chosen, and its hours add up once the event is done', async () => {
    const clinic = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator, date: '2019-10-17' });
    expect(shiftsForTeam(db, { actor: member, team }, NOW)).toBeNull();
    expect(shiftsForTeam(db, { actor: leader, team }, NOW)!.map((s) => s.id)).toContain(clinic.shiftIds[0]);
    const placed = signUpTeam(db, { actor: leader, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: [memberIds.leader, memberIds.member, memberIds['赵永春']] }, NOW);
    expect(placed).toHaveLength(3);
    const rows = db.select().from(signups).where(eq(signups.shiftId, clinic.shiftIds[0])).all();
    expect(rows.map((r) => [r.teamId, r.state]).sort()).toEqual([[team.id, 'confirmed'], [team.id, 'confirmed'], [team.id, 'confirmed']]);
    expect(teamHours(db, team.id).members).toEqual([]);

    completeEvent(db, { actor: coordinator, eventId: clinic.eventId, outcomes: { peopleSeen: 120 } }, Date.parse('2019-10-17T13:00:00+08:00'));
    const hours = teamHours(db, team.id);
    expect([hours.hours, hours.places, hours.members.map((m) => m.hours)]).toEqual([9, 3, [3, 3, 3]]);
  });

  it('signs up nobody when one chosen cannot go, when the places are too few, or for someone who does not lead it', async () => {
    const clinic = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '3' }], { coordinator, date: '2019-10-17' });
    expect(await refusedWith(() => signUpTeam(db, { actor: leader, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: Object.values(memberIds) }, NOW))).toBe('team.notEnoughPlaces memberIds');
    expect(await refusedWith(() => signUpTeam(db, { actor: member, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: [memberIds.member] }, NOW))).toBe('error.forbidden');
    expect(await refusedWith(() => signUpTeam(db, { actor: leader, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: [] }, NOW))).toBe('team.chooseMembers memberIds');
    signUpTeam(db, { actor: leader, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: [memberIds.member] }, NOW);
    // Already on it: the whole sign-up is refused, and nothing more is written.
    expect(await refusedWith(() => signUpTeam(db, { actor: coordinator, teamId: team.id, shiftId: clinic.shiftIds[0], memberIds: [memberIds.leader, memberIds.member] }, NOW))).toBe('assign.already memberIds');
    expect(db.select().from(signups).where(eq(signups.shiftId, clinic.shiftIds[0])).all()).toHaveLength(1);
    expect(loadActor(db, leader.userId).memberships).toHaveLength(1);
  });
});
