// Teams (family doctor teams, volunteer service teams) and the family doctor contracts households sign with
// them. A team belongs to an institution, whose coordinators keep it; its members may come from any institution
// of the same county. A contract is signed, renewed, moved to another team or ended by a coordinator of the
// team's institution who may see the household. Who may open a contracted household is decided in scope.ts
// (doorContracts): the team's members, while both the contract and their membership are in force.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { areas, contracts, contractServices, households, institutions, memberships, staff, teamMembers, teams, users, villages, visits, visitVisitors } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { getHousehold } from '../households/households.server.ts';
import { type Actor, assertAccess, canAccess, contractInForceOn, institutionFilter, memberIsActor, memberOn } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { beijingDate } from '../time/beijing.ts';
import { beijingDateSql } from '../time/beijing-sql.ts';
import { type ContractEndInput, type ContractInput, followUpSchedule, nextFollowUp, type ScheduledContract, type TeamInput, type TeamMemberInput } from './teams.ts';

export function createTeam(db: Db, { actor, input }: { actor: Actor; input: TeamInput }, now = Date.now()) {
  assertAccess(actor, input.institutionId, 'manage');
  return db.transaction((tx) => {
    if (tx.select({ id: teams.id }).from(teams).where(and(eq(teams.institutionId, input.institutionId), eq(teams.name, input.name))).get()) throw new DomainError('team.nameTaken', 'name');
    const team = tx.insert(teams).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'team', entityId: team.id, institutionId: team.institutionId, after: team }, now);
    return team;
  });
}

/** An institution's teams with how many members and contracted households each has now. */
export function listTeams(tx: Tx, { actor, institutionId }: { actor: Actor; institutionId: number }, now = Date.now()) {
  assertAccess(actor, institutionId, 'read');
  const today = beijingDate(now);
  return tx
    .select({
      id: teams.id,
      kind: teams.kind,
      name: teams.name,
      focus: teams.focus,
      members: sql<number>`(SELECT COUNT(*) FROM ${teamMembers} WHERE ${teamMembers.teamId} = ${teams.id} AND ${memberOn(today)})`,
      households: sql<number>`(SELECT COUNT(*) FROM ${contracts} WHERE ${contracts.teamId} = ${teams.id} AND ${contractInForceOn(today)})`,
    })
    .from(teams)
    .where(eq(teams.institutionId, institutionId))
    .orderBy(asc(teams.kind), asc(teams.name))
    .all();
}

/** The team, if the actor may read its institution or is in it; 404 when there is none. */
function teamFor(tx: Tx, actor: Actor, teamId: number, today: string) {
  const team = tx
    .select({ team: teams, institution: institutions.name })
    .from(teams)
    .innerJoin(institutions, eq(institutions.id, teams.institutionId))
    .where(eq(teams.id, teamId))
    .get();
  if (!team) throw new NotFoundError();
  const member = tx.get<{ id: number }>(sql`SELECT ${teamMembers.id} AS id FROM ${teamMembers} WHERE ${teamMembers.teamId} = ${teamId} AND ${memberOn(today)} AND ${memberIsActor(actor)}`);
  if (!member && !canAccess(actor, team.team.institutionId, 'read')) throw new ForbiddenError();
  return { ...team.team, institution: team.institution, isMember: !!member };
}

