// Field schemas shared by every form. Messages are dictionary keys (with parameters after "?"), so one
// schema validates the input and the page shows its message in the reader's language.
import { z } from 'zod';
import type { MessageKey, MessageParams } from '#src/i18n/index.ts';

/** A message with its parameters, as validation and domain errors carry it: "validation.tooLong?max=50". */
export type EncodedMessage = MessageKey | (string & { readonly encodedMessage: true });

/** The messages that take no parameters. */
export type PlainMessageKey = { [K in MessageKey]: keyof MessageParams<K> extends never ? K : never }[MessageKey];

/**
 * A message for a validation or domain error: a dictionary key, with a value for each of its placeholders,
 * which the type requires exactly.
 */
export function message<K extends MessageKey>(key: K, ...[params]: keyof MessageParams<K> extends never ? [] : [MessageParams<K>]): EncodedMessage {
  if (!params) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}` as EncodedMessage;
}

/** Full-width digits, letters and punctuation typed on a Chinese keyboard, turned into ASCII. */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const trimmed = z.string({ error: message('validation.required') }).transform((value) => value.trim());

/** A required single-line text of at most `max` characters. */
export function requiredText(max: number) {
  return trimmed.pipe(
    z
      .string()
      .min(1, { error: message('validation.required') })
      .max(max, { error: message('validation.tooLong', { max }) }),
  );
}

/** An optional single-line text: empty becomes null. (Astro passes a missing form field as null.) */
export function optionalText(max: number) {
  return z
    .string()
    .nullish()
    .transform((value) => (value ?? '').trim())
    .pipe(z.string().max(max, { error: message('validation.tooLong', { max }) }))
    .transform((value) => (value === '' ? null : value));
}

export const emailField = trimmed
  .transform((value) => toHalfWidth(value).toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { error: message('validation.required') })
      .max(254, { error: message('validation.tooLong', { max: 254 }) })
      .pipe(z.email({ error: message('validation.email') })),
  );

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** A new password; not trimmed, since spaces may be part of it. */
export const newPasswordField = z
  .string({ error: message('validation.required') })
  .min(1, { error: message('validation.required') })
  .min(PASSWORD_MIN, { error: message('validation.passwordShort') })
  .max(PASSWORD_MAX, { error: message('validation.passwordLong') });

/** A password being checked at login: only its presence and length are judged here. */
export const currentPasswordField = z
  .string({ error: message('validation.required') })
  .min(1, { error: message('validation.required') })
  .max(PASSWORD_MAX, { error: message('validation.passwordLong') });

// Mainland mobile numbers (1[3-9] + 9 digits) or landlines with an area code (0xx-xxxxxxx[x]).
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** An optional mainland phone number, normalised to ASCII digits without spaces. */
export const optionalPhoneField = z
  .string()
  .nullish()
  .transform((value) => toHalfWidth(value ?? '').replace(/[\s()（）]/g, '').replace(/^\+?86-?/, ''))
  .refine((value) => value === '' || PHONE.test(value), { error: message('validation.phone') })
  .transform((value) => (value === '' ? null : value));

/** One of a fixed list of values. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: message('validation.choice') });
}

// A field that carries several values (ticked boxes, a multiple select) is a plain z.array at the top of its
// form's object, maybe with a default: only then does Astro read every value of it (FormData.getAll).

/** An optional positive integer id from a select box: empty becomes null. */
export const optionalIdField = z.preprocess(
  (value) => (value === '' || value === null || value === undefined ? null : value),
  z.coerce.number({ error: message('validation.number') }).int({ error: message('validation.number') }).positive({ error: message('validation.number') }).nullable(),
);

/** The last page a list offers: past it, a page number is not a page but an attempt to make the database work. */
export const MAX_PAGE = 10_000;

/** A list's page number from its address: a whole number from 1 to MAX_PAGE, else the first page. */
export const pageNumberField = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);

/** A calendar date as date inputs send it: 'YYYY-MM-DD', and a real day. */
export const dateField = z
  .string({ error: message('validation.required') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: message('validation.date') })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: message('validation.date') });
