// What waits for a person when they open the site, by what they do: their own next shifts and offered places;
// for each institution they run, its overdue visits and follow-ups, drafts, this week's events with their gaps
// and the invitations to answer; for a bureau's administrator, its campaigns and its area's overdue obligations;
// for a publicity office, this year's headline figures against last year's. Each part reads through the domain
// function that owns its rule, so it sees exactly what that function lets the reader see.
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { eventRoles, eventRunBy, events, shifts } from '#db/schema.ts';
import { campaignProgress, pendingInvitations } from '../campaigns/campaigns.server.ts';
import { shiftFill } from '../events/events.server.ts';
import { pendingCoorganising } from '../events/joint.server.ts';
import { areaObligations, assignsPairings, listOverduePairings, pendingPairingRequests } from '../pairings/pairings.server.ts';
import { type Actor, hasRole, isAdmin, ownManagedInstitutionIds, runsSite } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';
import { failedMailCount } from '../server/mail/outbox.ts';
import { checkInState, checkInWindow } from '../signups/attendance.server.ts';
import { listMySignups } from '../signups/signups.server.ts';
import { listSnapshots } from '../tallies/snapshots.server.ts';
import { tallyReport } from '../tallies/tallies.server.ts';
import { tallyFilterSchema } from '../tallies/tallies.ts';
import { addDays, beijingDate } from '../time/beijing.ts';
import { followUpCounts } from '../visits/follow-ups.server.ts';

/** How many of a list the home page names before linking to the whole of it. */
export const AGENDA_NAMED = 5;
/** "This week": today and the six days after it. */
const WEEK_DAYS = 7;

/**
 * The person's shifts still to come (with a place, waiting or offered one), soonest first, each with when its
 * check-in opens; the places offered to them to take; and the hours they gave this year.
 */
export function volunteerAgenda(tx: Tx, actor: Actor, now: number) {
  const mine = listMySignups(tx, { actor }, now);
  const year = beijingDate(now).slice(0, 4);
  const coming = mine
    .filter((row) => row.shift.endsAt > now && row.eventState !== 'cancelled' && (row.signup.state === 'confirmed' || row.signup.state === 'waitlisted' || row.signup.state === 'offered'))
    .sort((a, b) => a.shift.startsAt - b.shift.startsAt);
  return {
    shifts: coming.slice(0, AGENDA_NAMED).map((row) => ({
      ...row,
      checkInOpensAt: checkInWindow(row.shift).opensAt,
      checkInOpen: row.signup.state === 'confirmed' && row.signup.checkedInAt === null && checkInState(row.shift, now) === 'open',
    })),
    moreShifts: Math.max(0, coming.length - AGENDA_NAMED),
    offers: coming.filter((row) => row.signup.state === 'offered'),
    hoursThisYear: Math.round(mine.filter((row) => beijingDate(row.shift.startsAt).startsWith(year)).reduce((sum, row) => sum + row.hours, 0) * 100) / 100,
  };
}

/**
 * This week's published events an institution runs or runs with others, each with its places still open and
 * its doctor roles no one has taken yet; and its drafts from today on.
 */
function institutionEvents(tx: Tx, institutionId: number, today: string) {
  const week = tx
    .select({ id: events.id, title: events.title, date: events.date, startTime: events.startTime, endTime: events.endTime })
    .from(events)
    .where(and(eventRunBy(institutionId), eq(events.state, 'published'), gte(events.date, today), lte(events.date, addDays(today, WEEK_DAYS - 1))))
    .orderBy(asc(events.date), asc(events.startTime))
    .all();
  const roleShifts = week.length === 0 ? [] : tx
    .select({ eventId: eventRoles.eventId, roleId: eventRoles.id, kind: eventRoles.kind, shiftId: shifts.id, capacity: shifts.capacity })
    .from(shifts)
    .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
    .where(inArray(eventRoles.eventId, week.map((e) => e.id)))
    .all();
  const fill = shiftFill(tx, roleShifts.map((s) => s.shiftId));
  const drafts = tx
    .select({ id: events.id, title: events.title, date: events.date })
    .from(events)
    .where(and(eq(events.organiserId, institutionId), eq(events.state, 'draft'), gte(events.date, today)))
    .orderBy(asc(events.date), asc(events.id))
    .all();
  return {
    week: week.map((event) => {
      const own = roleShifts.filter((s) => s.eventId === event.id);
      const doctorRoles = new Set(own.filter((s) => s.kind === 'doctor').map((s) => s.roleId));
      const staffedRoles = new Set(own.filter((s) => fill.get(s.shiftId)!.taken > 0).map((s) => s.roleId));
      return {
        ...event,
        hasRoles: own.length > 0,
        placesOpen: own.reduce((sum, s) => sum + Math.max(0, s.capacity - fill.get(s.shiftId)!.taken), 0),
        doctorRolesEmpty: [...doctorRoles].filter((id) => !staffedRoles.has(id)).length,
      };
    }),
    drafts: drafts.slice(0, AGENDA_NAMED),
    moreDrafts: Math.max(0, drafts.length - AGENDA_NAMED),
  };
}

