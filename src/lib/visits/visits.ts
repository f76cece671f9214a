// Household visit records (走访慰问记录): the form and its rules. Health readings are checked against what a
// blood-pressure cuff or a glucose meter can show; a blood sugar typed in mg/dL is caught and converted for
// the visitor rather than stored wrong.
import { z } from 'zod';
import { CHECK_STATES, GLUCOSE_TIMINGS, REFERRAL_STATES, SATISFACTIONS, VISIT_CHECK_ITEMS, VISIT_PURPOSES, type VisitCheckItem } from '#db/schema.ts';
import { timeField } from '../events/events.ts';
import { needsNote } from './progress.ts';
import { optionalAmountField } from '../units/quantities.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, requiredText, toHalfWidth } from '../validation/fields.ts';

const emptyToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) => z.preprocess(emptyToNull, choiceField(values).nullable());

const checkSchema = z
  .object({ state: optionalChoice(CHECK_STATES), note: optionalText(100) })
  .superRefine((check, ctx) => {
    // "No" or "concern" is only useful with what was seen.
    if (needsNote(check.state) && !check.note) ctx.addIssue({ code: 'custom', path: ['note'], message: message('visit.checkNoteRequired') });
  });

const followUpSchema = z
  .object({ action: optionalText(100), owner: optionalText(20), dueDate: z.preprocess(emptyToNull, dateField.nullable()) })
  .superRefine((row, ctx) => {
    if (!row.action && !row.owner && !row.dueDate) return;
    for (const key of ['action', 'owner', 'dueDate'] as const) {
      if (!row[key]) ctx.addIssue({ code: 'custom', path: [key], message: message('validation.required') });
    }
  });

/** How many follow-up rows the visit form offers. */
export const FOLLOW_UP_ROWS = ['1', '2', '3'] as const;

/**
 * Photos from the form's file input. A plain array, so that the form reader collects every file; an empty
 * input sends one nameless, empty file, dropped by the schema's transform.
 */
const photosField = z.array(z.instanceof(File)).default([]);
const chosen = (files: File[]) => files.filter((file) => file.size > 0);

export const MAX_VISIT_PHOTOS = 4;

/** What a visit record says happened: the sections a new visit and an amendment share. */
const recordFields = {
  visitedOn: dateField,
  visitedTime: timeField,
  purpose: choiceField(VISIT_PURPOSES),
  eventId: optionalIdField,
  // A plain array, so that the form reader collects every ticked box.
  visitors: z.array(z.coerce.number().int().positive()).min(1, { error: message('visit.visitorsRequired') }),
  // Items or rows the form did not send count as left empty.
  checks: z.object(Object.fromEntries(VISIT_CHECK_ITEMS.map((item) => [item, checkSchema.optional()])) as Record<VisitCheckItem, z.ZodOptional<typeof checkSchema>>).optional(),
  // readings.<person>.<field>, where person is "head" or "m<member id>"; grouped and checked by parseReadings.
  readings: z.object({}).catchall(z.string().max(40, { error: message('validation.tooLong', { max: 40 }) })).optional(),
  incomeChange: optionalText(200),
  workChange: optionalText(200),
  housingChange: optionalText(200),
  healthChange: optionalText(200),
  difficulties: optionalText(500),
  satisfaction: optionalChoice(SATISFACTIONS),
  notes: optionalText(1000),
};

function checkReadings(value: { readings?: Record<string, string> }, ctx: z.RefinementCtx) {
  for (const issue of parseReadings(value.readings ?? {}).issues) ctx.addIssue({ code: 'custom', path: ['readings', issue.field], message: issue.message });
}

/** The checks and readings as the record keeps them: every item answered or left empty, readings grouped by person. */
function recordOf<T extends { checks?: Partial<Record<VisitCheckItem, z.output<typeof checkSchema> | undefined>>; readings?: Record<string, string> }>({ checks, readings, ...rest }: T) {
  return {
    ...rest,
    checks: Object.fromEntries(VISIT_CHECK_ITEMS.map((item) => [item, checks?.[item] ?? { state: null, note: null }])) as Record<VisitCheckItem, z.output<typeof checkSchema>>,
    readings: parseReadings(readings ?? {}).readings,
  };
}

