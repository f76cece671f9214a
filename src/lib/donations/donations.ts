// Money and goods given: cash support to persons and families (慰问金), support funds to a village collective
// (帮扶资金) and donated goods (捐赠物资). The form and its rules.
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
    // A person or a group is placed in their village, so that a tally of an area keeps what they were given.
    if (value.recipientKind !== 'household' && value.villageId === null) need('villageId', 'donation.villageRequired');
    if ((value.recipientKind === 'person' || value.recipientKind === 'group') && value.recipientName === null) need('recipientName', 'donation.recipientRequired');
  });
export type DonationInput = z.output<typeof donationSchema>;

/** Cash to these recipients is support funds (帮扶资金) for the collective; to anyone else, cash support (慰问金). */
export const SUPPORT_FUND_RECIPIENTS = ['village'] as const satisfies readonly (typeof RECIPIENT_KINDS)[number][];

/** What a donation is called in the reports: 慰问金, 帮扶资金 or 捐赠物资. */
export function donationHeading(donation: { kind: (typeof DONATION_KINDS)[number]; recipientKind: (typeof RECIPIENT_KINDS)[number] }): 'cash_support' | 'support_funds' | 'goods' {
  if (donation.kind === 'in_kind') return 'goods';
  return (SUPPORT_FUND_RECIPIENTS as readonly string[]).includes(donation.recipientKind) ? 'support_funds' : 'cash_support';
}