/** Who is (and was) in a team: the person's name, institution, role, dates. */
function teamRoster(tx: Tx, teamId: number, today: string) {
  const rows = tx
    .select({
      id: teamMembers.id,
      role: teamMembers.role,
      leader: teamMembers.leader,
      joinedOn: teamMembers.joinedOn,
      leftOn: teamMembers.leftOn,
      name: sql<string>`COALESCE(${staff.name}, ${users.name})`,
      institution: institutions.name,
      phone: staff.phone,
    })
    .from(teamMembers)
    .leftJoin(staff, eq(staff.id, teamMembers.staffId))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(institutions, eq(institutions.id, staff.institutionId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(desc(teamMembers.leader), asc(teamMembers.joinedOn), asc(teamMembers.id))
    .all();
  const current = (m: (typeof rows)[number]) => m.joinedOn <= today && (m.leftOn === null || m.leftOn > today);
  return { members: rows.filter(current), formerMembers: rows.filter((m) => !current(m)) };
}

/**
 * A team's page: its members, and the households contracted with it now, each with its last follow-up and when
 * the next is due, overdue first. Its members see it too (their households); names of households need personal
 * access or membership.
 */
export function getTeam(tx: Tx, { actor, teamId }: { actor: Actor; teamId: number }, now = Date.now()) {
  const today = beijingDate(now);
  const team = teamFor(tx, actor, teamId, today);
  const mayManage = canAccess(actor, team.institutionId, 'manage');
  const seesHouseholds = team.isMember || canAccess(actor, team.institutionId, 'personal');
  const contracted = seesHouseholds ? teamHouseholds(tx, team, today) : [];
  return { team, ...teamRoster(tx, teamId, today), households: contracted, mayManage, seesHouseholds };
}

/** The households contracted with the team now, with their follow-ups, the most overdue first. */
function teamHouseholds(tx: Tx, team: { id: number }, today: string) {
  const rows = tx
    .select({
      contractId: contracts.id,
      householdId: households.id,
      headName: households.headName,
      village: villages.name,
      signedOn: contracts.signedOn,
      endsOn: contracts.endsOn,
      endedOn: contracts.endedOn,
      followUpEvery: contracts.followUpEvery,
    })
    .from(contracts)
    .innerJoin(households, eq(households.id, contracts.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(eq(contracts.teamId, team.id), contractInForceOn(today)))
    .all();
  const days = followUpDays(tx, and(eq(contracts.teamId, team.id), contractInForceOn(today))!);
  return rows
    .map((row) => ({ ...row, ...followUpsOf(row, days.get(row.contractId) ?? [], today) }))
    .sort((a, b) => (a.nextDue ?? '9').localeCompare(b.nextDue ?? '9') || a.headName.localeCompare(b.headName, 'zh-CN'));
}

/** A contract's last follow-up and when the next is due on `today` (followUpSchedule). */
function followUpsOf(contract: ScheduledContract, days: string[], today: string) {
  const next = nextFollowUp(followUpSchedule(contract, days), today);
  return { lastFollowUpOn: days.at(-1) ?? null, nextDue: next?.due ?? null, overdue: next?.overdue ?? false };
}

/**
 * The days of the follow-up visits of the contracts matching `where` (on `contracts` and `teams`), by contract,
 * earliest first. A follow-up is a visit to the household since it signed, recorded by the team's institution
 * or made by one of the team's members.
 */
export function followUpDays(tx: Tx, where: SQL): Map<number, string[]> {
  const rows = tx.all<{ contractId: number; day: string }>(sql`
    SELECT DISTINCT ${contracts.id} AS contractId, ${beijingDateSql(visits.visitedAt)} AS day
    FROM ${contracts} INNER JOIN ${teams} ON ${teams.id} = ${contracts.teamId} INNER JOIN ${visits} ON ${visits.householdId} = ${contracts.householdId}
    WHERE ${where} AND ${beijingDateSql(visits.visitedAt)} >= ${contracts.signedOn}
      AND (${visits.institutionId} = ${teams.institutionId} OR ${visits.id} IN (SELECT ${visitVisitors.visitId} FROM ${visitVisitors}
        INNER JOIN ${teamMembers} ON ${teamMembers.staffId} = ${visitVisitors.staffId} WHERE ${teamMembers.teamId} = ${teams.id}))
    ORDER BY 1, 2`);
  const days = new Map<number, string[]>();
  for (const { contractId, day } of rows) {
    const contractDays = days.get(contractId);
    if (contractDays) contractDays.push(day);
    else days.set(contractId, [day]);
  }
  return days;
}

/**
 * The people a team's coordinator may add: the staff of the institutions in the same county as the team's
 * (its own included), and for a volunteer team the accounts of its own institution's members.
 */
export function teamMemberChoices(tx: Tx, { actor, teamId }: { actor: Actor; teamId: number }) {
  const team = tx.select().from(teams).where(eq(teams.id, teamId)).get();
  if (!team) throw new NotFoundError();
  assertAccess(actor, team.institutionId, 'manage');
  const nearby = nearbyInstitutionIds(tx, team.institutionId);
  const staffRows = tx
    .select({ id: staff.id, name: staff.name, institution: institutions.name, profession: staff.profession })
    .from(staff)
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .where(inArray(staff.institutionId, nearby))
    .orderBy(asc(institutions.name), asc(staff.name))
    .all()
    .map((s) => ({ value: `staff:${s.id}`, label: `${s.name}（${s.institution}）`, profession: s.profession }));
  const accounts =
    team.kind === 'volunteer'
      ? tx
          .selectDistinct({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(memberships.institutionId, team.institutionId))
          .orderBy(asc(users.name))
          .all()
          .map((u) => ({ value: `user:${u.id}`, label: u.name, profession: null }))
      : [];
  return [...staffRows, ...accounts];
}

/** The institution and those placed in the same county (or under it); only itself when it has no place. */
export function nearbyInstitutionIds(tx: Tx, institutionId: number): number[] {
  const rows = tx.all<{ id: number }>(sql`
    WITH RECURSIVE up(id, parent_id, level) AS (
      SELECT ${areas.id}, ${areas.parentId}, ${areas.level} FROM ${areas} WHERE ${areas.id} = (SELECT ${institutions.areaId} FROM ${institutions} WHERE ${institutions.id} = ${institutionId})
      UNION ALL SELECT ${areas.id}, ${areas.parentId}, ${areas.level} FROM ${areas} INNER JOIN up ON ${areas.id} = up.parent_id WHERE up.level NOT IN ('county', 'city', 'province')),
    county(id) AS (SELECT id FROM up WHERE level IN ('county', 'city', 'province') LIMIT 1),
    down(id) AS (SELECT id FROM county UNION ALL SELECT ${areas.id} FROM ${areas} INNER JOIN down ON ${areas.parentId} = down.id)
    SELECT ${institutions.id} AS id FROM ${institutions} WHERE ${institutions.areaId} IN (SELECT id FROM down)`);
  return [...new Set([institutionId, ...rows.map((r) => r.id)])];
}

export function addTeamMember(db: Db, { actor, input }: { actor: Actor; input: TeamMemberInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const choices = teamMemberChoices(tx, { actor, teamId: input.teamId });
    const ref = input.person.staffId !== null ? `staff:${input.person.staffId}` : `user:${input.person.userId}`;
    if (!choices.some((c) => c.value === ref)) throw new DomainError('validation.choice', 'person');
    const already = tx
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, input.teamId), isNull(teamMembers.leftOn), input.person.staffId !== null ? eq(teamMembers.staffId, input.person.staffId) : eq(teamMembers.userId, input.person.userId!)))
      .get();
    if (already) throw new DomainError('team.alreadyMember', 'person');
    // One leader at a time: naming a new one makes the last an ordinary member.
    if (input.leader) tx.update(teamMembers).set({ leader: false }).where(eq(teamMembers.teamId, input.teamId)).run();
    const member = tx
      .insert(teamMembers)
      .values({ teamId: input.teamId, ...input.person, role: input.role, leader: input.leader, joinedOn: input.joinedOn, createdAt: now })
      .returning()
      .get();
    const team = tx.select({ institutionId: teams.institutionId }).from(teams).where(eq(teams.id, input.teamId)).get()!;
    recordAudit(tx, { actorId: actor.userId, action: 'add_team_member', entity: 'team', entityId: input.teamId, institutionId: team.institutionId, after: member }, now);
    return member;
  });
}