export const visitSchema = z
  .object({
    householdId: z.coerce.number().int().positive(),
    institutionId: z.coerce.number({ error: message('validation.choice') }).int().positive({ error: message('validation.choice') }),
    submissionKey: z.string().regex(/^[0-9a-f-]{36}$/),
    ...recordFields,
    // quantities.<itemId>: goods and medicines handed over, written to the ledger as handouts.
    // (Absent when the institution has nothing in stock to offer.)
    quantities: z.object({}).catchall(optionalAmountField).optional(),
    followUps: z.object(Object.fromEntries(FOLLOW_UP_ROWS.map((row) => [row, followUpSchema.optional()])) as Record<(typeof FOLLOW_UP_ROWS)[number], z.ZodOptional<typeof followUpSchema>>).optional(),
    photos: photosField,
  })
  .superRefine((value, ctx) => {
    checkReadings(value, ctx);
    if (chosen(value.photos).length > MAX_VISIT_PHOTOS) ctx.addIssue({ code: 'custom', path: ['photos'], message: message('visit.tooManyPhotos', { max: MAX_VISIT_PHOTOS }) });
  })
  .transform(({ followUps, quantities, photos, ...rest }) => ({
    ...recordOf(rest),
    photos: chosen(photos),
    quantities: quantities ?? {},
    followUps: Object.values(followUps ?? {}).filter((row): row is { action: string; owner: string; dueDate: string } => !!row?.action && !!row.owner && !!row.dueDate),
  }));

export type VisitInput = z.output<typeof visitSchema>;

/** Amending a recorded visit: what happened, corrected, and why. Goods, follow-ups and photos keep their own ways. */
export const visitAmendSchema = z
  .object({ visitId: z.coerce.number().int().positive(), ...recordFields, reason: requiredText(200) })
  .superRefine(checkReadings)
  .transform(recordOf);

export type VisitAmendInput = z.output<typeof visitAmendSchema>;

/** A visit record as it stood at one time, kept whole when it is amended; names as they were then. */
export interface VisitSnapshot {
  visitedAt: number;
  purpose: (typeof VISIT_PURPOSES)[number];
  event: string | null;
  visitors: string[];
  checks: { item: VisitCheckItem; state: (typeof CHECK_STATES)[number]; note: string | null }[];
  readings: (Omit<Reading, 'memberId'> & { member: string | null })[];
  incomeChange: string | null;
  workChange: string | null;
  housingChange: string | null;
  healthChange: string | null;
  difficulties: string | null;
  satisfaction: (typeof SATISFACTIONS)[number] | null;
  notes: string | null;
}

export interface Reading {
  /** null for the household's head, else the member's id. */
  memberId: number | null;
  systolic: number | null;
  diastolic: number | null;
  glucoseTenths: number | null;
  glucoseTiming: (typeof GLUCOSE_TIMINGS)[number] | null;
  findings: string | null;
  advice: string | null;
  referralTo: string | null;
  referralState: (typeof REFERRAL_STATES)[number] | null;
}

export const READING_FIELDS = ['systolic', 'diastolic', 'glucose', 'glucoseTiming', 'findings', 'advice', 'referralTo', 'referralState'] as const;
type ReadingField = (typeof READING_FIELDS)[number];

/** The form key of a person: "head" or "m<member id>". */
export function personKey(memberId: number | null): string {
  return memberId === null ? 'head' : `m${memberId}`;
}

const NUMERIC_READING_FIELDS = new Set<ReadingField>(['systolic', 'diastolic', 'glucose']);
const SYSTOLIC = { min: 60, max: 260 };
const DIASTOLIC = { min: 30, max: 160 };
// What glucose meters display, in mmol/L.
const GLUCOSE = { min: 1.1, max: 33.3 };
const MG_PER_DL_PER_MMOL = 18;

/**
 * Groups the flat reading fields by person and checks them. Rows left empty are skipped; issues name the
 * field as the form does ("head.systolic") so that each message appears beside its box.
 */
