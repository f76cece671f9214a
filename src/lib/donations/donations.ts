// Cash support (慰问金) and donations in kind: the form and its rules.
import { z } from 'zod';
import { DONATION_KINDS, RECIPIENT_KINDS } from '#db/schema.ts';
import { optionalCount } from '../places/places.ts';
import { moneyField } from '../units/quantities.ts';
import { choiceField, dateField, message, optionalIdField, optionalText, type PlainMessageKey } from '../validation/fields.ts';

export const donationSchema = z
  .object({
    institutionId: z.coerce.number().int().positive(),
    kind: choiceField(DONATION_KINDS),
    eventId: optionalIdField,
    date: dateField,
    amount: moneyField,
    description: optionalText(100),
    recipientKind: choiceField(RECIPIENT_KINDS),
    householdId: optionalIdField,
    villageId: optionalIdField,
    recipientName: optionalText(60),
    groupSize: optionalCount(1, 10_000),
    purpose: optionalText(200),
    approvedBy: optionalText(30),
  })
  .superRefine((value, ctx) => {
    const need = (field: string, key: PlainMessageKey) => ctx.addIssue({ code: 'custom', path: [field], message: message(key) });
    if (value.amount === 0) need('amount', 'donation.amountPositive');
    if (value.kind === 'cash' && value.approvedBy === null) need('approvedBy', 'donation.approverRequired');
    if (value.kind === 'in_kind' && value.description === null) need('description', 'donation.descriptionRequired');
    if (value.recipientKind === 'household' && value.householdId === null) need('householdId', 'donation.householdRequired');
    if (value.recipientKind === 'village' && value.villageId === null) need('villageId', 'donation.villageRequired');
    if ((value.recipientKind === 'person' || value.recipientKind === 'group') && value.recipientName === null) need('recipientName', 'donation.recipientRequired');
  });
export type DonationInput = z.output<typeof donationSchema>;
