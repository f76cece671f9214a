// Beijing time, the site's one clock: dates, wall-clock times, instants, and the weeks, months and quarters
// that visit obligations run by. Beijing keeps UTC+8 all year, so calendar arithmetic is done on UTC shifted
// by eight hours. Nothing else in the site writes the offset.
/** The zone's name, for formatting with Intl (in the browser too). */
export const TIME_ZONE = 'Asia/Shanghai';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const OFFSET_MS = 8 * HOUR_MS;

/** The Beijing calendar date of an instant, as 'YYYY-MM-DD'. */
export function beijingDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing wall-clock time ('HH:MM') of an instant. */
export function beijingTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(11, 16);
}

/** An instant as 'YYYY-MM-DD HH:MM' in Beijing: how downloads write a time, which spreadsheets read as one. */
export function beijingDateTime(ms: number): string {
  return `${beijingDate(ms)} ${beijingTime(ms)}`;
}

/** The instant of a Beijing date and wall-clock time ('HH:MM', or 'HH:MM:SS.sss'). */
export function beijingInstant(date: string, time: string): number {
  return Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

/** The first and the last millisecond of a Beijing date. */
export function beijingDayBounds(date: string): { start: number; end: number } {
  const start = beijingInstant(date, '00:00');
  return { start, end: start + DAY_MS - 1 };
}

/** The date `days` days after a 'YYYY-MM-DD' date (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The date `months` months after a 'YYYY-MM-DD' date, on the same day or the month's last (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}

/** The last day of a month ('2019-10' → '2019-10-31'). */
export function lastDayOfMonth(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

/** When the current week (from Monday), month or quarter began in Beijing, as an instant. */
export function periodStart(period: 'weekly' | 'monthly' | 'quarterly', now: number): number {
  const local = new Date(now + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  let start: number;
  if (period === 'weekly') {
    const midnight = Date.UTC(year, month, local.getUTCDate());
    start = midnight - ((local.getUTCDay() + 6) % 7) * DAY_MS;
  } else if (period === 'monthly') {
    start = Date.UTC(year, month, 1);
  } else {
    start = Date.UTC(year, month - (month % 3), 1);
  }
  return start - OFFSET_MS;
}