export function parseReadings(raw: Record<string, string>): { readings: Reading[]; issues: { field: string; message: string }[] } {
  const byPerson = new Map<string, Partial<Record<ReadingField, string>>>();
  for (const [key, value] of Object.entries(raw)) {
    const match = /^(head|m[1-9]\d{0,9})\.([a-zA-Z]+)$/.exec(key);
    if (!match || !(READING_FIELDS as readonly string[]).includes(match[2])) continue;
    const row = byPerson.get(match[1]) ?? {};
    // Numbers typed on a Chinese keyboard become ASCII; text (findings, advice) is kept exactly as typed.
    const field = match[2] as ReadingField;
    row[field] = NUMERIC_READING_FIELDS.has(field) ? toHalfWidth(value).trim() : value.trim();
    byPerson.set(match[1], row);
  }
  const readings: Reading[] = [];
  const issues: { field: string; message: string }[] = [];
  for (const [person, row] of byPerson) {
    if (!Object.values(row).some((v) => v)) continue;
    const issue = (field: ReadingField, text: string) => issues.push({ field: `${person}.${field}`, message: text });
    const systolic = wholeNumber(row.systolic, SYSTOLIC, () => issue('systolic', message('reading.systolicRange', SYSTOLIC)));
    const diastolic = wholeNumber(row.diastolic, DIASTOLIC, () => issue('diastolic', message('reading.diastolicRange', DIASTOLIC)));
    if ((row.systolic ? 1 : 0) + (row.diastolic ? 1 : 0) === 1) issue(row.systolic ? 'diastolic' : 'systolic', message('reading.bothPressures'));
    else if (systolic !== null && diastolic !== null && diastolic >= systolic) issue('diastolic', message('reading.diastolicAboveSystolic'));
    const glucoseTenths = glucose(row.glucose, (text) => issue('glucose', text));
    const glucoseTiming = choice(row.glucoseTiming, GLUCOSE_TIMINGS, () => issue('glucoseTiming', message('validation.choice')));
    const referralState = choice(row.referralState, REFERRAL_STATES, () => issue('referralState', message('validation.choice')));
    const referralTo = text(row.referralTo, 60, () => issue('referralTo', message('validation.tooLong', { max: 60 })));
    if (referralState && !referralTo) issue('referralTo', message('reading.referralWhere'));
    readings.push({
      memberId: person === 'head' ? null : Number(person.slice(1)),
      systolic,
      diastolic,
      glucoseTenths,
      glucoseTiming: glucoseTenths === null ? null : glucoseTiming,
      findings: text(row.findings, 200, () => issue('findings', message('validation.tooLong', { max: 200 }))),
      advice: text(row.advice, 200, () => issue('advice', message('validation.tooLong', { max: 200 }))),
      referralTo,
      // A hospital named without a state is a referral being arranged.
      referralState: referralTo ? (referralState ?? 'planned') : null,
    });
  }
  return { readings, issues };
}

function wholeNumber(value: string | undefined, range: { min: number; max: number }, refuse: () => void): number | null {
  if (!value) return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max) {
    refuse();
    return null;
  }
  return n;
}

function glucose(value: string | undefined, refuse: (text: string) => void): number | null {
  if (!value) return null;
  const n = Number(value);
  if (!/^\d+(\.\d)?$/.test(value)) {
    refuse(message('reading.glucoseFormat'));
    return null;
  }
  if (n >= GLUCOSE.min && n <= GLUCOSE.max) return Math.round(n * 10);
  // 40–600 is what a meter set to mg/dL shows: say so, with the value converted.
  if (n >= 40 && n <= 600) refuse(message('reading.glucoseMgdl', { mmol: (n / MG_PER_DL_PER_MMOL).toFixed(1) }));
  else refuse(message('reading.glucoseRange', GLUCOSE));
  return null;
}

function choice<const T extends readonly string[]>(value: string | undefined, values: T, refuse: () => void): T[number] | null {
  if (!value) return null;
  if (!values.includes(value)) {
    refuse();
    return null;
  }
  return value as T[number];
}

function text(value: string | undefined, max: number, refuse: () => void): string | null {
  if (!value) return null;
  if (value.length > max) refuse();
  return value.slice(0, max);
}

/** Blood sugar in mmol/L for display, from tenths. */
export function glucoseMmol(tenths: number): string {
  return (tenths / 10).toFixed(1);
}

/**
 * How a blood pressure reads against the Chinese hypertension guideline (2018): 140/90 and above is high;
 * below 90/60 is low.
 */
export function bloodPressureLevel(systolic: number, diastolic: number): 'high' | 'low' | 'normal' {
  if (systolic >= 140 || diastolic >= 90) return 'high';
  if (systolic < 90 || diastolic < 60) return 'low';
  return 'normal';
}

export const completeFollowUpSchema = z.object({
  followUpId: z.coerce.number().int().positive(),
  note: optionalText(200),
});

/** A draft as the form's script sends it: text fields of the visit form, as many and as long as the form can hold. */
export const visitDraftSchema = z
  .object({ householdId: z.coerce.number().int().positive() })
  .catchall(z.string().max(2000, { error: message('validation.tooLong', { max: 2000 }) }))
  .refine((draft) => Object.keys(draft).length <= 400 && JSON.stringify(draft).length <= 64 * 1024, { error: message('visit.draftTooLarge') });
