// What the map's page and its worker (map-worker.ts) say to each other.

/** A point's properties, as the feeds give them (map.ts). */
export interface PointProperties {
  kind: 'village' | 'household' | 'event';
  id: number;
  name: string;
  place: string;
  countyId?: number;
  state: string;
  institutions: number[];
  poorHouseholds?: number | null;
  population?: number | null;
  peopleSeen?: number | null;
}

export interface MapFilters {
  county: number | null;
  institution: number | null;
  state: string;
  kind: string;
}

export type MapAsk =
  /** The feed's bytes (GeoJSON), or null when it could not be had. */
  | { type: 'load'; feed: ArrayBuffer | null }
  | { type: 'filter'; filters: MapFilters }
  | { type: 'view'; asked: number; bbox: [number, number, number, number]; zoom: number }
  | { type: 'expand'; id: number; lat: number; lng: number }
  /** The outline of each county's places, for when the base map cannot load. */
  | { type: 'outlines' };

export type ViewFeature = { kind: 'cluster'; id: number; count: number; lat: number; lng: number } | { kind: 'point'; properties: PointProperties; lat: number; lng: number };

export type MapAnswer =
  | { type: 'loaded' }
  | { type: 'failed' }
  | { type: 'filtered'; shown: number; bounds: [[number, number], [number, number]] | null }
  | { type: 'view'; asked: number; features: ViewFeature[] }
  | { type: 'expand'; zoom: number; lat: number; lng: number }
  /** Each county's outline: the smallest shape around all its places, as [lat, lng] corners. */
  | { type: 'outlines'; outlines: { countyId: number; corners: [number, number][] }[] };
