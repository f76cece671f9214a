// How the map shows each state: one colour each, told apart in the legend by name as well as colour.
export const MAP_STATES = ['overdue', 'visited', 'paired', 'other'] as const;
export type MapState = (typeof MAP_STATES)[number];

export const STATE_COLOURS: Record<MapState, string> = { overdue: '#c62828', visited: '#2e7d32', paired: '#1565c0', other: '#6b7280' };
