// The headers every answer carries: what a page may load (scripts only from the site itself, never inline,
// and only the map's tile server besides), that no other site may frame it, that a file is never read as
// another type, that addresses (which name households) do not leak to other sites, and that pages with
// personal data are never kept in a cache.
import { config } from './config.ts';

/** The tile server as a source a page may load images from: its origin, any {s} subdomain as a wildcard. */
export function tileSource(tileUrl: string): string {
  const origin = /^(https?:\/\/[^/]+)/.exec(tileUrl)?.[1] ?? '';
  return origin.replace(/^(https?:\/\/)[^/.]*\{s\}[^/.]*\./, '$1*.');
}

export function contentSecurityPolicy(tileUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Charts and map markers are drawn with style attributes; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tileSource(tileUrl)}`.trim(),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the headers on an answer (a copy when its headers cannot change, as a redirect's), and returns it. */
export function withSecurityHeaders(response: Response, { signedIn }: { signedIn: boolean }): Response {
  let answer = response;
  try {
    answer.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    answer = new Response(response.body, response);
    answer.headers.set('X-Content-Type-Options', 'nosniff');
  }
  const headers = answer.headers;
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  const type = headers.get('Content-Type') ?? '';
  if (type.startsWith('text/html')) {
    if (!/charset/i.test(type)) headers.set('Content-Type', 'text/html; charset=utf-8');
    headers.set('Content-Security-Policy', contentSecurityPolicy(config().TILE_URL));
  }
  // What a signed-in person is shown may name households; a shared computer's cache must not keep it.
  if (signedIn && !headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
  return answer;
}
