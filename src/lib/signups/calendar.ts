// The calendar invitation (.ics) sent with a confirmed place, so the shift lands in the person's calendar.
import ical, { ICalCalendarMethod } from 'ical-generator';

export interface ShiftInvitation {
  uid: string;
  title: string;
  startsAt: number;
  endsAt: number;
  location: string | null;
  description: string;
  url: string;
}

export function shiftCalendar(invitation: ShiftInvitation): string {
  const calendar = ical({ prodId: { company: 'Yizhen', product: 'yizhen', language: 'ZH' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: invitation.uid,
    start: new Date(invitation.startsAt),
    end: new Date(invitation.endsAt),
    summary: invitation.title,
    location: invitation.location ?? undefined,
    description: invitation.description,
    url: invitation.url,
  });
  return calendar.toString();
}
