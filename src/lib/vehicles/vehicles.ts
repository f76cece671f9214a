// Vehicles and dispatches: plate numbers, the forms, and when two dispatches of one vehicle collide.
import { z } from 'zod';
import { VEHICLE_KINDS } from '#db/schema.ts';
import { timeField } from '../events/events.ts';
import { beijingInstant } from '../time/beijing.ts';
import { optionalCount } from '../places/places.ts';
import { overlaps } from '../signups/signups.ts';
import { choiceField, dateField, message, optionalText, requiredText, toHalfWidth } from '../validation/fields.ts';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
// Letters on plates leave out I and O (they read as 1 and 0).
const L = 'A-HJ-NP-Z';
// Ordinary plates: province, city letter, five letters or digits (the last may be 挂/学/警).
const ORDINARY = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警]$`);
// New-energy plates (green, eight characters): small cars D/A/B/C/E (electric) or F/G/H/J/K (hybrid) then
// a letter or digit and four digits; large vehicles five digits then the energy letter.
const NEW_ENERGY = new RegExp(`^[${PROVINCES}][${L}](?:[DABCEFGHJK][${L}0-9]\\d{4}|\\d{5}[DABCEFGHJK])$`);

/** A plate as typed (吉A·12345, 吉 ad 12345) in its stored form, upper case without spaces or dots. */
export function normalisePlate(typed: string): string {
  return toHalfWidth(typed).replace(/[\s·.．\-]/g, '').toUpperCase();
}

export function isValidPlate(plate: string): boolean {
  return ORDINARY.test(plate) || NEW_ENERGY.test(plate);
}

export const plateField = z
  .string({ error: message('validation.required') })
  .transform(normalisePlate)
  .pipe(z.string().min(1, { error: message('validation.required') }).refine(isValidPlate, { error: message('vehicle.plateFormat') }));

export const vehicleSchema = z.object({
  institutionId: z.coerce.number().int().positive(),
  plate: plateField,
  kind: choiceField(VEHICLE_KINDS),
  seats: optionalCount(1, 60),
});
export type VehicleInput = z.output<typeof vehicleSchema>;

/** Kilometres with at most one decimal, up to 2,000 km for one trip; stored in metres. */
const distanceField = z.preprocess(
  (v) => (typeof v === 'string' ? toHalfWidth(v).trim() || null : (v ?? null)),
  z
    .string()
    .regex(/^\d+(\.\d)?$/, { error: message('dispatch.distanceFormat') })
    .transform((km) => Math.round(Number(km) * 1000))
    .refine((m) => m <= 2_000_000, { error: message('dispatch.distanceFormat') })
    .nullable(),
);

export const dispatchSchema = z
  .object({
    vehicleId: z.coerce.number().int().positive(),
    eventId: z.coerce.number().int().positive(),
    driver: requiredText(30),
    crew: optionalText(200),
    outDate: dateField,
    outTime: timeField,
    backDate: dateField,
    backTime: timeField,
    distanceKm: distanceField,
    villageIds: z.array(z.coerce.number().int().positive()).default([]),
  })
  .transform(({ outDate, outTime, backDate, backTime, ...rest }) => ({ ...rest, outAt: beijingInstant(outDate, outTime), backAt: beijingInstant(backDate, backTime) }))
  .superRefine((value, ctx) => {
    if (value.backAt <= value.outAt) ctx.addIssue({ code: 'custom', path: ['backTime'], message: message('dispatch.backBeforeOut') });
  });
export type DispatchInput = z.output<typeof dispatchSchema>;

/** The first of a vehicle's other dispatches that overlaps this one in time, if any. */
export function clashingDispatch<T extends { outAt: number; backAt: number }>(existing: T[], trip: { outAt: number; backAt: number }): T | null {
  return existing.find((other) => overlaps({ startsAt: other.outAt, endsAt: other.backAt }, { startsAt: trip.outAt, endsAt: trip.backAt })) ?? null;
}
