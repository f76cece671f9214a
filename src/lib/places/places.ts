// Places: villages under the area tree, with their locations. The forms and their rules.
import { z } from 'zod';
import { COORDINATE_SYSTEMS, VILLAGE_STATUSES } from '#db/schema.ts';
import { choiceField, message, optionalPhoneField, optionalText, requiredText, toHalfWidth } from '../validation/fields.ts';
import { toWgs84 } from './coordinates.ts';
import { listChoiceField, listIdField, listPageField, listSearchField } from '../lists/list-query.ts';

const blankToNull = (value: unknown) => (value === '' || value === null || value === undefined ? null : typeof value === 'string' ? toHalfWidth(value).trim() : value);

/** An optional whole number within bounds; empty becomes null. */
export function optionalCount(min: number, max: number) {
  return z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: message('validation.number') })
      .int({ error: message('validation.wholeNumber') })
      .min(min, { error: message('validation.between', { min, max }) })
      .max(max, { error: message('validation.between', { min, max }) })
      .nullable(),
  );
}

const optionalDegrees = (min: number, max: number) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: message('validation.number') })
      .min(min, { error: message('place.outsideChina') })
      .max(max, { error: message('place.outsideChina') })
      .nullable(),
  );

/** Latitude, longitude and the system they were given in; both or neither. China lies within these bounds. */
export const locationFields = {
  lat: optionalDegrees(3, 54),
  lng: optionalDegrees(73, 136),
  enteredIn: z.preprocess((value) => (value === '' || value === null || value === undefined ? 'WGS84' : value), choiceField(COORDINATE_SYSTEMS)),
};

export function checkLocationPair(value: { lat: number | null; lng: number | null }, ctx: z.RefinementCtx) {
  if ((value.lat === null) !== (value.lng === null)) {
    ctx.addIssue({ code: 'custom', path: [value.lat === null ? 'lat' : 'lng'], message: message('place.bothCoordinates') });
  }
}

/** The stored location: converted to WGS-84, remembering the system it was entered in. */
export function storedLocation(value: { lat: number | null; lng: number | null; enteredIn: (typeof COORDINATE_SYSTEMS)[number] }) {
  if (value.lat === null || value.lng === null) return { lat: null, lng: null, enteredIn: null };
  return { ...toWgs84({ lat: value.lat, lng: value.lng }, value.enteredIn), enteredIn: value.enteredIn };
}

export const areaPathFields = {
  province: requiredText(30),
  city: requiredText(30),
  county: requiredText(30),
  township: requiredText(30),
};

/** A yes/no box or cell: checked, 是, 1, yes or true. */
export const yesNoField = z.preprocess(
  (value) => (typeof value === 'string' ? ['on', '是', '1', 'yes', 'true', 'y'].includes(value.trim().toLowerCase()) : value === true),
  z.boolean(),
);

const villageFields = {
  ...areaPathFields,
  // 国家级贫困县: a fact about the county, recorded with its village.
  povertyCounty: yesNoField,
  name: requiredText(30),
  status: z.preprocess((value) => value || 'poverty_village', choiceField(VILLAGE_STATUSES)),
  liftedYear: optionalCount(2013, 2035),
  population: optionalCount(0, 100_000),
  poorHouseholds: optionalCount(0, 10_000),
  doctorName: optionalText(20),
  doctorPhone: optionalPhoneField,
  secretaryName: optionalText(20),
  secretaryPhone: optionalPhoneField,
  ...locationFields,
};

export const villageSchema = z.object(villageFields).superRefine(checkLocationPair);
export type VillageInput = z.output<typeof villageSchema>;

/** The same form, correcting a village that exists. */
export const villageUpdateSchema = z.object({ villageId: z.coerce.number().int().positive(), ...villageFields }).superRefine(checkLocationPair);

/** The villages list's query, from its address: words in the village's or township's name, county, status, page. */
export const villageListSchema = z.object({
  q: listSearchField,
  county: listIdField,
  status: listChoiceField(VILLAGE_STATUSES),
  page: listPageField,
});
export type VillageListQuery = z.output<typeof villageListSchema>;
