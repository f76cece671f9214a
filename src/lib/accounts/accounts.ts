// Accounts: the forms for signing up, logging in and resetting a password, and their rules.
import { z } from 'zod';
import { LOCALES } from '#db/schema.ts';
import { currentPasswordField, emailField, message, newPasswordField, optionalText, requiredText, toHalfWidth } from '../validation/fields.ts';

export const VERIFY_EMAIL_HOURS = 48;
export const RESET_PASSWORD_HOURS = 2;

const matchingPasswords = <T extends { password: string; passwordConfirm: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: message('validation.passwordMismatch') });
  }
};

export const signUpSchema = z
  .object({
    name: requiredText(50),
    email: emailField,
    password: newPasswordField,
    passwordConfirm: z.string({ error: message('validation.required') }),
    locale: z.enum(LOCALES).default('zh-CN'),
  })
  .superRefine(matchingPasswords);

export const loginSchema = z.object({
  email: emailField,
  password: currentPasswordField,
  next: z.string().max(2000).optional(),
});

export const emailOnlySchema = z.object({
  email: emailField,
  locale: z.enum(LOCALES).default('zh-CN'),
});

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: newPasswordField,
    passwordConfirm: z.string({ error: message('validation.required') }),
  })
  .superRefine(matchingPasswords);

/** 医师执业证书编码: 15 digits (spaces and full-width digits typed on a Chinese keyboard are accepted); empty for none. */
export const doctorLicenceField = optionalText(40)
  .transform((value) => (value === null ? null : toHalfWidth(value).replace(/\s+/g, '')))
  .pipe(z.string().regex(/^\d{15}$/, { error: message('account.doctorLicenceFormat') }).nullable());

export const profileSchema = z.object({
  name: requiredText(50),
  locale: z.enum(LOCALES, { error: message('validation.choice') }),
  doctorLicence: doctorLicenceField,
});

/** Where to go after logging in: only a path on this site, never another host. */
export function safeNextPath(next: string | undefined | null, fallback: string): string {
  // Browsers drop tabs and newlines from an address ("/\t/evil.example" becomes "//evil.example") and read "\"
  // as "/": so a path is taken only when it starts with one "/" and holds no space, control character or "\".
  if (!next || !/^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(next)) return fallback;
  const base = 'http://site.invalid';
  const url = new URL(next, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
