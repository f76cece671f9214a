// The calendar file (.ics) sent with a place, so the shift lands in the person's calendar. Each place keeps
// one UID for good; a change (another time, day or place) is sent again with a higher SEQUENCE, and a
// cancelled place or event as METHOD:CANCEL, so that calendars update or remove the entry instead of adding one.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface PlaceInCalendar {
  uid: string;
  /** Raised each time the entry is sent again with changes (RFC 5545 SEQUENCE). */
  sequence: number;
  title: string;
  startsAt: number;
  endsAt: number;
  location: string | null;
  description: string;
  url: string;
}

export function placesCalendar(places: PlaceInCalendar[], method: 'publish' | 'cancel' = 'publish'): string {
  const calendar = ical({
    prodId: { company: 'Yizhen', product: 'yizhen', language: 'ZH' },
    method: method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  for (const place of places) {
    calendar.createEvent({
      id: place.uid,
      sequence: place.sequence,
      start: new Date(place.startsAt),
      end: new Date(place.endsAt),
      summary: place.title,
      location: place.location ?? undefined,
      description: place.description,
      url: place.url,
      status: method === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // Every content line ends with CRLF, the last one too (RFC 5545 3.1).
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** The mail attachment carrying `places`. */
export function calendarAttachment(places: PlaceInCalendar[], method: 'publish' | 'cancel' = 'publish') {
  return {
    filename: method === 'cancel' ? 'yizhen-cancel.ics' : 'yizhen.ics',
    contentType: `text/calendar; charset=utf-8; method=${method === 'cancel' ? 'CANCEL' : 'PUBLISH'}`,
    content: placesCalendar(places, method),
  };
}
