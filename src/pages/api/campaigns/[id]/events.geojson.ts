// A campaign's events that have a location, as GeoJSON in the tiles' coordinate system.
import type { APIRoute } from 'astro';
import { campaignEventFeatures, getCampaign } from '#src/lib/campaigns/campaigns.server.ts';
import { displayPoint } from '#src/lib/map/map.server.ts';
import { config } from '#src/lib/server/config.ts';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';

export const GET: APIRoute = ({ locals, params }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const campaignId = Number(params.id);
  if (!Number.isInteger(campaignId) || campaignId <= 0) return new Response(null, { status: 404 });
  try {
    const { events } = getCampaign(getDb(), { actor: locals.actor, campaignId });
    const body = JSON.stringify(campaignEventFeatures(events, displayPoint(config().TILE_CRS)));
    return new Response(body, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return refusalResponse(error);
  }
};
