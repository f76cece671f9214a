// Campaigns and events: the forms and their rules. Times are Beijing wall-clock times on a Beijing date.
import { z } from 'zod';
import { EVENT_KINDS, EVENT_OUTCOME_NAMES, EVENT_OUTCOMES, EVENT_ROLE_KINDS, type EventKind, type EventOutcome, ROLE_REQUIREMENTS } from '#db/schema.ts';
import { invitedInstitutionsField } from '../campaigns/campaigns.ts';
import { checkLocationPair, locationFields, optionalCount } from '../places/places.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, requiredText } from '../validation/fields.ts';

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

/** A role corrected: its kind, specialty and requirement. */
export const roleUpdateSchema = z.object({
  roleId: z.coerce.number().int().positive(),
  kind: choiceField(EVENT_ROLE_KINDS),
  specialty: optionalText(30),
  requirement: z.preprocess((v) => v || 'none', choiceField(ROLE_REQUIREMENTS)),
});

export const roleSchema = z.object({
  eventId: z.coerce.number().int().positive(),
  kind: choiceField(EVENT_ROLE_KINDS),
  specialty: optionalText(30),
  requirement: z.preprocess((v) => v || 'none', choiceField(ROLE_REQUIREMENTS)),
  shifts: z.array(shiftSchema).min(1),
});

export type RoleInput = z.output<typeof roleSchema>;

/** The event page's form: a role with its first shift (more shifts are added to the role afterwards). */
export const roleFormSchema = z
  .object({
    eventId: z.coerce.number().int().positive(),
    kind: choiceField(EVENT_ROLE_KINDS),
    specialty: optionalText(30),
    requirement: z.preprocess((v) => v || 'none', choiceField(ROLE_REQUIREMENTS)),
    ...shiftFields,
  })
  .superRefine(checkShiftTimes)
  .transform(({ startTime, endTime, capacity, ...role }) => ({ ...role, shifts: [{ startTime, endTime, capacity }] }));

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
