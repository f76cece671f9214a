// The map's points, kept off the page's thread: the feed's bytes are read here, filtered, and grouped into
// clusters (supercluster) once per filter; the page asks for what one view shows, a few hundred markers at most,
// however many points there are.
import Supercluster from 'supercluster';
import { hull } from '#src/lib/map/outline.ts';
import type { MapAnswer, MapAsk, PointProperties } from './map-messages.ts';

interface Point {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: PointProperties;
}

let points: Point[] = [];
let clusters = new Supercluster<PointProperties>();
const answer = (message: MapAnswer) => postMessage(message);

onmessage = ({ data: ask }: MessageEvent<MapAsk>) => {
  if (ask.type === 'load') {
    if (!ask.feed) return answer({ type: 'failed' });
    points = (JSON.parse(new TextDecoder().decode(ask.feed)) as { features: Point[] }).features;
    return answer({ type: 'loaded' });
  }
  if (ask.type === 'filter') {
    const { county, institution, state, kind } = ask.filters;
    const shown = points.filter(({ properties: p }) => (!county || p.countyId === county) && (!institution || p.institutions.includes(institution)) && (!state || p.state === state) && (!kind || p.kind === kind));
    clusters = new Supercluster<PointProperties>({ radius: 60, maxZoom: 16 }).load(shown);
    let [south, west, north, east] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { geometry: { coordinates: [lng, lat] } } of shown) [south, west, north, east] = [Math.min(south, lat), Math.min(west, lng), Math.max(north, lat), Math.max(east, lng)];
    return answer({ type: 'filtered', shown: shown.length, bounds: shown.length === 0 ? null : [[south, west], [north, east]] });
  }
  if (ask.type === 'view') {
    const features = clusters.getClusters(ask.bbox, ask.zoom).map((f) =>
      'cluster' in f.properties && f.properties.cluster
        ? { kind: 'cluster' as const, id: f.properties.cluster_id, count: f.properties.point_count, lat: f.geometry.coordinates[1], lng: f.geometry.coordinates[0] }
        : { kind: 'point' as const, properties: f.properties as PointProperties, lat: f.geometry.coordinates[1], lng: f.geometry.coordinates[0] },
    );
    return answer({ type: 'view', asked: ask.asked, features });
  }
  if (ask.type === 'expand') return answer({ type: 'expand', zoom: clusters.getClusterExpansionZoom(ask.id), lat: ask.lat, lng: ask.lng });
  if (ask.type === 'outlines') {
    const byCounty = new Map<number, [number, number][]>();
    for (const { geometry, properties } of points) {
      if (properties.countyId === undefined) continue;
      const corners = byCounty.get(properties.countyId) ?? [];
      corners.push([geometry.coordinates[1], geometry.coordinates[0]]);
      byCounty.set(properties.countyId, corners);
    }
    return answer({ type: 'outlines', outlines: [...byCounty].map(([countyId, places]) => ({ countyId, corners: hull(places) })) });
  }
};