/** A member leaves the team on a day (from then on the team's households are closed to them). */
export function memberLeaves(db: Db, { actor, memberId, leftOn }: { actor: Actor; memberId: number; leftOn: string }, now = Date.now()) {
  db.transaction((tx) => {
    const row = tx.select({ member: teamMembers, institutionId: teams.institutionId }).from(teamMembers).innerJoin(teams, eq(teams.id, teamMembers.teamId)).where(eq(teamMembers.id, memberId)).get();
    if (!row) throw new NotFoundError();
    assertAccess(actor, row.institutionId, 'manage');
    if (row.member.leftOn !== null) throw new DomainError('team.alreadyLeft', 'leftOn');
    if (leftOn < row.member.joinedOn) throw new DomainError('team.leftBeforeJoining', 'leftOn');
    tx.update(teamMembers).set({ leftOn, leader: false }).where(eq(teamMembers.id, memberId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'leave_team', entity: 'team', entityId: row.member.teamId, institutionId: row.institutionId, before: row.member, after: { leftOn } }, now);
  });
}

/**
 * Signs a household with a team. When it has a contract not ended, that one ends on the new signing day:
 * renewed with the same team, or moved to another. The actor manages the team's institution and may see the
 * household.
 */
export function signContract(db: Db, { actor, input }: { actor: Actor; input: ContractInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const team = tx.select().from(teams).where(eq(teams.id, input.teamId)).get();
    if (!team || team.kind !== 'family_doctor') throw new DomainError('validation.choice', 'teamId');
    assertAccess(actor, team.institutionId, 'manage');
    getHousehold(tx, { actor, householdId: input.householdId }, now);
    const open = tx.select().from(contracts).where(and(eq(contracts.householdId, input.householdId), isNull(contracts.endedOn))).get();
    if (open) {
      if (input.signedOn < open.signedOn) throw new DomainError('contract.beforePrevious', 'signedOn');
      tx.update(contracts)
        .set({ endedOn: input.signedOn, endReason: open.teamId === input.teamId ? 'renewed' : 'changed_team' })
        .where(eq(contracts.id, open.id))
        .run();
    }
    const { services, ...terms } = input;
    const contract = tx
      .insert(contracts)
      .values({ ...terms, previousId: open?.id ?? null, createdBy: actor.userId, createdAt: now })
      .returning()
      .get();
    tx.insert(contractServices).values(services.map((service) => ({ contractId: contract.id, service }))).run();
    recordAudit(tx, { actorId: actor.userId, action: open ? 'renew' : 'create', entity: 'contract', entityId: contract.id, institutionId: team.institutionId, before: open ?? null, after: { ...contract, services } }, now);
    return contract;
  });
}

