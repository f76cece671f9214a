// The map's villages and (where the viewer may see them) households, as GeoJSON in the tiles' coordinate
// system; ?city=<area id> limits it to one city.
import type { APIRoute } from 'astro';
import { mapFeatures } from '#src/lib/map/map.server.ts';
import { config } from '#src/lib/server/config.ts';
import { getDb } from '#src/lib/server/db.ts';

export const GET: APIRoute = ({ locals, url }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const body = JSON.stringify(mapFeatures(getDb(), { actor: locals.actor, crs: config().TILE_CRS, cityId: Number(url.searchParams.get('city')) || null }));
  return new Response(body, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
};
