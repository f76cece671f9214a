// Campaigns: the form and its rules, and how a campaign's events are laid out on its timeline.
import { z } from 'zod';
import { dateField, message, optionalText, requiredText } from '../validation/fields.ts';

export const campaignSchema = z
  .object({
    organiserId: z.coerce.number().int().positive(),
    name: requiredText(80),
    startDate: dateField,
    endDate: dateField,
    description: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: message('pairing.endBeforeStart') });
  });

export type CampaignInput = z.output<typeof campaignSchema>;

/** Institution ids ticked on the invitation form. A plain array, so that every ticked box is read (getAll). */
/** The institutions ticked on an invitation (to a campaign, or to run an event jointly): at least one. */
export const invitedInstitutionsField = z.array(z.coerce.number().int().positive(), { error: message('campaign.pickInstitutions') }).min(1, { error: message('campaign.pickInstitutions') });

export const invitationSchema = z.object({
  campaignId: z.coerce.number().int().positive(),
  institutionIds: invitedInstitutionsField,
});

/** Events grouped by their (Beijing) date, in date order, each day's events by start time. */
export function timeline<T extends { date: string; startTime: string }>(events: T[]): { date: string; events: T[] }[] {
  const days = new Map<string, T[]>();
  for (const event of [...events].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime))) {
    const day = days.get(event.date) ?? [];
    day.push(event);
    days.set(event.date, day);
  }
  return [...days].map(([date, dayEvents]) => ({ date, events: dayEvents }));
}

/** Whether a date falls inside the campaign's range (both ends included). */
export function withinCampaign(campaign: { startDate: string; endDate: string }, date: string): boolean {
  return date >= campaign.startDate && date <= campaign.endDate;
}
