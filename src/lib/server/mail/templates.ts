// The text of each mail, in the recipient's language. Links are absolute, built from SITE_URL.
import { type Locale, localePath, type MessageKey, proseTranslator, translate } from '#src/i18n/index.ts';
import { config } from '../config.ts';

export function siteLink(locale: Locale, path: string): string {
  return `${config().SITE_URL}${localePath(locale, path)}`;
}

/** A mail body: greeting, the paragraphs, an optional "ignore this" note, and the signature. */
export function composeMail(locale: Locale, name: string, paragraphs: string[], ignoreNote = false): string {
  const t = proseTranslator(locale);
  return [t('mail.greeting', { name }), '', ...paragraphs, '', ...(ignoreNote ? [t('mail.ignore'), ''] : []), t('mail.signature'), ''].join(
    '\n',
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The HTML part sent beside a mail's text, made from the text: each block of lines a paragraph, each link a link
 * (a mail client that shows HTML only still gets something to tap), nothing else added.
 */
export function mailHtml(locale: Locale, text: string): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split('\n').map((line) => escapeHtml(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)).join('<br>')}</p>`);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head><body style="font-family: system-ui, sans-serif; line-height: 1.6">${paragraphs.join('')}</body></html>`;
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
