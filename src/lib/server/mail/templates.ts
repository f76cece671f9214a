// The text of each mail, in the recipient's language. Links are absolute, built from SITE_URL.
import { type Locale, localePath, type MessageKey, translate } from '#src/i18n/index.ts';
import { config } from '../config.ts';

export function siteLink(locale: Locale, path: string): string {
  return `${config().SITE_URL}${localePath(locale, path)}`;
}

/** A mail body: greeting, the paragraphs, an optional "ignore this" note, and the signature. */
export function composeMail(locale: Locale, name: string, paragraphs: string[], ignoreNote = false): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  return [t('mail.greeting', { name }), '', ...paragraphs, '', ...(ignoreNote ? [t('mail.ignore'), ''] : []), t('mail.signature'), ''].join(
    '\n',
  );
}

export function verificationMail(locale: Locale, name: string, link: string, hours: number) {
  return {
    subject: translate(locale, 'mail.verifySubject'),
    body: composeMail(locale, name, [translate(locale, 'mail.verifyBody', { hours }), link], true),
  };
}

export function passwordResetMail(locale: Locale, name: string, link: string, hours: number) {
  return {
    subject: translate(locale, 'mail.resetSubject'),
    body: composeMail(locale, name, [translate(locale, 'mail.resetBody', { hours }), link], true),
  };
}

export function memberAddedMail(locale: Locale, name: string, institution: string, roleKey: MessageKey, link: string) {
  return {
    subject: translate(locale, 'mail.memberAddedSubject', { institution }),
    body: composeMail(locale, name, [translate(locale, 'mail.memberAddedBody', { institution, role: translate(locale, roleKey) }), link]),
  };
}
