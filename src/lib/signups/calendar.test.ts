import { describe, expect, it } from 'vitest';
import { shiftCalendar } from './calendar.ts';

describe('calendar invitation', () => {
  it('is a valid iCalendar event in UTC with the shift’s details', () => {
    const ics = shiftCalendar({
      uid: 'signup-42@yizhen',
      title: '全国扶贫日义诊 · 护士',
      // 2019-10-17 09:00–12:00 in Beijing
      startsAt: Date.parse('2019-10-17T09:00:00+08:00'),
      endsAt: Date.parse('2019-10-17T12:00:00+08:00'),
      location: '绿园区合心镇卫生院',
      description: '请提前 15 分钟到达。',
      url: 'http://localhost:4321/events/7',
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('\r\nBEGIN:VEVENT\r\n');
    expect(ics).toContain('UID:signup-42@yizhen');
    expect(ics).toContain('DTSTART:20191017T010000Z');
    expect(ics).toContain('DTEND:20191017T040000Z');
    expect(ics).toContain('SUMMARY:全国扶贫日义诊 · 护士');
    expect(ics).toContain('LOCATION:绿园区合心镇卫生院');
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    // Lines are folded at 75 octets, as the standard requires.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
