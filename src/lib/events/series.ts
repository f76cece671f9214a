// Recurring series (定期巡诊): the form and the rule that turns it into dates. Qinyuan's county hospital goes to
// each township it is paired with at least once a month; its township centres visit each village every week.
import { z } from 'zod';
import { EVENT_KINDS, SERIES_FREQUENCIES, type SeriesFrequency } from '#db/schema.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, requiredText } from '../validation/fields.ts';
import { DAY_MS } from '../time/beijing.ts';
import { timeField } from './events.ts';

/** The longest a series runs: a year of dates, reviewed and then extended by changing its last day. */
export const SERIES_MAX_DAYS = 366;
/** `weekOfMonth` for the last such weekday of the month. */
export const LAST_WEEK = 5;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday of a day number (1 = Monday … 7 = Sunday); day 0, 1970-01-01, was a Thursday. */
const weekdayOf = (day: number) => ((day + 3) % 7 + 7) % 7 + 1;

export interface SeriesRule {
  frequency: SeriesFrequency;
  weekday: number;
  weekOfMonth: number | null;
  startDate: string;
  endDate: string;
}

/**
 * The dates a rule gives from `from` (inclusive) to its last day: every such weekday, or in each month the
 * first…fourth or the last such weekday.
 */
export function seriesDates(rule: SeriesRule, from = rule.startDate): string[] {
  const first = Math.max(dayNumber(rule.startDate), dayNumber(from));
  const last = dayNumber(rule.endDate);
  const dates: string[] = [];
  if (rule.frequency === 'weekly') {
    for (let day = first + ((rule.weekday - weekdayOf(first) + 7) % 7); day <= last; day += 7) dates.push(dateOf(day));
    return dates;
  }
  const start = new Date(first * DAY_MS);
  for (let year = start.getUTCFullYear(), month = start.getUTCMonth(); ; month += 1) {
    const monthStart = Date.UTC(year, month, 1) / DAY_MS;
    if (monthStart > last) break;
    const firstOfWeekday = monthStart + ((rule.weekday - weekdayOf(monthStart) + 7) % 7);
    const daysInMonth = (Date.UTC(year, month + 1, 1) / DAY_MS) - monthStart;
    let day = firstOfWeekday + 7 * ((rule.weekOfMonth ?? 1) - 1);
    if (rule.weekOfMonth === LAST_WEEK) day = firstOfWeekday + 7 * Math.floor((monthStart + daysInMonth - 1 - firstOfWeekday) / 7);
    if (day < monthStart + daysInMonth && day >= first && day <= last) dates.push(dateOf(day));
  }
  return dates;
}

const optionalWeekOfMonth = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().min(1).max(LAST_WEEK).nullable());

const seriesFields = {
  organiserId: z.coerce.number().int().positive(),
  kind: choiceField(EVENT_KINDS),
  title: requiredText(80),
  frequency: choiceField(SERIES_FREQUENCIES),
  weekday: z.coerce.number({ error: message('validation.choice') }).int().min(1, { error: message('validation.choice') }).max(7, { error: message('validation.choice') }),
  weekOfMonth: optionalWeekOfMonth,
  startDate: dateField,
  endDate: dateField,
  startTime: timeField,
  endTime: timeField,
  villageId: optionalIdField,
  address: optionalText(200),
  countyId: optionalIdField,
};

type SeriesFields = z.output<z.ZodObject<typeof seriesFields>>;

function checkSeries(value: SeriesFields, ctx: z.RefinementCtx) {
  if (value.endTime <= value.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: message('event.endBeforeStart') });
  if (value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: message('series.endBeforeStart') });
  else if (dayNumber(value.endDate) - dayNumber(value.startDate) > SERIES_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: message('series.tooLong') });
  if (value.frequency === 'monthly' && value.weekOfMonth === null) ctx.addIssue({ code: 'custom', path: ['weekOfMonth'], message: message('validation.required') });
  const places = [value.villageId, value.address, value.countyId].filter((place) => place !== null).length;
  if (places !== 1) ctx.addIssue({ code: 'custom', path: ['address'], message: message('series.onePlace') });
}

// A weekly series has no week of the month, whatever the form sent.
const withoutWeekOfMonth = <T extends SeriesFields>(value: T): T => ({ ...value, weekOfMonth: value.frequency === 'weekly' ? null : value.weekOfMonth });

export const seriesSchema = z.object(seriesFields).superRefine(checkSeries).transform(withoutWeekOfMonth);
export type SeriesInput = z.output<typeof seriesSchema>;

/** The same form, changing the rule of a series that exists. */
export const seriesUpdateSchema = z.object({ seriesId: z.coerce.number().int().positive(), ...seriesFields }).superRefine(checkSeries).transform(withoutWeekOfMonth);
