import { describe, expect, it } from 'vitest';
import { clashingDispatch, dispatchSchema, isValidPlate, normalisePlate, plateField } from './vehicles.ts';

describe('plate numbers', () => {
  it('accepts ordinary and new-energy mainland plates, as typed', () => {
    for (const plate of ['吉A12345', '吉AD12345', '吉A12345D', '晋DF12345', '京A1234学', '沪A·12345', '鲁B 2E5T8']) {
      expect(plateField.safeParse(plate).success, plate).toBe(true);
    }
    expect(normalisePlate('吉 a·12345')).toBe('吉A12345');
    expect(plateField.parse('吉ad 12345')).toBe('吉AD12345');
  });

  it('refuses what no plate looks like', () => {
    for (const plate of ['吉12345', 'AA12345', '吉AI2345', '吉A1234', '吉A1234567', '吉AO12345', '吉AX12345X', '']) {
      expect(isValidPlate(normalisePlate(plate)), plate).toBe(false);
    }
    expect(plateField.safeParse('吉A1234').error?.issues[0].message).toBe('vehicle.plateFormat');
  });
});

describe('dispatches', () => {
  const trip = (out: string, back: string) => ({ outAt: Date.parse(`2019-10-17T${out}:00+08:00`), backAt: Date.parse(`2019-10-17T${back}:00+08:00`) });

  it('clash when they share any time; one back as the next leaves does not', () => {
    const existing = [trip('07:00', '12:00')];
    expect(clashingDispatch(existing, trip('11:00', '15:00'))).toBe(existing[0]);
    expect(clashingDispatch(existing, trip('12:00', '15:00'))).toBeNull();
  });

  it('read Beijing times and kilometres, and refuse a return before the departure', () => {
    const parsed = dispatchSchema.parse({ vehicleId: '1', eventId: '2', driver: '张师傅', outDate: '2019-10-17', outTime: '07:30', backDate: '2019-10-17', backTime: '16:00', distanceKm: '86.5', villageIds: ['3', '4'] });
    expect(parsed).toMatchObject({ outAt: Date.parse('2019-10-17T07:30:00+08:00'), distanceKm: 86_500, villageIds: [3, 4] });
    const backwards = dispatchSchema.safeParse({ vehicleId: '1', eventId: '2', driver: '张师傅', outDate: '2019-10-17', outTime: '16:00', backDate: '2019-10-17', backTime: '07:30', distanceKm: '1.25' });
    expect(backwards.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['distanceKm', 'dispatch.distanceFormat']]);
    const late = dispatchSchema.safeParse({ vehicleId: '1', eventId: '2', driver: '张师傅', outDate: '2019-10-17', outTime: '16:00', backDate: '2019-10-17', backTime: '07:30', distanceKm: '' });
    expect(late.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['backTime', 'dispatch.backBeforeOut']]);
  });
});
