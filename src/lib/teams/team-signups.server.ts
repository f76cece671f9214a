// A volunteer service team signed up for a shift as a team: its leader (or a coordinator of its institution)
// chooses which members go, and each takes one of the shift's places, all or none. Hours then add up per member
// and per team from those places, by the tallies' rule (docs/tallies.md): at done events, from check-in to
// check-out, or the shift's times.
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { eventRoles, events, institutions, shifts, signups, staff, teamMembers, teams, users } from '#db/schema.ts';
import { type Actor, canAccess, memberIsActor, memberOn } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../server/errors.ts';
import { place } from '../signups/assignments.server.ts';
import { placesTaken, shiftContext } from '../signups/signups.server.ts';
import { beijingDate } from '../time/beijing.ts';
import { heldMs } from '../tallies/counting.server.ts';
import { shown } from '../tallies/figures.ts';
import { nearbyInstitutionIds } from './teams.server.ts';

/** Whether the actor leads the team now, through its account or a staff record linked to it. */
function leads(tx: Tx, actor: Actor, teamId: number, today: string): boolean {
  return !!tx.get(sql`SELECT 1 FROM ${teamMembers} WHERE ${teamMembers.teamId} = ${teamId} AND ${teamMembers.leader} = 1 AND ${memberOn(today)} AND ${memberIsActor(actor)}`);
}

/** Whether the actor may sign the team up: its leader, or a coordinator of its institution. */
function maySignUp(tx: Tx, actor: Actor, team: { id: number; institutionId: number }, now: number): boolean {
  return canAccess(actor, team.institutionId, 'manage') || leads(tx, actor, team.id, beijingDate(now));
}

/** The volunteer team, if the actor may sign it up. */
function teamToSignUp(tx: Tx, actor: Actor, teamId: number, now: number) {
  const team = tx.select().from(teams).where(eq(teams.id, teamId)).get();
  if (!team) throw new NotFoundError();
  if (!maySignUp(tx, actor, team, now)) throw new ForbiddenError();
  if (team.kind !== 'volunteer') throw new DomainError('validation.choice', 'teamId');
  return team;
}

export function signUpTeam(db: Db, { actor, teamId, shiftId, memberIds }: { actor: Actor; teamId: number; shiftId: number; memberIds: number[] }, now = Date.now()) {
  return db.transaction(
    (tx) => {
      teamToSignUp(tx, actor, teamId, now);
      const context = shiftContext(tx, shiftId);
      if (context.event.state !== 'published' || context.shift.startsAt <= now) throw new DomainError('signup.notOpen', 'shiftId', 409);
      const chosen = [...new Set(memberIds)];
      if (chosen.length === 0) throw new DomainError('team.chooseMembers', 'memberIds');
      const members = tx
        .select({ id: teamMembers.id, userId: teamMembers.userId, staffId: teamMembers.staffId, linked: staff.userId })
        .from(teamMembers)
        .leftJoin(staff, eq(staff.id, teamMembers.staffId))
        .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.id, chosen), memberOn(beijingDate(now))))
        .all();
      if (members.length !== chosen.length) throw new DomainError('validation.choice', 'memberIds');
      if (placesTaken(tx, shiftId) + members.length > context.shift.capacity) throw new DomainError('team.notEnoughPlaces', 'memberIds', 409);
      // A member is their account when they have one (as an assignment places a staff member).
      return members.map((m) => {
        const userId = m.userId ?? m.linked;
        return place(tx, actor, context, userId ? { userId } : { staffId: m.staffId! }, { field: 'memberIds', acceptOverlap: false, teamId }, now);
      });
    },
    { behavior: 'immediate' },
  );
}

/**
 * What the team may be signed up for, for those who may sign it up (null for others): shifts not yet begun at
 * published events of institutions of its county.
 */
export function shiftsForTeam(tx: Tx, { actor, team }: { actor: Actor; team: { id: number; kind: string; institutionId: number } }, now = Date.now()) {
  if (team.kind !== 'volunteer' || !maySignUp(tx, actor, team, now)) return null;
  return tx
    .select({ id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt, capacity: shifts.capacity, role: eventRoles.kind, title: events.title, date: events.date, organiser: institutions.name })
    .from(shifts)
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .innerJoin(events, eq(events.id, eventRoles.eventId))
    .innerJoin(institutions, eq(institutions.id, events.organiserId))
    .where(and(eq(events.state, 'published'), gte(shifts.startsAt, now), inArray(events.organiserId, nearbyInstitutionIds(tx, team.institutionId))))
    .orderBy(asc(shifts.startsAt))
    .limit(100)
    .all();
}

/** The team's volunteer hours at done events: per member, and altogether. */
export function teamHours(tx: Tx, teamId: number) {
  const rows = tx.all<{ name: string; places: number; ms: number }>(sql`
    SELECT COALESCE(${users.name}, ${staff.name}) AS name, COUNT(*) AS places,
      SUM(${heldMs}) AS ms
    FROM ${signups} INNER JOIN ${shifts} ON ${shifts.id} = ${signups.shiftId} INNER JOIN ${eventRoles} ON ${eventRoles.id} = ${shifts.roleId}
      INNER JOIN ${events} ON ${events.id} = ${eventRoles.eventId}
      LEFT JOIN ${users} ON ${users.id} = ${signups.userId} LEFT JOIN ${staff} ON ${staff.id} = ${signups.staffId}
    WHERE ${signups.teamId} = ${teamId} AND ${signups.state} = 'confirmed' AND ${events.state} = 'done'
    GROUP BY COALESCE(${signups.userId}, 'staff:' || ${signups.staffId}) ORDER BY ms DESC`);
  const hours = (ms: number) => shown({ unit: 'hours' }, ms);
  const members = rows.map((r) => ({ name: r.name, places: r.places, hours: hours(r.ms) }));
  return { members, hours: hours(rows.reduce((sum, r) => sum + r.ms, 0)), places: rows.reduce((sum, r) => sum + r.places, 0) };
}
