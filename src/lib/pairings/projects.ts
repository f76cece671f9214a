// Projects a pairing carries, with the funds committed and paid: the forms.
import { z } from 'zod';
import { moneyField } from '../units/quantities.ts';
import { dateField, message, optionalText, requiredText } from '../validation/fields.ts';

const id = z.coerce.number().int().positive();

export const projectSchema = z.object({ pairingId: id, name: requiredText(60), committed: moneyField, committedOn: dateField });
export type ProjectInput = z.output<typeof projectSchema>;

export const projectPaymentSchema = z
  .object({ projectId: id, paidOn: dateField, amount: moneyField, note: optionalText(100) })
  .refine((value) => value.amount > 0, { path: ['amount'], error: message('project.amountPositive') });
export type ProjectPaymentInput = z.output<typeof projectPaymentSchema>;
