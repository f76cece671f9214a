// Import rules that need no database: the size limit and the upload form.
import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_MODES } from '#db/schema.ts';
import { choiceField, message, optionalIdField } from '../validation/fields.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const stageImportSchema = z.object({
  kind: choiceField(IMPORT_KINDS),
  // For a staff list: the institution it belongs to.
  institutionId: optionalIdField,
  file: z
    .instanceof(File, { error: message('import.noFile') })
    .refine((file) => file.size > 0, { error: message('import.noFile') })
    .refine((file) => file.size <= MAX_IMPORT_BYTES, { error: message('import.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }) }),
});

const COLUMN_FIELDS = [...new Set(Object.values(IMPORT_COLUMNS).flatMap((columns) => columns.map((c) => c.field)))];

/** The apply/preview form: the mode and, for each field, the column chosen for it ("col_<field>"). */
export const runImportSchema = z.object({
  importId: z.coerce.number().int().positive(),
  mode: choiceField(IMPORT_MODES),
  ...Object.fromEntries(COLUMN_FIELDS.map((field) => [`col_${field}`, z.string().max(4).optional()])),
});

/** Reads the column choices ("col_name" = "3") out of the submitted form. */
export function mappingFromForm(form: Record<string, unknown>): Record<string, number> {
  const mapping: Record<string, number> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('col_') && typeof value === 'string' && /^-?\d+$/.test(value)) mapping[key.slice(4)] = Number(value);
  }
  return mapping;
}
