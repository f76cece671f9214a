import type { EventState } from '#db/schema.ts';
import type { MessageKey } from '#src/i18n/index.ts';

// How the map shows each state: one colour each, told apart in the legend by name as well as colour.
export const MAP_STATES = ['overdue', 'visited', 'paired', 'other'] as const;
export type MapState = (typeof MAP_STATES)[number];

export const STATE_COLOURS: Record<MapState, string> = { overdue: '#c62828', visited: '#2e7d32', paired: '#1565c0', other: '#6b7280' };

/** Events on a campaign's map, by state. */
export const EVENT_STATE_COLOURS: Record<EventState, string> = { draft: '#6b7280', published: '#1565c0', done: '#2e7d32', cancelled: '#c62828' };

/** The map's words, in the page's language; `states` names each marker state (state_<state>). */
export function mapLabels(t: (key: MessageKey) => string, region: string, states: Record<string, string>): Record<string, string> {
  return {
    region,
    loading: t('map.loading'),
    loadFailed: t('map.loadFailed'),
    tilesDown: t('map.tilesDown'),
    shown: t('map.shown'),
    zoomIn: t('map.zoomIn'),
    zoomOut: t('map.zoomOut'),
    ...Object.fromEntries(Object.entries(states).map(([state, name]) => [`state_${state}`, name])),
  };
}

export interface EventPoint {
  id: number;
  title: string;
  /** What the popup says under the title: date, time, place. */
  place: string;
  state: EventState;
  organiserId: number;
  peopleSeen: number | null;
  lat: number | null;
  lng: number | null;
}

/** Events with a location as GeoJSON, in the tiles' coordinate system (`point` converts from WGS-84). */
export function eventFeatures(events: EventPoint[], point: (lat: number, lng: number) => [number, number]) {
  return {
    type: 'FeatureCollection' as const,
    features: events
      .filter((e) => e.lat !== null && e.lng !== null)
      .map((e) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: point(e.lat!, e.lng!) },
        properties: { kind: 'event' as const, id: e.id, name: e.title, place: e.place, state: e.state, institutions: [e.organiserId], peopleSeen: e.peopleSeen },
      })),
  };
}
