// Turns validation and domain messages ("validation.tooLong?max=50") into text in the reader's language.
import { isMessageKey, type Locale, proseTranslator, translate } from '#src/i18n/index.ts';

export function messageText(locale: Locale, raw: string): string {
  const [key, query] = raw.split('?', 2);
  if (!isMessageKey(key)) return translate(locale, 'validation.invalid');
  const params = Object.fromEntries(new URLSearchParams(query ?? ''));
  return proseTranslator(locale)(key, params);
}
