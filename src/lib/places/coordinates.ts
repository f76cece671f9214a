// Coordinates: stored in WGS-84; Amap/Tencent give GCJ-02 and Baidu BD-09, converted with gcoord.
import gcoord from 'gcoord';
import type { CoordinateSystem } from '#db/schema.ts';

export interface LatLng {
  lat: number;
  lng: number;
}

const SYSTEMS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/** Converts a point between systems (gcoord works in [lng, lat]). Rounded to 7 decimals (about 1 cm). */
export function convertPoint(point: LatLng, from: CoordinateSystem, to: CoordinateSystem): LatLng {
  if (from === to) return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], SYSTEMS[from], SYSTEMS[to]) as [number, number];
  return { lat: round7(lat), lng: round7(lng) };
}

export function toWgs84(point: LatLng, from: CoordinateSystem): LatLng {
  return convertPoint(point, from, 'WGS84');
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