/** For each institution the person runs: what is overdue, what is unfinished and what waits for its answer. */
export function institutionsAgenda(tx: Tx, actor: Actor, now: number) {
  const runIds = ownManagedInstitutionIds(actor);
  if (runIds.length === 0) return [];
  const run = actor.memberships.filter((m) => runIds.includes(m.institutionId));
  const today = beijingDate(now);
  const campaignInvitations = pendingInvitations(tx, { actor }).filter((i) => runIds.includes(i.institutionId));
  const coorganising = pendingCoorganising(tx, { actor }).filter((i) => runIds.includes(i.institutionId));
  return run.map(({ institutionId, institutionName }) => {
    const overdue = listOverduePairings(tx, { actor, institutionId }, now);
    return {
      institutionId,
      institution: institutionName,
      overduePairings: overdue.slice(0, AGENDA_NAMED),
      overduePairingCount: overdue.length,
      followUps: followUpCounts(tx, institutionId, today),
      ...institutionEvents(tx, institutionId, today),
      campaignInvitations: campaignInvitations.filter((i) => i.institutionId === institutionId),
      coorganising: coorganising.filter((i) => i.institutionId === institutionId),
    };
  });
}

/**
 * For a bureau's administrator: the campaigns its bureaus run that are on or just over, how far each has come,
 * the institutions of its area most behind on their obligations, and the pairing requests waiting for it.
 */
export function areaAgenda(tx: Tx, actor: Actor, now: number) {
  if (!isAdmin(actor)) return null;
  const obligations = areaObligations(tx, { actor }, now).filter((group) => group.overdue > 0);
  return {
    campaigns: campaignProgress(tx, { actor }, beijingDate(now)),
    behind: obligations.slice(0, AGENDA_NAMED).map(({ institutionId, institution, overdue }) => ({ institutionId, institution, overdue })),
    behindCount: obligations.length,
    overdueCount: obligations.reduce((sum, group) => sum + group.overdue, 0),
    pairingRequests: assignsPairings(tx, actor) ? pendingPairingRequests(tx, { actor }).length : 0,
  };
}

/** For a publicity office: this year's headline figures so far against the same days last year, and its latest published tally. */
export function publicityAgenda(tx: Tx, actor: Actor, now: number) {
  if (!hasRole(actor, 'publicity')) return null;
  const today = beijingDate(now);
  const filters = tallyFilterSchema.parse({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const report = tallyReport(tx, { actor, filters });
  return { filters: { from: filters.from!, to: filters.to! }, headline: report.headline, earlierHeadline: report.earlierHeadline, latestSnapshot: listSnapshots(tx, { actor })[0] ?? null };
}

/** For the system operator: the mails that could not be sent. */
export function operatorAgenda(tx: Tx, actor: Actor) {
  return runsSite(actor) ? { failedMails: failedMailCount(tx, { actor }) } : null;
}

/** Everything the home page shows the person. */
export function homeAgenda(tx: Tx, actor: Actor, now = Date.now()) {
  return {
    volunteer: volunteerAgenda(tx, actor, now),
    institutions: institutionsAgenda(tx, actor, now),
    area: areaAgenda(tx, actor, now),
    publicity: publicityAgenda(tx, actor, now),
    operator: operatorAgenda(tx, actor),
  };
}
