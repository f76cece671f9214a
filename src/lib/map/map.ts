import type { EventState } from '../../../db/schema.ts';

// How the map shows each state: one colour each, told apart in the legend by name as well as colour.
export const MAP_STATES = ['overdue', 'visited', 'paired', 'other'] as const;
export type MapState = (typeof MAP_STATES)[number];

export const STATE_COLOURS: Record<MapState, string> = { overdue: '#c62828', visited: '#2e7d32', paired: '#1565c0', other: '#6b7280' };

/** Events on a campaign's map, by state. */
export const EVENT_STATE_COLOURS: Record<EventState, string> = { draft: '#6b7280', published: '#1565c0', done: '#2e7d32', cancelled: '#c62828' };
