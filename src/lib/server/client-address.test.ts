import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from './client-address.ts';

describe('client address', () => {
  it('is unknown until TRUSTED_PROXIES says how the site is reached', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', parseTrustedProxies(undefined))).toBeNull();
  });

  it('is the connection’s when clients come directly, whatever they claim', () => {
    expect(clientAddress('::ffff:203.0.113.7', '198.51.100.1', parseTrustedProxies('none'))).toBe('203.0.113.7');
  });

  it('behind trusted proxies is the last forwarded address that is not a proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.2, 10.0.0.3');
    // A client may write anything before its own address; the proxies append what they saw.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 203.0.113.7, 10.0.0.3', trusted)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', null, trusted)).toBe('10.0.0.2');
    // Not through a trusted proxy: its header is not believed.
    expect(clientAddress('198.51.100.9', '1.1.1.1', trusted)).toBe('198.51.100.9');
  });
});
