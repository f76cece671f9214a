// Campaigns and events: the forms and their rules. Times are Beijing wall-clock times on a Beijing date.
import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATES, EVENT_OUTCOME_NAMES, EVENT_OUTCOMES, EVENT_ROLE_KINDS, type EventKind, type EventOutcome, type EventRoleKind, type EventState, PROGRAMME_PART_KINDS, type ProgrammePartKind, ROLE_REQUIREMENTS } from '#db/schema.ts';
import type { MessageKey } from '#src/i18n/index.ts';
import { invitedInstitutionsField } from '../campaigns/campaigns.ts';
import { checkLocationPair, locationFields, optionalCount } from '../places/places.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, requiredText } from '../validation/fields.ts';
import { listChoiceField, listPageField, listSearchField } from '../lists/list-query.ts';

export const SERVICES = ['blood_pressure', 'blood_sugar', 'ecg', 'tcm_pulse', 'ultrasound', 'consultation', 'medicines', 'health_education'] as const;

export const timeField = z.string({ error: message('validation.required') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: message('validation.time') });


const eventFields = {
  organiserId: z.coerce.number().int().positive(),
  campaignId: optionalIdField,
  kind: choiceField(EVENT_KINDS),
  title: requiredText(80),
  date: dateField,
  startTime: timeField,
  endTime: timeField,
  villageId: optionalIdField,
  address: optionalText(200),
  townshipId: optionalIdField,
  services: z.array(z.enum(SERVICES, { error: message('validation.choice') })).default([]),
  expectedAttendance: optionalCount(0, 100_000),
  notes: optionalText(2000),
  ...locationFields,
};

function checkEvent(value: { lat: number | null; lng: number | null; startTime: string; endTime: string; villageId: number | null; address: string | null }, ctx: z.RefinementCtx) {
  checkLocationPair(value, ctx);
  if (value.endTime <= value.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: message('event.endBeforeStart') });
  if (value.villageId === null && value.address === null) ctx.addIssue({ code: 'custom', path: ['address'], message: message('event.placeRequired') });
}

export const eventSchema = z.object(eventFields).superRefine(checkEvent);
export type EventInput = z.output<typeof eventSchema>;

/** The same form, correcting an event that exists. */
export const eventUpdateSchema = z.object({ eventId: z.coerce.number().int().positive(), ...eventFields }).superRefine(checkEvent);

/** The organiser invites institutions to run the event with it. */
export const coorganiserInvitationSchema = z.object({ eventId: z.coerce.number().int().positive(), institutionIds: invitedInstitutionsField });

const shiftFields = {
  startTime: timeField,
  endTime: timeField,
  capacity: z.coerce
    .number({ error: message('validation.number') })
    .int({ error: message('validation.wholeNumber') })
    .min(1, { error: message('validation.between', { min: 1, max: 500 }) })
    .max(500, { error: message('validation.between', { min: 1, max: 500 }) }),
};

function checkShiftTimes(value: { startTime: string; endTime: string }, ctx: z.RefinementCtx) {
  if (value.endTime <= value.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: message('event.endBeforeStart') });
}

export const shiftSchema = z.object(shiftFields).superRefine(checkShiftTimes);

/** A shift corrected: its times and capacity. */
export const shiftUpdateSchema = z.object({ shiftId: z.coerce.number().int().positive(), ...shiftFields }).superRefine(checkShiftTimes);

const roleFields = {
  kind: choiceField(EVENT_ROLE_KINDS),
  specialty: optionalText(30),
  requirement: z.preprocess((v) => v || 'none', choiceField(ROLE_REQUIREMENTS)),
  // The part of the programme it serves; none for the whole day.
  partId: optionalIdField,
};

/** A role corrected: its kind, specialty, requirement and part of the programme. */
export const roleUpdateSchema = z.object({ roleId: z.coerce.number().int().positive(), ...roleFields });

export const roleSchema = z.object({ eventId: z.coerce.number().int().positive(), ...roleFields, shifts: z.array(shiftSchema).min(1) });

export type RoleInput = z.output<typeof roleSchema>;

/** The event page's form: a role with its first shift (more shifts are added to the role afterwards). */
export const roleFormSchema = z
  .object({ eventId: z.coerce.number().int().positive(), ...roleFields, ...shiftFields })
  .superRefine(checkShiftTimes)
  .transform(({ startTime, endTime, capacity, ...role }) => ({ ...role, shifts: [{ startTime, endTime, capacity }] }));

const partFields = {
  kind: choiceField(PROGRAMME_PART_KINDS),
  title: optionalText(40),
  startTime: timeField,
  endTime: timeField,
  place: optionalText(100),
};

