// Who is asking, as far as the site can know it. Behind a reverse proxy every request comes from the proxy,
// and one hospital's staff may share one address: so an address is only taken when TRUSTED_PROXIES says how
// the site is reached, and limits that count by address apply only then.

/** `none`: clients reach the site directly; otherwise the addresses of the reverse proxies in front of it. */
export type TrustedProxies = 'none' | string[];

export function parseTrustedProxies(setting: string | undefined): TrustedProxies | null {
  if (setting === undefined) return null;
  if (setting.trim().toLowerCase() === 'none') return 'none';
  return setting.split(',').map((address) => plainAddress(address.trim())).filter(Boolean);
}

/** An IPv4 address as IPv6 sockets report it (::ffff:10.0.0.2) written plainly. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/**
 * The client's address: the connection's own when clients come directly or through no known proxy; through a
 * trusted proxy, the last address in X-Forwarded-For that is not one of the proxies (the ones before it can
 * be written by anyone). Null when TRUSTED_PROXIES is not set.
 */
export function clientAddress(connection: string, forwardedFor: string | null, trusted: TrustedProxies | null): string | null {
  if (trusted === null) return null;
  const peer = plainAddress(connection);
  if (trusted === 'none' || !trusted.includes(peer)) return peer;
  const hops = (forwardedFor ?? '').split(',').map((hop) => plainAddress(hop.trim())).filter(Boolean);
  return hops.reverse().find((hop) => !trusted.includes(hop)) ?? peer;
}
