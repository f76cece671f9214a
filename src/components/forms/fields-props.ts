// What a form's fields component takes, wherever the same fields serve for adding a record and for correcting it.
import type { Locale } from '#src/i18n/index.ts';
import type { FormState } from '#src/lib/server/page.ts';

export interface FieldsProps {
  locale: Locale;
  /** The form's state: its errors beside each field. */
  form: FormState;
  /** What the fields show: the record as it stands, or what was typed into a refused form. */
  values: Record<string, string | number | null | undefined>;
}
