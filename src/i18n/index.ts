// Translation and locale helpers. zh-CN is served at /, English under /en/.
import { LOCALES, type Locale } from '#db/schema.ts';
import { en } from './en.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';
import { beijingInstant, TIME_ZONE } from '../lib/time/beijing.ts';

export type { Locale, MessageKey };

/** The {placeholders} of a message text, as a union of their names. */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message takes: one value for each of its placeholders (the dictionaries' test keeps both languages alike). */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof zhCN)[K]>, string | number>;
export { LOCALES };

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(zhCN, value);
}

/** The message for a key in a language, with {placeholders} filled in. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A translator for sentences people read (mails, refusals beside a field): a parameter that is a calendar day
 * ('2030-10-10') is written as the language writes a date (2030年10月10日, 10 Oct 2030). File names and sheets keep
 * the ISO day and use `translate`.
 */
export function proseTranslator(locale: Locale) {
  return (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(locale, key, Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && CALENDAR_DAY.test(value) ? formatDate(locale, value) : value])));
}

/** A translator bound to one language, for use in pages: `t('auth.email')`. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The language of a URL path: English under /en, Chinese everywhere else. */
export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh-CN';
}

/** The path without its language prefix: "/en/login" → "/login". */
export function stripLocale(pathname: string): string {
  if (localeFromPath(pathname) !== 'en') return pathname || '/';
  const rest = pathname.slice(3);
  return rest === '' ? '/' : rest;
}

/** A site path in a language: localePath('en', '/login') → "/en/login". */
export function localePath(locale: Locale, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (locale === DEFAULT_LOCALE) return clean;
  return clean === '/' ? '/en/' : `/en${clean}`;
}

/** The lang attribute value for a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}

// One way to write dates and times in each language, in Beijing time whatever the server's zone:
// 2019年10月15日 07:30–13:00 and 15 Oct 2019, 07:30–13:00. Every page writes them through these functions.
// (Downloads keep ISO dates, which spreadsheets read; date inputs take ISO values.)
type DateStyle = 'date' | 'dateTime' | 'dayTime' | 'time';
const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  // Within the coming days, where the year goes without saying: 12月16日 07:00.
  dayTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};
// Building an Intl formatter is costly; one per language and style is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    // British English writes the day first (15 Oct 2019), as Chinese readers of the English pages expect.
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TIME_ZONE, ...DATE_STYLES[style] });
    formatters.set(key, format);
  }
  return format;
}

/** An instant in milliseconds, or a calendar day as YYYY-MM-DD (taken as that day in Beijing). */
type When = number | string;
const instant = (when: When) => (typeof when === 'number' ? when : Date.parse(`${when}T12:00:00+08:00`));

/** A day: 2019年10月15日 · 15 Oct 2019. */
export function formatDate(locale: Locale, when: When): string {
  return formatter(locale, 'date').format(instant(when));
}

/** A day and time: 2019年10月15日 07:30 · 15 Oct 2019, 07:30. */
export function formatDateTime(locale: Locale, ms: number): string {
  return formatter(locale, 'dateTime').format(ms);
}

/** A day and time without the year, for what is days away: 12月16日 07:00 · 16 Dec, 07:00. */
export function formatDayTime(locale: Locale, ms: number): string {
  return formatter(locale, 'dayTime').format(ms);
}

/** A time of day: 07:30. */
export function formatTime(locale: Locale, ms: number): string {
  return formatter(locale, 'time').format(ms);
}

/** A day's hours, as events and series keep them (a YYYY-MM-DD day, HH:MM times in Beijing): 2019年10月15日 07:30–13:00. */
export function formatDayHours(locale: Locale, { date, startTime, endTime }: { date: string; startTime: string; endTime: string }): string {
  return formatTimeRange(locale, beijingInstant(date, startTime), beijingInstant(date, endTime));
}

/** From one instant to another, the day written once when both fall on it: 2019年10月15日 07:30–13:00. */
export function formatTimeRange(locale: Locale, startMs: number, endMs: number): string {
  const sameDay = formatDate(locale, startMs) === formatDate(locale, endMs);
  return `${formatDateTime(locale, startMs)}–${sameDay ? formatTime(locale, endMs) : formatDateTime(locale, endMs)}`;
}

// Made once per language: making a number format costs far more than using it, and a tally page writes thousands.
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A number as the reader's language writes it (1,234.5), to at most two decimals. */
export function formatNumber(locale: Locale, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 })));
  return format.format(n);
}
