// Teams and family doctor contracts: the forms, and when a contracted household is next due a follow-up.
import { z } from 'zod';
import { CONTRACT_END_REASONS, CONTRACT_SERVICES, FOLLOW_UP_INTERVALS, type FollowUpInterval, TEAM_KINDS, TEAM_ROLES } from '#db/schema.ts';
import { addDays, addMonths } from '../time/beijing.ts';
import { choiceField, dateField, message, optionalText, requiredText } from '../validation/fields.ts';

const id = z.coerce.number().int().positive();
const optionalDate = z.preprocess((value) => (value === '' || value === null ? undefined : value), dateField.optional());

export const teamSchema = z.object({
  institutionId: id,
  kind: choiceField(TEAM_KINDS),
  name: requiredText(40),
  focus: optionalText(80),
});
export type TeamInput = z.output<typeof teamSchema>;

/** A member is a staff record (of any institution nearby) or an account, given as "staff:12" or "user:ab…". */
const personRef = z
  .string({ error: message('validation.required') })
  .min(1, { error: message('validation.required'), abort: true })
  .regex(/^(staff:[1-9]\d*|user:[\w-]{1,64})$/, { error: message('validation.choice') })
  .transform((value) => {
    const [kind, key] = value.split(':');
    return kind === 'staff' ? { staffId: Number(key), userId: null } : { staffId: null, userId: key };
  });

export const teamMemberSchema = z.object({
  teamId: id,
  person: personRef,
  role: choiceField(TEAM_ROLES),
  leader: z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean()),
  joinedOn: dateField,
});
export type TeamMemberInput = z.output<typeof teamMemberSchema>;

export const memberLeavingSchema = z.object({ memberId: id, leftOn: dateField });

/** A volunteer team signed up for a shift: the members the leader chose. */
export const teamSignUpSchema = z.object({ teamId: id, shiftId: id, memberIds: z.array(id).default([]) });

/** How many months each follow-up interval is. */
export const INTERVAL_MONTHS: Record<FollowUpInterval, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

const contractFields = {
  teamId: id,
  signedOn: dateField,
  // Empty: a year from signing, the usual term.
  endsOn: optionalDate,
  followUpEvery: choiceField(FOLLOW_UP_INTERVALS),
  services: z.array(z.enum(CONTRACT_SERVICES, { error: message('validation.choice') })).default([]),
};

const termAfterSigning = (value: { signedOn: string; endsOn?: string }, ctx: z.RefinementCtx) => {
  if (value.endsOn && value.endsOn <= value.signedOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: message('contract.endsBeforeSigned') });
};
// The basic package is in every contract.
const withTerm = <T extends { signedOn: string; endsOn?: string; services: (typeof CONTRACT_SERVICES)[number][] }>(value: T) => ({
  ...value,
  endsOn: value.endsOn ?? addMonths(value.signedOn, 12),
  services: [...new Set(['basic' as const, ...value.services])],
});

/** Signing a household with a team, or renewing its contract, or moving it to another team. */
export const contractSchema = z.object({ householdId: id, ...contractFields }).superRefine(termAfterSigning).transform(withTerm);
export type ContractInput = z.output<typeof contractSchema>;

export const contractEndSchema = z.object({
  contractId: id,
  endedOn: dateField,
  endReason: choiceField(CONTRACT_END_REASONS.filter((r) => r !== 'renewed' && r !== 'changed_team') as ['moved_away', 'died', 'declined', 'other']),
  endNote: optionalText(200),
});
export type ContractEndInput = z.output<typeof contractEndSchema>;

/** A contract as its follow-up schedule needs it. */
export interface ScheduledContract {
  signedOn: string;
  endsOn: string;
  /** The day it was ended early (renewed, moved, …), itself no longer in force; null while it runs its term. */
  endedOn: string | null;
  followUpEvery: FollowUpInterval;
}

/** A follow-up the contract schedules, and whether one was done in its interval. */
export interface ScheduledFollowUp {
  due: string;
  met: boolean;
}

/**
 * A contract's follow-ups: one due an interval after signing and every interval after that, within its term. A
 * follow-up is met by a follow-up visit in its interval (after the one before fell due, or from signing for the
 * first), on or before the day it is due. `followUpDays` are the days of the contract's follow-up visits.
 */
export function followUpSchedule(contract: ScheduledContract, followUpDays: readonly string[]): ScheduledFollowUp[] {
  const months = INTERVAL_MONTHS[contract.followUpEvery];
  const lastDay = contract.endedOn !== null && contract.endedOn <= contract.endsOn ? addDays(contract.endedOn, -1) : contract.endsOn;
  const schedule: ScheduledFollowUp[] = [];
  let after = contract.signedOn;
  for (let k = 1; ; k++) {
    // Counted from signing each time, so that a short month does not pull every later date earlier.
    const due = addMonths(contract.signedOn, k * months);
    if (due > lastDay) return schedule;
    const from = after;
    schedule.push({ due, met: followUpDays.some((day) => (k === 1 ? day >= from : day > from) && day <= due) });
    after = due;
  }
}

/**
 * When the household is next due a follow-up, on `today`: a missed one while nothing has been done since
 * (overdue), else the first not yet met; null once the term has no more.
 */
export function nextFollowUp(schedule: readonly ScheduledFollowUp[], today: string): { due: string; overdue: boolean } | null {
  const current = schedule.findIndex((f) => f.due >= today);
  const missed = (current === -1 ? schedule : schedule.slice(0, current)).at(-1);
  if (missed && !missed.met && (current === -1 || !schedule[current].met)) return { due: missed.due, overdue: true };
  const next = schedule.slice(current === -1 ? schedule.length : current).find((f) => !f.met);
  return next ? { due: next.due, overdue: false } : null;
}
