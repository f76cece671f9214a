// The audit log screen: its filters (kept in the address, so a view can be bookmarked or sent to an
// inspector), and the kinds of record it names.
import { z } from 'zod';
import { dateField, MAX_PAGE, message, optionalIdField, optionalText } from '../validation/fields.ts';

/** The kinds of record the log names, as written in audit_log.entity. */
export const RECORD_KINDS = [
  'event',
  'role',
  'shift',
  'signup',
  'household',
  'household_member',
  'visit',
  'village',
  'staff',
  'institution',
  'membership',
  'user',
  'pairing',
  'pairing_request',
  'campaign',
  'item',
  'stock_entry',
  'purchase',
  'donation',
  'dispatch',
  'vehicle',
  'follow_up',
  'api_token',
  'tally_snapshot',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Entries a page shows. */
export const AUDIT_PAGE_SIZE = 50;

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const auditFilterSchema = z
  .object({
    who: optionalText(50),
    institution: optionalIdField,
    kind: z.preprocess(blankToUndefined, z.enum(RECORD_KINDS, { error: message('validation.choice') }).optional()),
    action: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_]{2,30}$/, { error: message('validation.choice') }).optional()),
    from: z.preprocess(blankToUndefined, dateField.optional()),
    to: z.preprocess(blankToUndefined, dateField.optional()),
    q: optionalText(50),
    page: z.preprocess(blankToUndefined, z.coerce.number({ error: message('validation.number') }).int().min(1).max(MAX_PAGE).default(1)),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: message('tally.toBeforeFrom') });
  });

export type AuditFilters = z.output<typeof auditFilterSchema>;

/** The page of a record in the log, when it has one of its own. */
export function recordPath(kind: string, id: string | null): string | null {
  if (id === null || !/^\d+$/.test(id)) return null;
  const paths: Partial<Record<string, string>> = {
    event: `/events/${id}`,
    household: `/households/${id}`,
    visit: `/visits/${id}`,
    village: `/villages/${id}`,
    staff: `/staff/${id}/edit`,
    institution: `/institutions/${id}`,
    campaign: `/campaigns/${id}`,
    item: `/items/${id}`,
    vehicle: `/vehicles/${id}/edit`,
    pairing: `/pairings/${id}/edit`,
    purchase: `/purchases/${id}/edit`,
    tally_snapshot: `/tallies/snapshots/${id}`,
  };
  return paths[kind] ?? null;
}
