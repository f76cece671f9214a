// Translation and locale helpers. zh-CN is served at /, English under /en/.
import { LOCALES, type Locale } from '#db/schema.ts';
import { en } from './en.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';
import { TIME_ZONE } from '../lib/time/beijing.ts';

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

// Building an Intl formatter is costly; one per language and style is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** A date and time as people in China read it, in Beijing time whatever the server's zone. */
export function formatDateTime(locale: Locale, ms: number): string {
  return formatter(locale, true).format(ms);
}

export function formatDate(locale: Locale, ms: number): string {
  return formatter(locale, false).format(ms);
}

// Made once per language: making a number format costs far more than using it, and a tally page writes thousands.
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A number as the reader's language writes it (1,234.5), to at most two decimals. */
export function formatNumber(locale: Locale, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 })));
  return format.format(n);
}
