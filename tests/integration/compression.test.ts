// The site's own server compresses what it sends to clients that accept it: pages, data downloads and
// scripts, with brotli or gzip, each decompressing to exactly what an uncompressing client is sent.
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite } from '../setup/site.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire. */
  body: Buffer;
}

/** A GET that hands back the bytes as sent, undecoded (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const decoded = (raw: Raw) => (raw.headers['content-encoding'] === 'br' ? brotliDecompressSync(raw.body) : raw.headers['content-encoding'] === 'gzip' ? gunzipSync(raw.body) : raw.body);

describe('compression', () => {
  let site: Site;
  let cookie: string;

  beforeAll(async () => {
    site = await startSite();
    cookie = await sessionCookieFor(site.db, 'publicity');
  });
  afterAll(() => site?.stop());

  it('sends a page with brotli to a browser that accepts it, gzip to one that takes only gzip, and plain text to one that asks for neither', async () => {
    const url = `${site.url}/tallies`;
    const plain = await rawGet(url, { Cookie: cookie });
    const brotli = await rawGet(url, { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate, br' });
    const gzip = await rawGet(url, { Cookie: cookie, 'Accept-Encoding': 'gzip' });
    expect([plain.status, brotli.status, gzip.status]).toEqual([200, 200, 200]);
    expect([plain.headers['content-encoding'], brotli.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual([undefined, 'br', 'gzip']);
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    // The same page each time, but for what is made afresh for each answer (script nonces, forms' keys, the
    // charts' style names).
    const fresh = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce').replace(/name="_submission" value="[^"]*"/g, 'key').replace(/zr\d+-cls-\d+/g, 'zr');
    expect(fresh(decoded(brotli).toString())).toBe(fresh(plain.body.toString()));
    expect(fresh(decoded(gzip).toString())).toBe(fresh(plain.body.toString()));
    expect(brotli.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('compresses the data downloads and the built scripts and styles', async () => {
    const csv = await rawGet(`${site.url}/api/tallies.csv`, { Cookie: cookie, 'Accept-Encoding': 'br' });
    expect([csv.status, csv.headers['content-encoding']]).toEqual([200, 'br']);
    expect(decoded(csv).toString()).toContain('出动救护车');
    const home = (await rawGet(`${site.url}/login`, {})).body.toString();
    const style = /href="(\/_astro\/[^"]+\.css)"/.exec(home)![1];
    const plainStyle = await rawGet(site.url + style, {});
    const gzipStyle = await rawGet(site.url + style, { 'Accept-Encoding': 'gzip' });
    expect(gzipStyle.headers['content-encoding']).toBe('gzip');
    expect(gzipStyle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decoded(gzipStyle).equals(plainStyle.body)).toBe(true);
  });

  it('leaves small answers as they are', async () => {
    const redirect = await rawGet(`${site.url}/tallies`, { 'Accept-Encoding': 'br' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers['content-encoding']).toBeUndefined();
  });
});