/** Ends a contract with a reason: the household moved, died, declined… */
export function endContract(db: Db, { actor, input }: { actor: Actor; input: ContractEndInput }, now = Date.now()) {
  db.transaction((tx) => {
    const row = tx.select({ contract: contracts, institutionId: teams.institutionId }).from(contracts).innerJoin(teams, eq(teams.id, contracts.teamId)).where(eq(contracts.id, input.contractId)).get();
    if (!row) throw new NotFoundError();
    assertAccess(actor, row.institutionId, 'manage');
    if (row.contract.endedOn !== null) throw new DomainError('contract.alreadyEnded', 'endedOn');
    if (input.endedOn < row.contract.signedOn) throw new DomainError('contract.endedBeforeSigned', 'endedOn');
    const ended = { endedOn: input.endedOn, endReason: input.endReason, endNote: input.endNote };
    tx.update(contracts).set(ended).where(eq(contracts.id, input.contractId)).run();
    recordAudit(tx, { actorId: actor.userId, action: 'end', entity: 'contract', entityId: input.contractId, institutionId: row.institutionId, before: row.contract, after: ended }, now);
  });
}

/**
 * A household's family doctor contracts for its file, newest first: the team, its institution, the term, the
 * services, and for the one in force its last follow-up and when the next is due. The household must be
 * visible to the actor (the caller has read it).
 */