/** A part of an event's programme: what, when within the event's times, and where when not the event's place. */
export const partSchema = z.object({ eventId: z.coerce.number().int().positive(), ...partFields }).superRefine(checkShiftTimes);
export type PartInput = Omit<z.output<typeof partSchema>, 'eventId'>;

/** Which of a part's times lies outside the event's, if either: the part must lie within them. */
export function partOutside(part: { startTime: string; endTime: string }, event: { startTime: string; endTime: string }): 'startTime' | 'endTime' | null {
  if (part.startTime < event.startTime) return 'startTime';
  if (part.endTime > event.endTime) return 'endTime';
  return null;
}

/** A part of the programme corrected. */
export const partUpdateSchema = z.object({ partId: z.coerce.number().int().positive(), ...partFields }).superRefine(checkShiftTimes);

// Plain objects (not intersections), so that Astro reads them from a posted form.
export const addShiftSchema = z.object({ roleId: z.coerce.number().int().positive(), ...shiftFields }).superRefine(checkShiftTimes);

/** What a done event of this kind reports (EVENT_OUTCOMES), its head count first; none for some kinds. */
export function outcomesOf(kind: EventKind): EventOutcome[] {
  return EVENT_OUTCOME_NAMES.filter((name) => (EVENT_OUTCOMES[name] as readonly EventKind[]).includes(kind));
}

export type EventOutcomes = Partial<Record<EventOutcome, number | null>>;
const outcomeFields = Object.fromEntries(EVENT_OUTCOME_NAMES.map((name) => [name, optionalCount(0, 1_000_000)])) as Record<EventOutcome, ReturnType<typeof optionalCount>>;

/** Marking an event done: what it came to, the fields of its kind (others are ignored). */
export const completionSchema = z.object({ eventId: z.coerce.number().int().positive(), ...outcomeFields }).transform(({ eventId, ...outcomes }) => ({ eventId, outcomes: outcomes as EventOutcomes }));

/** Correcting a done event's outcomes, with a reason. */
export const outcomeCorrectionSchema = z
  .object({ eventId: z.coerce.number().int().positive(), ...outcomeFields, reason: requiredText(200) })
  .transform(({ eventId, reason, ...outcomes }) => ({ eventId, reason, outcomes: outcomes as EventOutcomes }));

type Translate = (key: MessageKey, params?: Record<string, string>) => string;

/**
 * The organiser's next step with an event, in the order the work goes: add roles → publish → the roster, until
 * the day → on and after the day, record what it came to. Null once it is done or cancelled.
 */
export type EventNextStep = 'addRoles' | 'publish' | 'roster' | 'complete';
export function nextStep(event: { state: EventState; date: string; roles: unknown[] }, today: string): EventNextStep | null {
  if (event.state === 'draft') return event.roles.length === 0 ? 'addRoles' : 'publish';
  if (event.state !== 'published') return null;
  return mayComplete(event, today) ? 'complete' : 'roster';
}

/** The page offers marking an event done from its day on, not before it has happened (records entered after
 * the fact, and the seed's, complete events through the domain whatever the day). */
export function mayComplete(event: { state: EventState; date: string }, today: string): boolean {
  return event.state === 'published' && event.date <= today;
}

/** A role as pages, mails and calendars name it: 医生（心内科）. */
export function roleName(t: Translate, role: { kind: EventRoleKind; specialty: string | null }): string {
  return `${t(`eventRole.${role.kind}`)}${role.specialty ? `（${role.specialty}）` : ''}`;
}

/** A part of the programme as the page names it: its kind, and its own words when it has them (集中义诊：健康教育大讲堂). */
export function partName(t: Translate, part: { kind: ProgrammePartKind; title: string | null }): string {
  const kind = t(`programmePart.${part.kind}`);
  return part.title ? t('programme.partWithTitle', { kind, title: part.title }) : kind;
}

/** A part with its times, as lists and choices name it: 09:30–12:00 集中义诊. */
export function partLabel(t: Translate, part: { kind: ProgrammePartKind; title: string | null; startTime: string; endTime: string }): string {
  return `${part.startTime}–${part.endTime} ${partName(t, part)}`;
}

/** Which events the list shows by their day: those to come (the next first), those past or all (the latest first). */
export const EVENT_LIST_TIMES = ['upcoming', 'past', 'all'] as const;

/** The events list's query, from its address: words in the title or the organiser's name, state, kind, time, page. */
export const eventListSchema = z.object({
  q: listSearchField,
  state: listChoiceField(EVENT_STATES),
  kind: listChoiceField(EVENT_KINDS),
  when: listChoiceField(EVENT_LIST_TIMES).transform((when) => when ?? 'upcoming'),
  page: listPageField,
});
export type EventListQuery = z.output<typeof eventListSchema>;
