// The events behind a tally (the dashboard's filters) as GeoJSON for its map, each with its head count.
import type { APIRoute } from 'astro';
import { displayPoint } from '#src/lib/map/map.server.ts';
import { eventFeatures } from '#src/lib/map/map.ts';
import { config } from '#src/lib/server/config.ts';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';
import { tallyFilterSchema } from '#src/lib/tallies/tallies.ts';
import { countedEvents } from '#src/lib/tallies/tallies.server.ts';

export const GET: APIRoute = ({ locals, url }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const filters = tallyFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!filters.success) return new Response(null, { status: 400 });
  try {
    const counted = countedEvents(getDb(), { actor: locals.actor, filters: filters.data });
    const points = counted.map((e) => ({ ...e, place: `${e.date} · ${e.organiser}${e.village ? ` · ${e.village}` : ''}`, state: 'done' as const }));
    return new Response(JSON.stringify(eventFeatures(points, displayPoint(config().TILE_CRS))), { headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return refusalResponse(error);
  }
};