export function householdContracts(tx: Tx, { householdId }: { householdId: number }, now = Date.now()) {
  const today = beijingDate(now);
  const rows = tx
    .select({ contract: contracts, team: teams.name, institution: institutions.name, inForce: sql<number>`${contractInForceOn(today)}` })
    .from(contracts)
    .innerJoin(teams, eq(teams.id, contracts.teamId))
    .innerJoin(institutions, eq(institutions.id, teams.institutionId))
    .where(eq(contracts.householdId, householdId))
    .orderBy(desc(contracts.signedOn), desc(contracts.id))
    .all();
  const services = rows.length === 0 ? [] : tx.select().from(contractServices).where(inArray(contractServices.contractId, rows.map((r) => r.contract.id))).all();
  const days = rows.some((r) => r.inForce === 1) ? followUpDays(tx, and(eq(contracts.householdId, householdId), contractInForceOn(today))!) : new Map<number, string[]>();
  return rows.map(({ contract, team, institution, inForce }) => ({
    ...contract,
    team,
    institution,
    services: services.filter((s) => s.contractId === contract.id).map((s) => s.service),
    inForce: inForce === 1,
    ...(inForce === 1 ? followUpsOf(contract, days.get(contract.id) ?? [], today) : { lastFollowUpOn: null, nextDue: null, overdue: false }),
  }));
}

/** The family doctor teams a coordinator may sign a household with: those of the institutions it manages. */
export function signableTeams(tx: Tx, actor: Actor) {
  return tx
    .select({ id: teams.id, name: teams.name, institution: institutions.name })
    .from(teams)
    .innerJoin(institutions, eq(institutions.id, teams.institutionId))
    .where(and(eq(teams.kind, 'family_doctor'), institutionFilter(actor, 'manage', teams.institutionId)))
    .orderBy(asc(institutions.name), asc(teams.name))
    .all();
}

/** The teams the actor is in now, for its home page: each with its contracted households and how many are overdue. */
export function myTeams(tx: Tx, actor: Actor, now = Date.now()) {
  const today = beijingDate(now);
  const rows = tx.all<{ id: number; name: string; kind: 'family_doctor' | 'volunteer'; institutionId: number; institution: string }>(sql`
    SELECT DISTINCT ${teams.id} AS id, ${teams.name} AS name, ${teams.kind} AS kind, ${teams.institutionId} AS institutionId, ${institutions.name} AS institution
    FROM ${teamMembers} INNER JOIN ${teams} ON ${teams.id} = ${teamMembers.teamId} INNER JOIN ${institutions} ON ${institutions.id} = ${teams.institutionId}
    WHERE ${memberOn(today)} AND ${memberIsActor(actor)}
    ORDER BY ${teams.name}`);
  return rows.map((team) => {
    const contracted = team.kind === 'family_doctor' ? teamHouseholds(tx, team, today) : [];
    return { ...team, households: contracted.length, overdue: contracted.filter((h) => h.overdue).length };
  });
}

/** The staff records in the household's contracted team now, whichever institution employs them: its visitors. */
export function contractedTeamStaff(tx: Tx, householdId: number, now: number) {
  const today = beijingDate(now);
  return tx
    .selectDistinct({ id: staff.id, name: staff.name, department: staff.department, institutionId: staff.institutionId, userId: staff.userId })
    .from(teamMembers)
    .innerJoin(staff, eq(staff.id, teamMembers.staffId))
    .innerJoin(contracts, eq(contracts.teamId, teamMembers.teamId))
    .where(and(eq(contracts.householdId, householdId), contractInForceOn(today), memberOn(today)))
    .orderBy(asc(staff.name))
    .all();
}
