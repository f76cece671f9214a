// Pairings (包保 / 结对帮扶 / 包联): the form, and when a pairing is overdue for a visit.
import { z } from 'zod';
import { PAIRING_TARGETS, type PairingTarget, VISIT_OBLIGATIONS, type VisitObligation } from '#db/schema.ts';
import { choiceField, dateField, message, optionalIdField, optionalText } from '../validation/fields.ts';
import { beijingDate, periodStart } from '../time/beijing.ts';


export interface PairingTiming {
  startDate: string;
  endDate: string | null;
  obligation: VisitObligation;
  lastVisitedAt: number | null;
  /** Set when the pairing was ended by hand: it opens nothing from that instant. */
  endedAt: number | null;
}

/** Whether a pairing is in force on the Beijing date of `now`, and has not been ended by hand. */
export function isActive(pairing: Pick<PairingTiming, 'startDate' | 'endDate' | 'endedAt'>, now: number): boolean {
  const today = beijingDate(now);
  return pairing.endedAt === null && pairing.startDate <= today && (pairing.endDate === null || today <= pairing.endDate);
}

/** Overdue: in force, with a visit obligation, and no visit yet in the current period. */
export function isOverdue(pairing: PairingTiming, now: number): boolean {
  if (pairing.obligation === 'none' || !isActive(pairing, now)) return false;
  return pairing.lastVisitedAt === null || pairing.lastVisitedAt < periodStart(pairing.obligation, now);
}

const optionalDate = z.preprocess((value) => (value === '' || value === null ? undefined : value), dateField.optional());

/** What a pairing is with, from one select box: "village:12", "township:3", "household:40", "county:2". */
const targetRef = z
  .string({ error: message('validation.required') })
  .min(1, { error: message('validation.required'), abort: true })
  .regex(new RegExp(`^(${PAIRING_TARGETS.join('|')}):[1-9]\\d*$`), { error: message('validation.choice') })
  .transform((value) => {
    const [target, id] = value.split(':');
    return { target: target as PairingTarget, targetId: Number(id) };
  });

const pairingFields = {
  institutionId: z.coerce.number().int().positive(),
  targetRef,
  startDate: dateField,
  endDate: optionalDate,
  responsibleName: optionalText(40),
  obligation: choiceField(VISIT_OBLIGATIONS),
};

const endNotBeforeStart = (value: { startDate: string; endDate?: string }, ctx: z.RefinementCtx) => {
  if (value.endDate && value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: message('pairing.endBeforeStart') });
};

/** The target as its kind and id, instead of the select box's one value. */
const withTarget = <T extends { targetRef: { target: PairingTarget; targetId: number } }>({ targetRef: ref, ...rest }: T) => ({ ...rest, ...ref });

/** A pairing made by an administrator; a date last visited may be carried over from the paper records. */
export const pairingSchema = z.object({ ...pairingFields, lastVisitedOn: optionalDate }).superRefine(endNotBeforeStart).transform(withTarget);
export type PairingInput = z.output<typeof pairingSchema>;

/** A pairing an institution's coordinators ask for, with why. */
export const pairingRequestSchema = z.object({ ...pairingFields, note: optionalText(300) }).superRefine(endNotBeforeStart).transform(withTarget);
export type PairingRequestInput = z.output<typeof pairingRequestSchema>;

/** Correcting a pairing: who is responsible, how often it is visited, and when it ends (empty: open-ended). */
export const pairingUpdateSchema = z.object({
  pairingId: z.coerce.number().int().positive(),
  // A staff record of the institution (its name becomes the responsible name), or a name alone.
  responsibleStaffId: optionalIdField,
  responsibleName: optionalText(40),
  obligation: choiceField(VISIT_OBLIGATIONS),
  endDate: z.preprocess((value) => (value === '' || value === null || value === undefined ? null : value), dateField.nullable()),
});

export type PairingUpdateInput = Omit<z.output<typeof pairingUpdateSchema>, 'pairingId'>;
