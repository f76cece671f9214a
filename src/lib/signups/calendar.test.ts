import { describe, expect, it } from 'vitest';
import { placesCalendar } from './calendar.ts';

const place = {
  uid: 'signup-42@yizhen',
  sequence: 0,
  title: '全国扶贫日义诊 · 护士',
  // 2019-10-17 09:00–12:00 in Beijing
  startsAt: Date.parse('2019-10-17T09:00:00+08:00'),
  endsAt: Date.parse('2019-10-17T12:00:00+08:00'),
  location: '绿园区合心镇卫生院',
  description: '请提前 15 分钟到达。',
  url: 'http://localhost:4321/events/7',
};

describe('calendar file', () => {
  it('is a valid iCalendar event in UTC with the shift’s details, every line ended by CRLF', () => {
    const ics = placesCalendar([place]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('\r\nMETHOD:PUBLISH\r\n');
    expect(ics).toContain('\r\nBEGIN:VEVENT\r\n');
    expect(ics).toContain('UID:signup-42@yizhen');
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART:20191017T010000Z');
    expect(ics).toContain('DTEND:20191017T040000Z');
    expect(ics).toContain('SUMMARY:全国扶贫日义诊 · 护士');
    expect(ics).toContain('LOCATION:绿园区合心镇卫生院');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Lines are folded at 75 octets, as the standard requires.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('sends a change with the same UID and a higher SEQUENCE, and a cancellation as METHOD:CANCEL', () => {
    const moved = placesCalendar([{ ...place, sequence: 1, startsAt: place.startsAt + 86_400_000, endsAt: place.endsAt + 86_400_000 }]);
    expect(moved).toContain('UID:signup-42@yizhen');
    expect(moved).toContain('SEQUENCE:1');
    expect(moved).toContain('DTSTART:20191018T010000Z');
    const cancelled = placesCalendar([{ ...place, sequence: 2 }], 'cancel');
    expect(cancelled).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
  });
});
